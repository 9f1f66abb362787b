// Tests the keyed random draws (sim/random.hpp): purity, sensitivity to every
// field, avalanche, the open unit interval, and the statistics of the uniforms
// (mean, variance, chi-square uniformity, correlation between neighbouring keys).
#include "journeysim/sim/random.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace journeysim {
namespace {

constexpr std::uint64_t test_seed = 20240611;
constexpr std::size_t million = 1'000'000;

// The draw of customer i with every other field fixed: the engine's most common pattern.
double customer_draw(std::uint64_t customer, std::uint64_t seed = test_seed) {
  return uniform(DrawKey{.seed = seed, .customer = customer, .touchpoint = 3, .visit = 0, .purpose = Purpose::dwell});
}

TEST(Purpose, ValuesAreTheReproducibilityContract) {
  // Renumbering a purpose changes every report made with a given seed.
  EXPECT_EQ(static_cast<std::uint32_t>(Purpose::segment), 0u);
  EXPECT_EQ(static_cast<std::uint32_t>(Purpose::entry), 1u);
  EXPECT_EQ(static_cast<std::uint32_t>(Purpose::dwell), 2u);
  EXPECT_EQ(static_cast<std::uint32_t>(Purpose::sentiment), 3u);
  EXPECT_EQ(static_cast<std::uint32_t>(Purpose::rating), 4u);
  EXPECT_EQ(static_cast<std::uint32_t>(Purpose::choice), 5u);
  EXPECT_EQ(static_cast<std::uint32_t>(Purpose::nps), 6u);
  EXPECT_EQ(static_cast<std::uint32_t>(Purpose::queue_arrival), 7u);
  EXPECT_EQ(static_cast<std::uint32_t>(Purpose::queue_patience), 8u);
  EXPECT_EQ(static_cast<std::uint32_t>(Purpose::queue_service), 9u);
}

TEST(KeyedDraw, SameKeySameValue) {
  const DrawKey key{.seed = 12345, .customer = 6789, .touchpoint = 3, .visit = 1, .purpose = Purpose::dwell};
  const DrawKey copy = key;
  const double first = uniform(key);
  for (int i = 0; i < 1000; ++i) uniform(DrawKey{.seed = 1, .customer = static_cast<std::uint64_t>(i)});
  EXPECT_EQ(uniform(key), first);
  EXPECT_EQ(uniform(copy), first);
  EXPECT_EQ(uniform(key, 5), uniform(copy, 5));
  // A pure function of the key: the compiler can evaluate it.
  static_assert(uniform(DrawKey{.seed = 1, .customer = 2}) == uniform(DrawKey{.seed = 1, .customer = 2}));
}

TEST(KeyedDraw, PinnedValuesNeverChange) {
  // Reports are reproducible across versions only while these hold: a change
  // here is a change of every simulated figure for a given seed.
  const DrawKey key{.seed = 12345, .customer = 6789, .touchpoint = 3, .visit = 1, .purpose = Purpose::dwell};
  EXPECT_EQ(draw_bits(key), 0x8336b1b7e35b87c1ULL);
  EXPECT_EQ(draw_bits(key, 1), 0xc102f9222abadaa1ULL);
  EXPECT_EQ(draw_bits(DrawKey{}), 0x1957a7604e215178ULL);
  EXPECT_EQ(uniform(key), unit_interval(0x8336b1b7e35b87c1ULL));
}

// The engine draws through CustomerDraws and VisitDraws, which keep the rounds
// a customer's (and a visit's) draws share. They must give exactly the bits of
// the key folded round by round, written out here as random.hpp first defined it.
std::uint64_t draw_bits_round_by_round(const DrawKey& key, std::uint32_t sub) {
  std::uint64_t h = mix64(key.seed ^ 0x9E3779B97F4A7C15ULL);
  h = mix64(h ^ key.customer);
  h = mix64(h ^ ((std::uint64_t{key.touchpoint} << 32) | key.visit));
  h = mix64(h ^ ((std::uint64_t{static_cast<std::uint32_t>(key.purpose)} << 32) | sub));
  return h;
}

TEST(KeyedDraw, CustomerAndVisitShortcutsGiveTheKeysBits) {
  std::uint64_t state = 1;
  const auto next = [&] { return state = mix64(state + 0x9E3779B97F4A7C15ULL); };
  for (int i = 0; i < 100'000; ++i) {
    const DrawKey key{.seed = i % 3 == 0 ? 0 : next(),
                      .customer = next(),
                      .touchpoint = static_cast<std::uint32_t>(next()),
                      .visit = static_cast<std::uint32_t>(i % 2 == 0 ? next() % 4 : next()),
                      .purpose = static_cast<Purpose>(next() % 10)};
    const std::uint32_t sub = i % 4 == 0 ? static_cast<std::uint32_t>(next()) : 0;
    const VisitDraws visit = CustomerDraws(key.seed, key.customer).at(key.touchpoint, key.visit);
    ASSERT_EQ(visit.bits(key.purpose, sub), draw_bits_round_by_round(key, sub));
    ASSERT_EQ(draw_bits(key, sub), draw_bits_round_by_round(key, sub));
    ASSERT_EQ(visit.uniform(key.purpose, sub), uniform(key, sub));
  }
  static_assert(CustomerDraws(1, 2).at(0, 0).uniform(Purpose::segment) == uniform(DrawKey{.seed = 1, .customer = 2}));
}

TEST(KeyedDraw, PlainDrawIsSubZero) {
  for (std::uint64_t customer = 0; customer < 100; ++customer) {
    const DrawKey key{.seed = test_seed, .customer = customer, .purpose = Purpose::rating};
    EXPECT_EQ(uniform(key), uniform(key, 0));
    EXPECT_EQ(draw_bits(key), draw_bits(key, 0));
  }
}

TEST(KeyedDraw, EveryFieldChangesTheValue) {
  const DrawKey base{.seed = 7, .customer = 1000, .touchpoint = 4, .visit = 2, .purpose = Purpose::choice};
  const double value = uniform(base);
  // Small and large changes of each field, and of the sub-index.
  for (const std::uint64_t delta : {std::uint64_t{1}, std::uint64_t{2}, std::uint64_t{1} << 31}) {
    SCOPED_TRACE("delta " + std::to_string(delta));
    DrawKey k = base;
    k.seed += delta;
    EXPECT_NE(uniform(k), value) << "seed";
    k = base;
    k.customer += delta;
    EXPECT_NE(uniform(k), value) << "customer";
    k = base;
    k.touchpoint += static_cast<std::uint32_t>(delta);
    EXPECT_NE(uniform(k), value) << "touchpoint";
    k = base;
    k.visit += static_cast<std::uint32_t>(delta);
    EXPECT_NE(uniform(k), value) << "visit";
    EXPECT_NE(uniform(base, static_cast<std::uint32_t>(delta)), value) << "sub";
  }
  for (std::uint32_t p = 0; p <= static_cast<std::uint32_t>(Purpose::queue_service); ++p) {
    DrawKey k = base;
    k.purpose = static_cast<Purpose>(p);
    if (k.purpose == base.purpose) continue;
    EXPECT_NE(uniform(k), value) << "purpose " << p;
  }
  // Fields are not interchangeable: swapping touchpoint and visit is another draw.
  DrawKey swapped = base;
  std::swap(swapped.touchpoint, swapped.visit);
  EXPECT_NE(uniform(swapped), value);
}

TEST(KeyedDraw, NoCollisionsOverAGridOfKeys) {
  // 10 seeds x 1000 customers x 5 touchpoints x 4 visits x 10 purposes = 2 * 10^6
  // keys; with 64 random bits a single collision has probability about 1e-7.
  std::unordered_set<std::uint64_t> seen;
  seen.reserve(2'000'000);
  std::size_t keys = 0;
  for (std::uint64_t seed = 0; seed < 10; ++seed)
    for (std::uint64_t customer = 0; customer < 1000; ++customer)
      for (std::uint32_t touchpoint = 0; touchpoint < 5; ++touchpoint)
        for (std::uint32_t visit = 0; visit < 4; ++visit)
          for (std::uint32_t purpose = 0; purpose < 10; ++purpose) {
            seen.insert(draw_bits(DrawKey{seed, customer, touchpoint, visit, static_cast<Purpose>(purpose)}));
            ++keys;
          }
  EXPECT_EQ(seen.size(), keys);
}

// Flipping any one input bit (of any field, or of the sub-index) flips each of
// the 64 output bits with probability 1/2: the strict avalanche criterion,
// measured over random base keys.
TEST(KeyedDraw, EveryInputBitAffectsEveryOutputBit) {
  constexpr int samples = 10'000;
  struct Input {
    DrawKey key;
    std::uint32_t sub;
  };
  // Each input bit, as a function that flips it.
  std::vector<std::function<void(Input&)>> flips;
  for (int bit = 0; bit < 64; ++bit) {
    flips.push_back([bit](Input& in) { in.key.seed ^= std::uint64_t{1} << bit; });
    flips.push_back([bit](Input& in) { in.key.customer ^= std::uint64_t{1} << bit; });
  }
  for (int bit = 0; bit < 32; ++bit) {
    const std::uint32_t mask = std::uint32_t{1} << bit;
    flips.push_back([mask](Input& in) { in.key.touchpoint ^= mask; });
    flips.push_back([mask](Input& in) { in.key.visit ^= mask; });
    flips.push_back([mask](Input& in) { in.sub ^= mask; });
    flips.push_back([mask](Input& in) {
      in.key.purpose = static_cast<Purpose>(static_cast<std::uint32_t>(in.key.purpose) ^ mask);
    });
  }
  // 256 input bits x 64 output bits = 16384 cells, so the bound is 6 standard
  // errors (a fair cell exceeds it with probability 2e-9) rather than 5.
  const double standard_error = std::sqrt(0.25 / samples);
  const double bound = 6.0 * standard_error;
  std::uint64_t state = 99;  // base keys from SplitMix64, independent of draw_bits' chaining
  auto next = [&state] { return mix64(state += 0x9E3779B97F4A7C15ULL); };
  std::vector<Input> bases(samples);
  for (Input& in : bases) {
    const std::uint64_t packed = next();
    in = Input{DrawKey{next(), next(), static_cast<std::uint32_t>(packed), static_cast<std::uint32_t>(packed >> 32),
                       static_cast<Purpose>(static_cast<std::uint32_t>(next()))},
               static_cast<std::uint32_t>(next())};
  }
  double worst_bias = 0.0;
  for (std::size_t f = 0; f < flips.size(); ++f) {
    std::array<int, 64> flipped{};
    for (const Input& base : bases) {
      Input changed = base;
      flips[f](changed);
      const std::uint64_t difference = draw_bits(base.key, base.sub) ^ draw_bits(changed.key, changed.sub);
      for (std::size_t out = 0; out < 64; ++out) flipped[out] += static_cast<int>((difference >> out) & 1);
    }
    for (std::size_t out = 0; out < 64; ++out) {
      const double bias = std::fabs(flipped[out] / static_cast<double>(samples) - 0.5);
      worst_bias = std::max(worst_bias, bias);
      EXPECT_LT(bias, bound) << "input bit " << f << ", output bit " << out;
    }
  }
  RecordProperty("worst_avalanche_bias", std::to_string(worst_bias));
}

TEST(UnitInterval, ExtremesAreStrictlyInside) {
  const double smallest = unit_interval(0);
  const double largest = unit_interval(~std::uint64_t{0});
  EXPECT_GT(smallest, 0.0);
  EXPECT_LT(largest, 1.0);
  EXPECT_EQ(smallest, std::ldexp(1.0, -53));
  EXPECT_EQ(largest, 1.0 - std::ldexp(1.0, -53));
  // The low 12 bits are not used; the top 52 choose the cell.
  EXPECT_EQ(unit_interval(0xFFF), smallest);
  EXPECT_EQ(unit_interval(std::uint64_t{1} << 12), 3.0 * std::ldexp(1.0, -53));
}

TEST(UnitInterval, GridIsSymmetric) {
  // u and 1 - u are both values, so symmetric inverse CDFs stay symmetric.
  std::uint64_t state = 5;
  for (int i = 0; i < 10'000; ++i) {
    const std::uint64_t bits = mix64(state += 0x9E3779B97F4A7C15ULL);
    EXPECT_EQ(unit_interval(~bits), 1.0 - unit_interval(bits));
  }
  EXPECT_EQ(unit_interval(std::uint64_t{1} << 63), 0.5 + std::ldexp(1.0, -53));
}

TEST(KeyedUniform, NeverZeroOrOne) {
  for (std::uint64_t customer = 0; customer < million; ++customer) {
    const double u = customer_draw(customer);
    ASSERT_GT(u, 0.0) << customer;
    ASSERT_LT(u, 1.0) << customer;
  }
}

TEST(KeyedUniform, MeanAndVarianceOfAMillionDraws) {
  const std::size_t n = million;
  double mean = 0.0;
  double sum_squares = 0.0;  // Welford
  for (std::size_t i = 0; i < n; ++i) {
    const double u = customer_draw(i);
    const double delta = u - mean;
    mean += delta / static_cast<double>(i + 1);
    sum_squares += delta * (u - mean);
  }
  const double variance = sum_squares / static_cast<double>(n - 1);
  // U(0, 1): mean 1/2, variance 1/12; Var((U - 1/2)^2) = 1/80 - 1/144 = 1/180.
  const double mean_standard_error = std::sqrt(1.0 / 12.0 / static_cast<double>(n));
  const double variance_standard_error = std::sqrt(1.0 / 180.0 / static_cast<double>(n));
  EXPECT_NEAR(mean, 0.5, 5.0 * mean_standard_error);
  EXPECT_NEAR(variance, 1.0 / 12.0, 5.0 * variance_standard_error);
}

TEST(KeyedUniform, ChiSquareOverOneHundredBins) {
  constexpr int bins = 100;
  const std::size_t n = million;
  std::array<std::size_t, bins> counts{};
  for (std::size_t i = 0; i < n; ++i) ++counts[static_cast<std::size_t>(customer_draw(i) * bins)];
  const double expected = static_cast<double>(n) / bins;
  double chi_square = 0.0;
  for (std::size_t count : counts) {
    const double d = static_cast<double>(count) - expected;
    chi_square += d * d / expected;
  }
  // The chi-square distribution with 99 degrees of freedom exceeds 180.79 with
  // probability 1e-6 (its 1 - 1e-6 quantile, 2 * gamma_quantile(49.5, 1 - 1e-6);
  // Wilson-Hilferty gives 181.1). Uniforms far too even would also be suspect:
  // the 1e-6 quantile is 45.83.
  EXPECT_LT(chi_square, 180.79);
  EXPECT_GT(chi_square, 45.83);
}

// Sample correlation of the draws of keys i and i + 1 along one field, all else fixed.
double neighbour_correlation(const std::function<DrawKey(std::uint32_t)>& key_of, std::size_t n) {
  double mean_x = 0.0, mean_y = 0.0, cxx = 0.0, cyy = 0.0, cxy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = uniform(key_of(static_cast<std::uint32_t>(i)));
    const double y = uniform(key_of(static_cast<std::uint32_t>(i + 1)));
    const double k = static_cast<double>(i + 1);
    const double dx = x - mean_x;
    const double dy = y - mean_y;
    mean_x += dx / k;
    mean_y += dy / k;
    cxx += dx * (x - mean_x);
    cyy += dy * (y - mean_y);
    cxy += dx * (y - mean_y);
  }
  return cxy / std::sqrt(cxx * cyy);
}

