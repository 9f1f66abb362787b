// --out as a user meets it (shared by every command): never over the
// scenario, never over a read-only file, keeping a file's mode, following
// links, writing devices, saying what to do, and never half-written when
// interrupted (exit 130 for SIGINT, 143 for SIGTERM; no temporary left).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "../run_program.hpp"

namespace {

using namespace journeysim::test_programs;
namespace fs = std::filesystem;

class OutFile : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() / ("journeysim-outfile-" + std::to_string(::getpid()));
    fs::remove_all(folder_);
    fs::create_directories(folder_);
    scenario_ = folder_ / "store.json";
    fs::copy_file(scenario("online_store.json"), scenario_);
    original_ = slurp(scenario_);
  }
  void TearDown() override { fs::remove_all(folder_); }
  std::size_t entries() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder_)) ++n;
    return n;
  }
  fs::path folder_;
  fs::path scenario_;
  std::string original_;
};

TEST_F(OutFile, TheScenarioItselfIsRefusedHoweverItIsNamed) {
  fs::create_hard_link(scenario_, folder_ / "hard.json");
  fs::create_symlink("store.json", folder_ / "soft.json");
  for (const std::string& out :
       {scenario_.string(), std::string("./store.json"), std::string("hard.json"), std::string("soft.json"),
        folder_.string() + "/../" + folder_.filename().string() + "/store.json"}) {
    for (const std::string command : {"run", "compare", "analyze"}) {
      const std::string size = command == "analyze" ? "" : " --customers 1000";
      const Invocation run = run_program("cd " + folder_.string() + " && " + JOURNEYSIM_BINARY + " " + command +
                                         " store.json" + size + " --out " + out);
      EXPECT_EQ(run.exit_code, 2) << command << " --out " << out << ": " << run.err;
      EXPECT_NE(run.err.find("is the scenario file store.json itself"), std::string::npos) << run.err;
      EXPECT_NE(run.err.find("; name another file"), std::string::npos) << run.err;
      EXPECT_EQ(slurp(scenario_), original_);
    }
  }
  EXPECT_EQ(entries(), 3u);
}

