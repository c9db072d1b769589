#include "nn/layers/step.hpp"

#include <fmt/format.h>

namespace nn {

// Y = 1 where X >= theta, else 0   X: N x D -> Y: N x D
Mat Step::forward(const Mat& X) { return remember(X, arma::conv_to<Mat>::from(X >= theta_)); }

Mat Step::backward(const Mat&) {
  throw std::logic_error(name() +
                         ".backward: a step unit has no useful gradient (it is 0 wherever it is "
                         "defined). A perceptron learns with the perceptron rule instead "
                         "(labs/01-neurons); to learn by backpropagation, use a smooth activation such "
                         "as Sigmoid.");
}

std::string Step::name() const { return fmt::format("Step({:g})", theta_); }

}  // namespace nn
