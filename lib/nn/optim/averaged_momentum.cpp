#include "nn/optim/averaged_momentum.hpp"

#include <fmt/format.h>

namespace nn {

void AveragedMomentum::step(const Params& params) {
  begin_step(params);
  for (Index i = 0; i < params.size(); ++i) {
    // g: R x C, like params[i].value and previous_change_[i]
    [[maybe_unused]] const Mat& g = gradient(params[i]);  // until your code uses it
    // ---- YOUR CODE (labs/09-optimizers): the change, params[i].value, previous_change_[i] ----
    throw NotImplemented("AveragedMomentum::step", "labs/09-optimizers");
    // ---- END YOUR CODE ----
  }
}

std::string AveragedMomentum::name() const {
  return fmt::format("AveragedMomentum(lr={}, beta={})", learning_rate, beta);
}

}  // namespace nn
