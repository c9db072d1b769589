// lab 04: checking a layer's backward pass against central differences.
#include "04-gradient-check/gradient_check.hpp"
#include "nn/core/errors.hpp"

namespace lab04 {

LayerCheck check_layer([[maybe_unused]] nn::Layer& layer, [[maybe_unused]] const Mat& X,
                       [[maybe_unused]] const Mat& G, [[maybe_unused]] Real h,
                       [[maybe_unused]] Real threshold) {
  LayerCheck result;
  // ---- YOUR CODE (labs/04-gradient-check): zero the grads, backward(G), then each tensor against numerical_gradient ----
  nn::Params params = layer.params();
  for (nn::Param& p : params) p.grad.zeros(p.value.n_rows, p.value.n_cols);
  layer.forward(X);
  const Mat dX = layer.backward(G);

  Mat input = X;  // the numerical gradient nudges this copy
  const auto loss_at_input = [&] { return arma::accu(layer.forward(input) % G); };
  const auto loss = [&] { return arma::accu(layer.forward(X) % G); };
  auto add = [&](const std::string& name, const Mat& analytic, const Mat& numeric) {
    const Real error = relative_error(analytic, numeric);
    result.tensors.push_back({name, error, error <= threshold});
  };
  add("dX", dX, numerical_gradient(loss_at_input, input, h));
  for (nn::Param& p : params) {
    const Mat analytic = p.grad;
    add(p.name, analytic, numerical_gradient(loss, p.value, h));
  }
  result.passed = true;
  for (const TensorCheck& t : result.tensors) result.passed = result.passed && t.passed;
  return result;
  // ---- END YOUR CODE ----
}

}  // namespace lab04
