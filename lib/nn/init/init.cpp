#include "nn/init/init.hpp"

#include <cmath>

namespace nn::init {

Mat zeros(Index rows, Index cols) { return Mat(rows, cols, arma::fill::zeros); }

Mat constant(Index rows, Index cols, Real value) { return Mat(rows, cols).fill(value); }

Mat normal(Index rows, Index cols, Real mean, Real std, Rng& rng) {
  return rng.normal(rows, cols, mean, std);
}

Mat uniform(Index rows, Index cols, Real lo, Real hi, Rng& rng) {
  return rng.uniform(rows, cols, lo, hi);
}

Mat xavier_uniform(Index fan_in, Index fan_out, Rng& rng) {
  const Real limit = std::sqrt(6.0) / std::sqrt(static_cast<Real>(fan_in + fan_out));
  return rng.uniform(fan_in, fan_out, -limit, limit);
}

Mat he_normal(Index fan_in, Index fan_out, Rng& rng) {
  return rng.normal(fan_in, fan_out, 0, std::sqrt(2.0 / static_cast<Real>(fan_in)));
}

}  // namespace nn::init