TEST_F(OutFile, AReadOnlyFileIsRefusedBeforeTheRun) {
  const fs::path out = folder_ / "locked.json";
  { std::ofstream(out) << "keep me"; }
  ASSERT_EQ(::chmod(out.c_str(), 0444), 0);
  const Invocation run = run_journeysim("run " + scenario_.string() + " --customers 1000 --out " + out.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            out.string() + ": error: " + out.string() +
                " is read-only; make it writable (chmod u+w) if it should be replaced, or write to another file\n");
  EXPECT_EQ(slurp(out), "keep me");
  struct stat info {};
  ASSERT_EQ(::stat(out.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0444u);
}

TEST_F(OutFile, ReplacingAFileKeepsItsMode) {
  const fs::path out = folder_ / "report.json";
  { std::ofstream(out) << "old"; }
  ASSERT_EQ(::chmod(out.c_str(), 0640), 0);
  const Invocation run = run_journeysim("run " + scenario_.string() + " --customers 1000 --out " + out.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(nlohmann::json::accept(slurp(out)));
  struct stat info {};
  ASSERT_EQ(::stat(out.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0640u);
}

TEST_F(OutFile, ALinkIsFollowedToItsTarget) {
  fs::create_directories(folder_ / "reports");
  fs::create_symlink("reports/latest.csv", folder_ / "latest.csv");
  const Invocation run =
      run_journeysim("run " + scenario_.string() + " --customers 1000 --out " + (folder_ / "latest.csv").string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(fs::is_symlink(folder_ / "latest.csv"));
  EXPECT_EQ(slurp(folder_ / "reports/latest.csv").rfind("section,key,metric,value,ci95_lo,ci95_hi\n", 0), 0u);
}

TEST_F(OutFile, AFullDeviceIsWrittenInPlaceAndItsErrorReported) {
  // Only ever through links in the test's folder: a writer that renames over
  // its target would replace the link there, never /dev/full or /dev/null
  // themselves (as root it could).
  fs::create_symlink("/dev/full", folder_ / "full.json");
  fs::create_symlink("/dev/null", folder_ / "null.json");
  const std::string full = (folder_ / "full.json").string();
  const Invocation run = run_journeysim("run " + scenario_.string() + " --customers 1000 --out " + full);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, full +
                         ": error: cannot write /dev/full: No space left on device; free some space on that disk, "
                         "or write to another one\n");
  const Invocation null =
      run_journeysim("run " + scenario_.string() + " --customers 1000 --out " + (folder_ / "null.json").string());
  EXPECT_EQ(null.exit_code, 0) << null.err;
  EXPECT_TRUE(fs::is_symlink(folder_ / "full.json"));
  EXPECT_TRUE(fs::is_symlink(folder_ / "null.json"));
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST_F(OutFile, AFullStandardOutputIsAnError) {
  const Invocation run = run_program("(" + std::string(JOURNEYSIM_BINARY) + " run " + scenario_.string() +
                                     " --customers 1000 --format json >/dev/full)");
  EXPECT_EQ(run.exit_code, 1) << run.err;
}

TEST_F(OutFile, ErrorsSayWhatToDo) {
  const Invocation missing =
      run_journeysim("run " + scenario_.string() + " --customers 1000 --out " + (folder_ / "no/such/r.json").string());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("No such file or directory; create the folder first"), std::string::npos) << missing.err;
  fs::create_directories(folder_ / "reports");
  const Invocation folder =
      run_journeysim("run " + scenario_.string() + " --customers 1000 --out " + (folder_ / "reports").string());
  EXPECT_EQ(folder.exit_code, 1);
  EXPECT_NE(folder.err.find("reports is a folder; name a file to write"), std::string::npos) << folder.err;
}

TEST_F(OutFile, ANameAtTheFileNameLimitWorks) {
  const fs::path out = folder_ / (std::string(250, 'r') + ".json");  // 255 bytes, NAME_MAX
  const Invocation run = run_journeysim("run " + scenario_.string() + " --customers 1000 --out " + out.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(nlohmann::json::accept(slurp(out)));
  EXPECT_EQ(entries(), 2u);
}

TEST_F(OutFile, TheFormatFollowsTheExtension) {
  const auto write = [&](const std::string& name, const std::string& extra = "") {
    const Invocation run =
        run_journeysim("run " + scenario_.string() + " --customers 1000 --out " + (folder_ / name).string() + extra);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return slurp(folder_ / name);
  };
  EXPECT_TRUE(nlohmann::json::accept(write("report.json")));
  EXPECT_TRUE(nlohmann::json::accept(write("REPORT.JSON")));
  EXPECT_EQ(write("report.csv").rfind("section,key,metric,", 0), 0u);
  EXPECT_EQ(write("report.txt").rfind("Online store: 1,000 customers", 0), 0u);
  EXPECT_EQ(write("forced.json", " --format csv").rfind("section,key,metric,", 0), 0u);  // --format wins
}

// The process id of `args` run in the background, its streams to files in `folder`.
pid_t start_journeysim(const std::vector<std::string>& args, const fs::path& folder) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const std::string out = (folder / "stdout").string();
    const std::string err = (folder / "stderr").string();
    if (!std::freopen(out.c_str(), "w", stdout) || !std::freopen(err.c_str(), "w", stderr)) ::_exit(127);
    std::vector<char*> argv{const_cast<char*>(JOURNEYSIM_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(JOURNEYSIM_BINARY, argv.data());
    ::_exit(127);
  }
  return pid;
}

std::size_t thread_count(pid_t pid) {
  std::size_t n = 0;
  std::error_code ec;
  for (fs::directory_iterator it("/proc/" + std::to_string(pid) + "/task", ec), end; !ec && it != end; it.increment(ec))
    ++n;
  return n;
}

// Waits for the child's exit; SIGKILLs it (a failure) if a signal did not end it.
int wait_for_exit(pid_t pid) {
  int status = 0;
  for (int polls = 0; polls < 6000; ++polls) {  // a guard against a hang, not a synchronisation
    if (::waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -2;
}

TEST_F(OutFile, AnInterruptedRunStopsWith128PlusTheSignalAndWritesNothing) {
  const fs::path logs = folder_ / "logs";
  fs::create_directories(logs);
  for (const std::string command : {"run", "compare", "sweep"}) {
    for (int signal : {SIGINT, SIGTERM}) {
      std::vector<std::string> args{command,       scenario_.string(),
                                    "--customers", "1000000000000",
                                    "--threads",   "2",
                                    "--out",       (folder_ / "report.json").string()};
      if (command == "sweep") args.insert(args.end(), {"--set", "touchpoints.checkout.effort=1..7"});
      const pid_t pid = start_journeysim(args, logs);
      ASSERT_GT(pid, 0);
      // The run has started when its worker thread has (loading is single-threaded).
      while (thread_count(pid) < 2 && ::waitpid(pid, nullptr, WNOHANG) == 0) std::this_thread::yield();
      ASSERT_EQ(::kill(pid, signal), 0);
      EXPECT_EQ(wait_for_exit(pid), 128 + signal) << command << " signal " << signal << ": " << slurp(logs / "stderr");
      EXPECT_EQ(slurp(logs / "stderr"), "journeysim: interrupted; nothing was written\n") << command;
      EXPECT_EQ(entries(), 2u) << command;  // the scenario and logs/: no report, no temporary
    }
  }
}

}  // namespace
