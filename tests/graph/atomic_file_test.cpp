// write_file_atomically, which the CLI's --out and the viewer's Save share:
// what the replaced file was survives (mode, owner, a link, a device), what
// cannot be written is refused, and nothing is left half-written.
#include "journeysim/graph/atomic_file.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace journeysim {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class AtomicFile : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() / ("journeysim-atomic-" + std::to_string(::getpid()));
    fs::remove_all(folder_);
    fs::create_directories(folder_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::permissions(folder_, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(folder_, ignored);
  }
  fs::path file(const std::string& name, const std::string& text) const {
    const fs::path path = folder_ / name;
    std::ofstream(path) << text;
    return path;
  }
  std::size_t entries() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder_)) ++n;
    return n;
  }
  fs::path folder_;
};

TEST_F(AtomicFile, WritesANewFile) {
  const WriteResult written = write_file_atomically((folder_ / "new.json").string(), "{}\n");
  ASSERT_TRUE(written.ok) << written.problem;
  EXPECT_EQ(read(folder_ / "new.json"), "{}\n");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFile, KeepsTheModeAndOwnerOfTheFileItReplaces) {
  const fs::path path = file("shared.json", "old");
  ASSERT_EQ(::chmod(path.c_str(), 0640), 0);
  const bool root = ::geteuid() == 0;
  if (root) {
    ASSERT_EQ(::chown(path.c_str(), 12345, 23456), 0);
  }
  const WriteResult written = write_file_atomically(path.string(), "new");
  ASSERT_TRUE(written.ok) << written.problem;
  EXPECT_EQ(read(path), "new");
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0640u);
  if (root) {
    EXPECT_EQ(info.st_uid, 12345u);
    EXPECT_EQ(info.st_gid, 23456u);
  }
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFile, RefusesAReadOnlyFile) {
  const fs::path path = file("locked.json", "keep me");
  ASSERT_EQ(::chmod(path.c_str(), 0444), 0);
  for (const WriteResult& result : {check_writable(path.string()), write_file_atomically(path.string(), "new")}) {
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.problem, path.string() + " is read-only");
    EXPECT_NE(result.fix.find("chmod u+w"), std::string::npos) << result.fix;
  }
  EXPECT_EQ(read(path), "keep me");
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0444u);
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFile, RefusesAFolder) {
  fs::create_directories(folder_ / "reports");
  const WriteResult written = write_file_atomically((folder_ / "reports").string(), "x");
  EXPECT_FALSE(written.ok);
  EXPECT_EQ(written.problem, (folder_ / "reports").string() + " is a folder");
  EXPECT_FALSE(written.fix.empty());
}

TEST_F(AtomicFile, FollowsASymbolicLinkToItsTarget) {
  fs::create_directories(folder_ / "real");
  const fs::path target = file("real/report.json", "old");
  fs::create_symlink("real/report.json", folder_ / "link.json");  // relative to the link's folder
  const WriteResult written = write_file_atomically((folder_ / "link.json").string(), "new");
  ASSERT_TRUE(written.ok) << written.problem;
  EXPECT_TRUE(fs::is_symlink(folder_ / "link.json"));
  EXPECT_EQ(read(target), "new");
  EXPECT_EQ(entries(), 2u);  // real/ and the link: no temporary left

  fs::create_symlink("real/not_yet.json", folder_ / "dangling.json");
  ASSERT_TRUE(write_file_atomically((folder_ / "dangling.json").string(), "made").ok);
  EXPECT_TRUE(fs::is_symlink(folder_ / "dangling.json"));
  EXPECT_EQ(read(folder_ / "real/not_yet.json"), "made");
}

TEST_F(AtomicFile, WritesADeviceInPlaceAndReportsItsErrors) {
  // Through links, so that a writer that renames replaces the link, never the device.
  fs::create_symlink("/dev/null", folder_ / "null");
  fs::create_symlink("/dev/full", folder_ / "full");
  EXPECT_TRUE(write_file_atomically((folder_ / "null").string(), "discarded").ok);
  const WriteResult full = write_file_atomically((folder_ / "full").string(), "no room");
  EXPECT_FALSE(full.ok);
  EXPECT_NE(full.problem.find("No space left on device"), std::string::npos) << full.problem;
  EXPECT_NE(full.fix.find("free some space"), std::string::npos) << full.fix;
  EXPECT_TRUE(fs::is_symlink(folder_ / "null"));
  EXPECT_TRUE(fs::is_symlink(folder_ / "full"));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
  EXPECT_EQ(entries(), 2u);
}

TEST_F(AtomicFile, ANameAtTheFileNameLimitWorks) {
  const std::string name = std::string(250, 'r') + ".json";  // 255 bytes: NAME_MAX
  const WriteResult written = write_file_atomically((folder_ / name).string(), "long");
  ASSERT_TRUE(written.ok) << written.problem;
  EXPECT_EQ(read(folder_ / name), "long");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFile, CancellingLeavesTheTargetAndNoTemporary) {
  const fs::path path = file("report.json", "old");
  const std::atomic<bool> cancel{true};
  const WriteResult written = write_file_atomically(path.string(), std::string(3 << 20, 'x'), &cancel);
  EXPECT_FALSE(written.ok);
  EXPECT_TRUE(written.cancelled);
  EXPECT_EQ(read(path), "old");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFile, AMissingFolderIsSaidSo) {
  const WriteResult written = write_file_atomically((folder_ / "no_such" / "report.json").string(), "x");
  EXPECT_FALSE(written.ok);
  EXPECT_NE(written.problem.find("No such file or directory"), std::string::npos) << written.problem;
  EXPECT_NE(written.fix.find("create the folder"), std::string::npos) << written.fix;
}

}  // namespace
}  // namespace journeysim
