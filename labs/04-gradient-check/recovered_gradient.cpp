// lab 04: method 1, the gradient recovered from one plain gradient-descent step.
#include "04-gradient-check/gradient_check.hpp"
#include "nn/core/errors.hpp"

namespace lab04 {

Mat recovered_gradient([[maybe_unused]] const Mat& before, [[maybe_unused]] const Mat& after,
                       [[maybe_unused]] Real learning_rate) {
  // ---- YOUR CODE (labs/04-gradient-check): undo w_after = w_before - learning_rate * gradient (same shape as before) ----
  throw nn::NotImplemented("lab04::recovered_gradient", "labs/04-gradient-check");
  // ---- END YOUR CODE ----
}

}  // namespace lab04
