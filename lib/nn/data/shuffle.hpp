// A seeded random permutation, the one source of shuffling in nn::data.
#pragma once

#include "nn/core/rng.hpp"

namespace nn::data {

// The indices 0..n-1 in a random order (Fisher-Yates with rng).
arma::uvec permutation(Index n, Rng& rng);

}  // namespace nn::data
