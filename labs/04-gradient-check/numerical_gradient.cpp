// lab 04: the numerical gradient by central differences, and the relative
// error between two gradients.
#include <algorithm>
#include <limits>

#include "04-gradient-check/gradient_check.hpp"
#include "nn/core/errors.hpp"

namespace lab04 {

Mat numerical_gradient([[maybe_unused]] const std::function<Real()>& f, Mat& x,
                       [[maybe_unused]] Real h) {
  Mat gradient(x.n_rows, x.n_cols, arma::fill::zeros);
  // ---- YOUR CODE (labs/04-gradient-check): for each element: f at x + h and x - h, then restore it (N x D like x) ----
  throw nn::NotImplemented("lab04::numerical_gradient", "labs/04-gradient-check");
  // ---- END YOUR CODE ----
}

Real relative_error([[maybe_unused]] const Mat& analytic, [[maybe_unused]] const Mat& numeric) {
  // ---- YOUR CODE (labs/04-gradient-check): 0 when both are zero, infinity when the shapes differ ----
  throw nn::NotImplemented("lab04::relative_error", "labs/04-gradient-check");
  // ---- END YOUR CODE ----
}

}  // namespace lab04
