#include "07-losses/softmax_overflow.hpp"

#include "nn/core/errors.hpp"

namespace lab07 {

nn::Mat naive_softmax([[maybe_unused]] const nn::Mat& Z) {
  // ---- YOUR CODE (labs/07-losses): e^Z divided by its row sums (N x K) ----
  throw nn::NotImplemented("lab07::naive_softmax", "labs/07-losses");
  // ---- END YOUR CODE ----
}

nn::Mat log_sum_exp([[maybe_unused]] const nn::Mat& Z) {
  // ---- YOUR CODE (labs/07-losses): log sum_k e^(Z_nk) per row (N x 1), without overflow ----
  throw nn::NotImplemented("lab07::log_sum_exp", "labs/07-losses");
  // ---- END YOUR CODE ----
}

nn::Mat stable_softmax([[maybe_unused]] const nn::Mat& Z) {
  // ---- YOUR CODE (labs/07-losses): softmax per row (N x K), without overflow ----
  throw nn::NotImplemented("lab07::stable_softmax", "labs/07-losses");
  // ---- END YOUR CODE ----
}

}  // namespace lab07
