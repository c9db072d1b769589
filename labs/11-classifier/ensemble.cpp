#include "11-classifier/ensemble.hpp"

#include <stdexcept>

#include "nn/core/errors.hpp"

namespace lab11 {

nn::Mat average_probabilities([[maybe_unused]] const std::vector<nn::Mat>& member_logits) {
  // ---- YOUR CODE (labs/11-classifier): softmax of each member's rows (N x C), then their mean ----
  throw nn::NotImplemented("lab11::average_probabilities", "labs/11-classifier");
  // ---- END YOUR CODE ----
}

}  // namespace lab11
