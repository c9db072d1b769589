// lab 02: one sigmoid neuron with one input, fitted by gradient descent.
//
//   y = sigma(w x + b),   sigma(z) = 1 / (1 + e^-z)
//
// fitted to points (x_i, t_i) by minimising the squared error
//
//   L(w, b) = sum over the points of 1/2 (y_i - t_i)^2,   y_i = sigma(w x_i + b)
//
// The lab's data are the two points (0.5, 0.2) and (2.5, 0.9).
#pragma once

#include "nn/core/types.hpp"

namespace lab02 {

// The data: inputs x and targets t, one point per row (each N x 1).
struct Points {
  nn::Mat x, t;
};

// The lab's two points: x = (0.5, 2.5), t = (0.2, 0.9).
Points two_points();

nn::Real sigmoid(nn::Real z);

// L(w, b) on the points (given).
nn::Real loss(nn::Real w, nn::Real b, const Points& data);

struct Gradient {
  nn::Real dw;  // dL/dw
  nn::Real db;  // dL/db
};

// The gradient of L at (w, b), summed over the points.
Gradient gradient(nn::Real w, nn::Real b, const Points& data);

}  // namespace lab02
