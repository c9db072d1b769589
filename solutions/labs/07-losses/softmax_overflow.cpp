#include "07-losses/softmax_overflow.hpp"

#include "nn/core/errors.hpp"

namespace lab07 {

nn::Mat naive_softmax([[maybe_unused]] const nn::Mat& Z) {
  // ---- YOUR CODE (labs/07-losses): e^Z divided by its row sums (N x K) ----
  nn::Mat E = arma::exp(Z);
  E.each_col() /= arma::sum(E, 1);
  return E;
  // ---- END YOUR CODE ----
}

nn::Mat log_sum_exp([[maybe_unused]] const nn::Mat& Z) {
  // ---- YOUR CODE (labs/07-losses): log sum_k e^(Z_nk) per row (N x 1), without overflow ----
  const arma::vec m = arma::max(Z, 1);  // each row's maximum, N x 1
  nn::Mat shifted = Z;
  shifted.each_col() -= m;  // every entry <= 0: e^shifted is in (0, 1], the maximum's is 1
  return m + arma::log(arma::sum(arma::exp(shifted), 1));
  // ---- END YOUR CODE ----
}

nn::Mat stable_softmax([[maybe_unused]] const nn::Mat& Z) {
  // ---- YOUR CODE (labs/07-losses): softmax per row (N x K), without overflow ----
  nn::Mat log_probs = Z;
  log_probs.each_col() -= arma::vec(log_sum_exp(Z));  // log softmax = z - log sum e^z
  return arma::exp(log_probs);
  // ---- END YOUR CODE ----
}

}  // namespace lab07
