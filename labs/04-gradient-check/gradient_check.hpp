// lab 04: checking gradients, two ways.
//
// Method 2 (numerical): nudge one number at a time and watch the loss,
//   dL/dx ~ (L(x + h) - L(x - h)) / 2h          (central differences)
// and compare with what backward() computed, by their relative error.
// Method 1 (one step): after one plain gradient-descent step
//   w_after = w_before - learning_rate * dL/dw
// the gradient the step used is (w_before - w_after) / learning_rate.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "nn/core/layer.hpp"
#include "nn/core/types.hpp"

namespace lab04 {

using nn::Mat;
using nn::Real;

// ---- numerical_gradient.cpp ----

// The central-difference estimate of d f / d x(i, j) for every element of x
// (same shape as x). f reads x (it captured it by reference); nudge one element
// at a time by +h and -h and put it back: x is unchanged when this returns.
Mat numerical_gradient(const std::function<Real()>& f, Mat& x, Real h);

// How far apart two gradients are, relative to their size:
//   ||analytic - numeric|| / max(||analytic||, ||numeric||)   (Frobenius norms)
// 0 when both are all zeros; +infinity when their shapes differ.
Real relative_error(const Mat& analytic, const Mat& numeric);

// ---- check_layer.cpp ----

struct TensorCheck {
  std::string name;     // "dX", then each parameter's name ("W", "b", ...)
  Real relative_error;  // between backward's gradient and the numerical one
  bool passed;          // relative_error <= threshold
};

struct LayerCheck {
  std::vector<TensorCheck> tensors;  // dX first, then the parameters in params() order
  bool passed;                       // every tensor passed
};

// Checks layer.backward at input X (N x D_in) on the scalar loss
//   L = sum over all elements of forward(X) % G       (so dL/dY = G)
// with central differences of step h.
LayerCheck check_layer(nn::Layer& layer, const Mat& X, const Mat& G, Real h, Real threshold);

// ---- recovered_gradient.cpp ----

// Method 1: the gradient that one plain gradient-descent step used.
Mat recovered_gradient(const Mat& before, const Mat& after, Real learning_rate);

}  // namespace lab04
