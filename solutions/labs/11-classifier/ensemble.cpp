#include "11-classifier/ensemble.hpp"

#include <stdexcept>

#include "nn/core/errors.hpp"

namespace lab11 {

nn::Mat average_probabilities([[maybe_unused]] const std::vector<nn::Mat>& member_logits) {
  // ---- YOUR CODE (labs/11-classifier): softmax of each member's rows (N x C), then their mean ----
  if (member_logits.empty()) throw std::invalid_argument("average_probabilities: no members");
  nn::Mat mean(member_logits[0].n_rows, member_logits[0].n_cols, arma::fill::zeros);  // N x C
  for (const nn::Mat& Z : member_logits) {
    const nn::Mat shifted = Z.each_col() - arma::max(Z, 1);  // row max 0: exp cannot overflow
    const nn::Mat E = arma::exp(shifted);
    mean += E.each_col() / arma::sum(E, 1);
  }
  return mean / static_cast<nn::Real>(member_logits.size());
  // ---- END YOUR CODE ----
}

}  // namespace lab11
