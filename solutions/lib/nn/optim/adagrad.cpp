#include "nn/optim/adagrad.hpp"

#include <fmt/format.h>

namespace nn {

void AdaGrad::step(const Params& params) {
  begin_step(params);
  for (Index i = 0; i < params.size(); ++i) {
    // g: R x C, like params[i].value and sum_squares_[i]
    [[maybe_unused]] const Mat& g = gradient(params[i]);  // until your code uses it
    // ---- YOUR CODE (labs/09-optimizers): sum_squares_[i], then params[i].value ----
    Mat& G = sum_squares_[i];
    G += arma::square(g);
    params[i].value -= learning_rate * g / (arma::sqrt(G) + epsilon);
    // ---- END YOUR CODE ----
  }
}

std::string AdaGrad::name() const { return fmt::format("AdaGrad(lr={})", learning_rate); }

}  // namespace nn
