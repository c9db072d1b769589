#include "nn/optim/nesterov.hpp"

#include <fmt/format.h>

namespace nn {

void Nesterov::step(const Params& params) {
  begin_step(params);
  for (Index i = 0; i < params.size(); ++i) {
    // g: R x C, like params[i].value and velocity_[i]
    [[maybe_unused]] const Mat& g = gradient(params[i]);  // until your code uses it
    // ---- YOUR CODE (labs/09-optimizers): v_prev, velocity_[i], then params[i].value ----
    throw NotImplemented("Nesterov::step", "labs/09-optimizers");
    // ---- END YOUR CODE ----
  }
}

std::string Nesterov::name() const {
  return fmt::format("Nesterov(lr={}, beta={})", learning_rate, beta);
}

}  // namespace nn