TEST(KeyedUniform, NeighbouringKeysAreUncorrelated) {
  const std::size_t n = 200'000;
  const double bound = 5.0 / std::sqrt(static_cast<double>(n));  // 5 standard errors of r under independence
  const auto customers = [](std::uint32_t i) {
    return DrawKey{.seed = test_seed, .customer = i, .touchpoint = 2, .purpose = Purpose::dwell};
  };
  const auto seeds = [](std::uint32_t i) { return DrawKey{.seed = i, .customer = 17, .purpose = Purpose::segment}; };
  const auto touchpoints = [](std::uint32_t i) {
    return DrawKey{.seed = test_seed, .customer = 17, .touchpoint = i, .purpose = Purpose::choice};
  };
  const auto visits = [](std::uint32_t i) {
    return DrawKey{.seed = test_seed, .customer = 17, .touchpoint = 4, .visit = i, .purpose = Purpose::choice};
  };
  EXPECT_LT(std::fabs(neighbour_correlation(customers, n)), bound) << "customers";
  EXPECT_LT(std::fabs(neighbour_correlation(seeds, n)), bound) << "seeds";
  EXPECT_LT(std::fabs(neighbour_correlation(touchpoints, n)), bound) << "touchpoints";
  EXPECT_LT(std::fabs(neighbour_correlation(visits, n)), bound) << "visits";
}

