#include "nn/optim/rmsprop.hpp"

#include <fmt/format.h>

namespace nn {

void RMSProp::step(const Params& params) {
  begin_step(params);
  for (Index i = 0; i < params.size(); ++i) {
    // g: R x C, like params[i].value and mean_square_[i]
    [[maybe_unused]] const Mat& g = gradient(params[i]);  // until your code uses it
    // ---- YOUR CODE (labs/09-optimizers): mean_square_[i], then params[i].value ----
    Mat& E = mean_square_[i];
    E = rho * E + (1 - rho) * arma::square(g);
    params[i].value -= learning_rate * g / (arma::sqrt(E) + epsilon);
    // ---- END YOUR CODE ----
  }
}

std::string RMSProp::name() const {
  return fmt::format("RMSProp(lr={}, rho={})", learning_rate, rho);
}

}  // namespace nn
