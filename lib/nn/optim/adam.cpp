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
    throw NotImplemented("Adam::step", "labs/09-optimizers");
    // ---- END YOUR CODE ----
  }
}

std::string Adam::name() const {
  return fmt::format("Adam(lr={}, beta1={}, beta2={})", learning_rate, beta1, beta2);
}

}  // namespace nn
