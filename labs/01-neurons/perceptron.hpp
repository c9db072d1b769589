// lab 01: the perceptron, a threshold unit with real weights and a bias, and
// the rule that learns them from examples.
//
//   y = step(x w + b),   step(z) = 1 if z >= 0, else 0
//
// x is one sample as a row (1 x D), w a column of weights (D x 1), b the bias.
// The learning rule, for one sample x with target t (0 or 1) and learning rate eta:
//
//   y = step(x w + b)
//   w <- w + eta (t - y) x^T
//   b <- b + eta (t - y)
//
// A right answer (t - y = 0) changes nothing; a wrong one moves the boundary
// x w + b = 0 towards classifying x correctly.
#pragma once

#include <vector>

#include "nn/core/types.hpp"

namespace lab01 {

struct Perceptron {
  nn::Mat w;  // D x 1
  nn::Real b = 0;

  // The outputs for a batch X (N x D): an N x 1 matrix of 0s and 1s.
  nn::Mat predict(const nn::Mat& X) const;
  // Applies the learning rule for one sample x (1 x D) with target t (0 or 1);
  // returns t - y, the error before the update (-1, 0 or 1).
  int learn(const nn::Mat& x, nn::Real t, nn::Real eta);
};

// What train() did, one entry per epoch it ran.
struct TrainingRun {
  std::vector<int> errors;  // how many samples the perceptron got wrong when it visited them
  std::vector<nn::Mat> w;   // the weights at the end of the epoch (D x 1)
  std::vector<nn::Real> b;  // the bias at the end of the epoch
  bool converged() const { return !errors.empty() && errors.back() == 0; }
};

// Trains p on the samples X (N x D) with targets t (N x 1, each 0 or 1),
// starting from p's weights. One epoch visits the samples once, in row order
// (row 0 first), and applies learn() to each. Training stops after the first
// epoch with no error, or after max_epochs epochs, whichever comes first.
TrainingRun train(Perceptron& p, const nn::Mat& X, const nn::Mat& t, nn::Real eta, int max_epochs);

}  // namespace lab01
