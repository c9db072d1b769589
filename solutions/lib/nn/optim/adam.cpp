#include "nn/optim/adam.hpp"

#include <fmt/format.h>

#include <cmath>

namespace nn {

void Adam::step(const Params& params) {
  begin_step(params);
  for (Index i = 0; i < params.size(); ++i) {
    const Mat g = gradient(params[i]);  // R x C, like params[i].value, m_[i] and v_[i]
    // ---- YOUR CODE (labs/09-optimizers): m_[i], v_[i], t = steps_taken(), m_hat, v_hat ----
    Mat& m = m_[i];
    Mat& v = v_[i];
    const Real t = steps_taken();  // 1 at the first step
    m = beta1 * m + (1 - beta1) * g;
    v = beta2 * v + (1 - beta2) * arma::square(g);
    const Mat m_hat = m / (1 - std::pow(beta1, t));
    const Mat v_hat = v / (1 - std::pow(beta2, t));
    params[i].value -= learning_rate * m_hat / (arma::sqrt(v_hat) + epsilon);
    // ---- END YOUR CODE ----
  }
}

std::string Adam::name() const {
  return fmt::format("Adam(lr={}, beta1={}, beta2={})", learning_rate, beta1, beta2);
}

}  // namespace nn
