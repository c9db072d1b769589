// A small deterministic random generator (splitmix64) for the exercises' cases:
// the same seed gives the same requests, byte for byte, on every platform (a
// handout looks the reference's answers up by the request).
#pragma once

#include <algorithm>
#include <cstdint>

#include "nn/core/types.hpp"

namespace grader {

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  double uniform(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1.0p-53;
  }
  // A rows x cols matrix of uniform values in [lo, hi).
  nn::Mat matrix(nn::Index rows, nn::Index cols, double lo = -1, double hi = 1) {
    nn::Mat m(rows, cols);
    for (nn::Index i = 0; i < m.n_elem; ++i) m(i) = uniform(lo, hi);
    return m;
  }

 private:
  std::uint64_t state_;
};

}  // namespace grader
