// Weight initialisation (labs/08-training). Each takes the
// shape fan_in x fan_out of a weight matrix and a seeded Rng.
#pragma once

#include "nn/core/rng.hpp"
#include "nn/core/types.hpp"

namespace nn::init {

Mat zeros(Index rows, Index cols);
Mat constant(Index rows, Index cols, Real value);
Mat normal(Index rows, Index cols, Real mean, Real std, Rng& rng);
Mat uniform(Index rows, Index cols, Real lo, Real hi, Rng& rng);

// W ~ U[-sqrt(6)/sqrt(n_in + n_out), +sqrt(6)/sqrt(n_in + n_out)]   (Glorot & Bengio)
Mat xavier_uniform(Index fan_in, Index fan_out, Rng& rng);

// W ~ N(0, 2 / n_in), for ReLU layers (He et al.: the variance is 2/n, so the
// standard deviation is sqrt(2/n), not 2/sqrt(n)).
Mat he_normal(Index fan_in, Index fan_out, Rng& rng);

}  // namespace nn::init
