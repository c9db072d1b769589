#include "nn/optim/adam.hpp"

#include <fmt/format.h>

#include <cmath>

namespace nn {

void Adam::step(const Params& params) {
  begin_step(params);
  for (Index i = 0; i < params.size(); ++i) {
    // g: R x C, like params[i].value, m_[i] and v_[i]
    [[maybe_unused]] const Mat& g = gradient(params[i]);  // until your code uses it
    // ---- YOUR CODE (labs/09-optimizers): m_[i], v_[i], t = steps_taken(), m_hat, v_hat ----
    Mat& m = m_[i];
    Mat& v = v_[i];
    const Real t = steps_taken();                           // 1 at the first step
    const Real m_hat_scale = 1 / (1 - std::pow(beta1, t));  // m_hat = m * m_hat_scale
    const Real v_hat_scale = 1 / (1 - std::pow(beta2, t));  // v_hat = v * v_hat_scale
    Mat& w = params[i].value;
    // Element by element: one pass over memory where matrix expressions take three. The
    // hyperparameters are copied to locals: then the compiler knows that writing m, v and w
    // cannot change them, and vectorises the loop (twice as fast).
    const Real b1 = beta1, b2 = beta2, lr = learning_rate, eps = epsilon;
    for (Index k = 0; k < w.n_elem; ++k) {
      m[k] = b1 * m[k] + (1 - b1) * g[k];
      v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
      w[k] -= lr * (m[k] * m_hat_scale) / (std::sqrt(v[k] * v_hat_scale) + eps);
    }
    // ---- END YOUR CODE ----
  }
}

std::string Adam::name() const {
  return fmt::format("Adam(lr={}, beta1={}, beta2={})", learning_rate, beta1, beta2);
}

}  // namespace nn