TEST(KeyedUniform, PurposesAndSubIndicesOfOneVisitAreUncorrelated) {
  const std::size_t n = 200'000;
  const double bound = 5.0 / std::sqrt(static_cast<double>(n));
  double mean_a = 0.0, mean_b = 0.0, mean_c = 0.0, caa = 0.0, cbb = 0.0, ccc = 0.0, cab = 0.0, cac = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const DrawKey key{.seed = test_seed, .customer = i, .touchpoint = 1, .purpose = Purpose::rating};
    DrawKey other_purpose = key;
    other_purpose.purpose = Purpose::sentiment;
    const double a = uniform(key), b = uniform(key, 1), c = uniform(other_purpose);
    const double k = static_cast<double>(i + 1);
    const double da = a - mean_a, db = b - mean_b, dc = c - mean_c;
    mean_a += da / k;
    mean_b += db / k;
    mean_c += dc / k;
    caa += da * (a - mean_a);
    cbb += db * (b - mean_b);
    ccc += dc * (c - mean_c);
    cab += da * (b - mean_b);
    cac += da * (c - mean_c);
  }
  EXPECT_LT(std::fabs(cab / std::sqrt(caa * cbb)), bound) << "sub 0 vs sub 1";
  EXPECT_LT(std::fabs(cac / std::sqrt(caa * ccc)), bound) << "rating vs sentiment";
}

}  // namespace
}  // namespace journeysim
