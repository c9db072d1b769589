#include "05-linear/worked_examples.hpp"

#include "nn/core/errors.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/sigmoid.hpp"
#include "nn/losses/half_sse.hpp"

namespace lab05 {

Weights two_two_two_start() {
  // ---- YOUR CODE (labs/05-linear): W1 (2 x 2), b1 (1 x 2), W2 (2 x 2), b2 (1 x 2) ----
  throw nn::NotImplemented("lab05::two_two_two_start", "labs/05-linear");
  // ---- END YOUR CODE ----
}

Weights han_kamber_start() {
  // ---- YOUR CODE (labs/05-linear): W1 (3 x 2), b1 (1 x 2), W2 (2 x 1), b2 (1 x 1) ----
  throw nn::NotImplemented("lab05::han_kamber_start", "labs/05-linear");
  // ---- END YOUR CODE ----
}

Step train_step([[maybe_unused]] const Weights& start, [[maybe_unused]] const nn::Mat& X,
                [[maybe_unused]] const nn::Mat& T, [[maybe_unused]] nn::Real learning_rate) {
  // ---- YOUR CODE (labs/05-linear): forward, loss, backward, update; fill every field of Step ----
  throw nn::NotImplemented("lab05::train_step", "labs/05-linear");
  // ---- END YOUR CODE ----
}

}  // namespace lab05
