// A tiny problem for optimizer tests: a weight W (1x2) and a bias b (1x1) with
// gradients the test sets by hand. Start: W = [1, -2], b = [0.5];
// gradients dW = [0.5, -1], db = [2], kept fixed unless a test changes them.
#pragma once

#include "nn/core/types.hpp"

namespace nn::testing {

struct TinyProblem {
  Mat W{{1.0, -2.0}};
  Mat dW{{0.5, -1.0}};
  Mat b{1, 1, arma::fill::value(0.5)};
  Mat db{1, 1, arma::fill::value(2.0)};

  Params params() { return {{"W", W, dW}, {"b", b, db}}; }
};

}  // namespace nn::testing
