// Base of the element-wise activations: Y = g(X), X and Y both N x D.
// forward caches X and Y (backward may need either: labs/06-activations writes
// dLoss/dZ = dLoss/dA o g'(Z), and some g' are cheapest from the output A).
#pragma once

#include "nn/core/layer.hpp"

namespace nn {

class Activation : public Layer {
 protected:
  // Caches X and Y = g(X) for backward and returns Y.
  Mat remember(const Mat& X, Mat Y);
  // Throws unless forward has run and dY is N x D like the cached X.
  void require_grad(const Mat& dY) const { require_grad_shape(dY, X_, X_.n_rows, X_.n_cols); }

  Mat X_, Y_;  // N x D each
};

}  // namespace nn
