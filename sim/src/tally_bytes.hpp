// Tallies as bytes, for another rank (sim/ranks.hpp): a block's RunTally and
// the paired tallies of a comparison, written field by field and read back
// into the same values. Both ends are the same program on the same kind of
// machine, so the accumulators (plain integers) travel as their bytes.
#pragma once

#include <cstddef>
#include <cstring>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "journeysim/sim/compare.hpp"
#include "journeysim/sim/tallies.hpp"

namespace journeysim::detail {

class ByteWriter {
 public:
  template <class T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const std::byte*>(&v);
    bytes_.insert(bytes_.end(), p, p + sizeof(T));
  }
  template <class T>
  void values(std::span<const T> vs) {
    static_assert(std::is_trivially_copyable_v<T>);
    value(static_cast<std::uint64_t>(vs.size()));
    const auto* p = reinterpret_cast<const std::byte*>(vs.data());
    bytes_.insert(bytes_.end(), p, p + vs.size_bytes());
  }
  template <class T>
  void values(const std::vector<T>& vs) {
    values(std::span<const T>(vs));
  }
  const std::vector<std::byte>& bytes() const { return bytes_; }

 private:
  std::vector<std::byte> bytes_;
};

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::byte> bytes) : bytes_(bytes) {}
  template <class T>
  void value(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    take(&v, sizeof(T));
  }
  template <class T>
  void values(std::vector<T>& vs) {
    std::uint64_t count = 0;
    value(count);
    if (count > (bytes_.size() - at_) / std::max<std::size_t>(1, sizeof(T))) throw_short();
    vs.resize(count);
    take(vs.data(), count * sizeof(T));
  }
  bool at_end() const { return at_ == bytes_.size(); }

 private:
  void take(void* into, std::size_t n) {
    if (n > bytes_.size() - at_) throw_short();
    std::memcpy(into, bytes_.data() + at_, n);
    at_ += n;
  }
  [[noreturn]] static void throw_short() { throw std::runtime_error("a rank's block arrived cut short"); }
  std::span<const std::byte> bytes_;
  std::size_t at_ = 0;
};

void write(ByteWriter& out, const RunTally& tally);
void read(ByteReader& in, RunTally& tally);
void write(ByteWriter& out, const PairedTally& tally);
void read(ByteReader& in, PairedTally& tally);

}  // namespace journeysim::detail
