#include "nn/data/shuffle.hpp"

#include <utility>

namespace nn::data {

arma::uvec permutation(Index n, Rng& rng) {
  arma::uvec order(n);
  for (Index i = 0; i < n; ++i) order(i) = i;
  for (Index i = n; i > 1; --i) std::swap(order(i - 1), order(rng.index(i)));
  return order;
}

}  // namespace nn::data
