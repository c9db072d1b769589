#include "02-one-neuron/neuron.hpp"

#include <cmath>

#include "nn/core/errors.hpp"

namespace lab02 {

Points two_points() { return {arma::vec{0.5, 2.5}, arma::vec{0.2, 0.9}}; }

nn::Real sigmoid(nn::Real z) { return 1 / (1 + std::exp(-z)); }

nn::Real loss(nn::Real w, nn::Real b, const Points& data) {
  nn::Real sum = 0;
  for (nn::Index i = 0; i < data.x.n_rows; ++i) {
    const nn::Real y = sigmoid(w * data.x(i) + b);
    sum += 0.5 * (y - data.t(i)) * (y - data.t(i));
  }
  return sum;
}

Gradient gradient([[maybe_unused]] nn::Real w, [[maybe_unused]] nn::Real b,
                  [[maybe_unused]] const Points& data) {
  // ---- YOUR CODE (labs/02-one-neuron): sum over the points of dL_i/dw and dL_i/db ----
  Gradient g{0, 0};
  for (nn::Index i = 0; i < data.x.n_rows; ++i) {
    const nn::Real y = sigmoid(w * data.x(i) + b);
    const nn::Real dz = (y - data.t(i)) * y * (1 - y);  // dL_i/dz_i, z_i = w x_i + b
    g.dw += dz * data.x(i);
    g.db += dz;
  }
  return g;
  // ---- END YOUR CODE ----
}

}  // namespace lab02
