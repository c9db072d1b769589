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
  for (nn::Index i = 0; i < x.n_elem; ++i) {
    const Real original = x(i);
    x(i) = original + h;
    const Real f_plus = f();
    x(i) = original - h;
    const Real f_minus = f();
    x(i) = original;
    gradient(i) = (f_plus - f_minus) / (2 * h);
  }
  return gradient;
  // ---- END YOUR CODE ----
}

Real relative_error([[maybe_unused]] const Mat& analytic, [[maybe_unused]] const Mat& numeric) {
  // ---- YOUR CODE (labs/04-gradient-check): 0 when both are zero, infinity when the shapes differ ----
  if (analytic.n_rows != numeric.n_rows || analytic.n_cols != numeric.n_cols)
    return std::numeric_limits<Real>::infinity();
  const Real scale = std::max(arma::norm(analytic, "fro"), arma::norm(numeric, "fro"));
  if (scale == 0) return 0;
  return arma::norm(analytic - numeric, "fro") / scale;
  // ---- END YOUR CODE ----
}

}  // namespace lab04
