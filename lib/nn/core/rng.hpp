// A small seeded random number generator. Every random thing in the library
// takes one, so a run is reproducible from its seeds, on any platform (the
// distributions are written here, not taken from <random>, whose are not portable).
#pragma once

#include <cstdint>
#include <random>

#include "nn/core/types.hpp"

namespace nn {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  Real uniform();                  // in [0, 1)
  Real uniform(Real lo, Real hi);  // in [lo, hi)
  Real normal();                    // standard normal: mean 0, standard deviation 1
  Index index(Index n);  // in [0, n)
  Mat uniform(Index rows, Index cols, Real lo, Real hi);
  Mat normal(Index rows, Index cols, Real mean = 0, Real std = 1);

 private:
  std::mt19937_64 engine_;  // the engine's sequence is fixed by the C++ standard
};

}  // namespace nn
