#include "nn/core/rng.hpp"

#include <cmath>

namespace nn {

Real Rng::uniform() { return static_cast<Real>(engine_() >> 11) * 0x1.0p-53; }

Real Rng::uniform(Real lo, Real hi) { return lo + (hi - lo) * uniform(); }

Real Rng::normal() {
  // Box-Muller; 1 - u is in (0, 1], so the log is finite.
  const Real u1 = 1 - uniform(), u2 = uniform();
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * arma::datum::pi * u2);
}

Index Rng::index(Index n) { return static_cast<Index>(uniform() * static_cast<Real>(n)); }

Mat Rng::uniform(Index rows, Index cols, Real lo, Real hi) {
  Mat m(rows, cols);
  m.imbue([&] { return uniform(lo, hi); });
  return m;
}

Mat Rng::normal(Index rows, Index cols, Real mean, Real std) {
  Mat m(rows, cols);
  m.imbue([&] { return mean + std * normal(); });
  return m;
}

}  // namespace nn
