#include "nn/optim/adadelta.hpp"

#include <fmt/format.h>

namespace nn {

void AdaDelta::step(const Params& params) {
  begin_step(params);
  for (Index i = 0; i < params.size(); ++i) {
    // g: R x C, like params[i].value and the running averages
    [[maybe_unused]] const Mat& g = gradient(params[i]);  // until your code uses it
    // ---- YOUR CODE (labs/09-optimizers): Eg, dx, Edx (R x C), then params[i].value ----
    throw NotImplemented("AdaDelta::step", "labs/09-optimizers");
    // ---- END YOUR CODE ----
  }
}

std::string AdaDelta::name() const {
  return fmt::format("AdaDelta(lr={}, rho={})", learning_rate, rho);
}

}  // namespace nn
