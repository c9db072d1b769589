#include "07-classifier/classifier.hpp"

#include "nn/layers/linear.hpp"
#include "nn/layers/relu.hpp"
#include "nn/optim/adam.hpp"
#include "nn/optim/sgd.hpp"

namespace lab07 {

std::unique_ptr<nn::Sequential> make_model([[maybe_unused]] std::uint64_t seed) {
  auto model = std::make_unique<nn::Sequential>();
  // ---- YOUR CODE (labs/07-classifier): add layers 64 -> ... -> 10, seeded from `seed` ----
  throw nn::NotImplemented("lab07::make_model", "labs/07-classifier");
  // ---- END YOUR CODE ----
}

Plan make_plan() {
  Plan plan;
  // ---- YOUR CODE (labs/07-classifier): plan.optimizer and plan.options ----
  throw nn::NotImplemented("lab07::make_plan", "labs/07-classifier");
  // ---- END YOUR CODE ----
}

}  // namespace lab07
