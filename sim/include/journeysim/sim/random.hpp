// Keyed random draws (DESIGN section 5): every random number of a run is a pure
// function of (seed, customer, touchpoint, visit at that touchpoint, purpose), so
// a draw never depends on how many draws came before it. That is what lets a
// what-if variant pair with the baseline customer by customer, and what makes a
// report independent of the thread count. Counter-based: no state, no stream.
#pragma once

#include <cstdint>

namespace journeysim {

// What a draw is for. Each purpose gets its own draws, so adding draws for one
// feature never shifts another's.
// The numeric values are part of the reproducibility contract: reports made with
// a given seed depend on them. Never renumber; add new purposes at the end.
enum class Purpose : std::uint32_t {
  segment = 0,
  entry = 1,
  dwell = 2,
  sentiment = 3,
  rating = 4,
  choice = 5,
  nps = 6,
  queue_arrival = 7,
  queue_patience = 8,
  queue_service = 9,
};

// Everything a draw is a function of. Draws that belong to the customer rather
// than to a visit (segment, entry, NPS) leave touchpoint and visit at 0.
struct DrawKey {
  std::uint64_t seed = 0;
  std::uint64_t customer = 0;
  std::uint32_t touchpoint = 0;
  std::uint32_t visit = 0;  // 0 for the first visit of this customer to this touchpoint
  Purpose purpose = Purpose::segment;

  friend constexpr bool operator==(const DrawKey&, const DrawKey&) = default;
};

// SplitMix64's output function (Stafford's "Mix13" variant of the MurmurHash3
// fmix64 finaliser): a bijection on 64-bit words in which flipping any input bit
// flips each output bit with probability close to 1/2.
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// A draw's bits are folded in one field at a time, each fold followed by a full
// mixing round: seed, then customer, then (touchpoint, visit), then (purpose,
// sub). A change in any field reaches every output bit, and each round is a
// bijection for fixed later fields, so changing one field alone always changes
// the result. The engine makes five or so draws per visit and dozens per
// customer, so the rounds of the fields they share are kept rather than
// redone: VisitDraws holds a draw's state after (touchpoint, visit),
// CustomerDraws after (seed, customer). draw_bits is defined through them, so
// the shortcut and the plain key give the same bits by construction.

// The draws of one visit: the purpose round is all that is left to do.
class VisitDraws {
 public:
  explicit constexpr VisitDraws(std::uint64_t state) noexcept : state_(state) {}

  // `sub` numbers the uniforms of one purpose at one visit when it needs
  // several (the CSAT noise and a second variate, say); the plain draw is sub 0.
  constexpr std::uint64_t bits(Purpose purpose, std::uint32_t sub = 0) const noexcept {
    return mix64(state_ ^ ((std::uint64_t{static_cast<std::uint32_t>(purpose)} << 32) | sub));
  }
  constexpr double uniform(Purpose purpose, std::uint32_t sub = 0) const noexcept;

 private:
  std::uint64_t state_;
};

// The draws of one customer of one run.
class CustomerDraws {
 public:
  constexpr CustomerDraws(std::uint64_t seed, std::uint64_t customer) noexcept
      // The odd constant keeps seed 0 from starting at mix64's fixed point 0.
      : state_(mix64(mix64(seed ^ 0x9E3779B97F4A7C15ULL) ^ customer)) {}

  // Draws that belong to the customer rather than to a visit (segment, entry,
  // NPS) use touchpoint 0, visit 0.
  constexpr VisitDraws at(std::uint32_t touchpoint, std::uint32_t visit) const noexcept {
    return VisitDraws(mix64(state_ ^ ((std::uint64_t{touchpoint} << 32) | visit)));
  }

 private:
  std::uint64_t state_;
};

// The 64 random bits of a draw (the sub-th uniform of its purpose at its visit).
constexpr std::uint64_t draw_bits(const DrawKey& key, std::uint32_t sub = 0) noexcept {
  return CustomerDraws(key.seed, key.customer).at(key.touchpoint, key.visit).bits(key.purpose, sub);
}

// Maps 64 random bits to a double strictly inside (0, 1): the midpoint of one of
// 2^52 equal cells, (k + 1/2) / 2^52 for the top 52 bits k. Why 52 and not 53:
// doubles next to 1 are 2^-53 apart, so (k + 1/2) / 2^53 for a 53-bit k is not
// representable in the upper half and rounds, the top cell to exactly 1.0. With
// 52 bits every value is exact, the smallest is 2^-53 and the largest 1 - 2^-53,
// and u and 1 - u are both possible values (the grid is symmetric), so inverse
// CDFs of symmetric distributions stay exactly symmetric.
constexpr double unit_interval(std::uint64_t bits) noexcept {
  constexpr double cell = 1.0 / 4503599627370496.0;  // 2^-52
  return (static_cast<double>(bits >> 12) + 0.5) * cell;
}

// The uniform variate of a key: in (0, 1), never 0 or 1. Branch-free and inline:
// the engine makes several of these per visit.
constexpr double uniform(const DrawKey& key) noexcept { return unit_interval(draw_bits(key, 0)); }

// The sub-th uniform of a key; uniform(key, 0) == uniform(key).
constexpr double uniform(const DrawKey& key, std::uint32_t sub) noexcept { return unit_interval(draw_bits(key, sub)); }

constexpr double VisitDraws::uniform(Purpose purpose, std::uint32_t sub) const noexcept {
  return unit_interval(bits(purpose, sub));
}

}  // namespace journeysim
