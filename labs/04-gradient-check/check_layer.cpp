// lab 04: checking a layer's backward pass against central differences.
#include "04-gradient-check/gradient_check.hpp"
#include "nn/core/errors.hpp"

namespace lab04 {

LayerCheck check_layer([[maybe_unused]] nn::Layer& layer, [[maybe_unused]] const Mat& X,
                       [[maybe_unused]] const Mat& G, [[maybe_unused]] Real h,
                       [[maybe_unused]] Real threshold) {
  LayerCheck result;
  // ---- YOUR CODE (labs/04-gradient-check): zero the grads, backward(G), then each tensor against numerical_gradient ----
  throw nn::NotImplemented("lab04::check_layer", "labs/04-gradient-check");
  // ---- END YOUR CODE ----
}

}  // namespace lab04
