#include "11-classifier/classifier.hpp"

#include "nn/layers/dropout.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/relu.hpp"
#include "nn/optim/adam.hpp"
#include "nn/optim/sgd.hpp"

namespace lab11 {

std::unique_ptr<nn::Sequential> make_model([[maybe_unused]] std::uint64_t seed) {
  auto model = std::make_unique<nn::Sequential>();
  // ---- YOUR CODE (labs/11-classifier): add layers 64 -> ... -> 10, seeded from `seed` ----
  throw nn::NotImplemented("lab11::make_model", "labs/11-classifier");
  // ---- END YOUR CODE ----
}

Plan make_plan() {
  Plan plan;
  // ---- YOUR CODE (labs/11-classifier): plan.optimizer and plan.options ----
  throw nn::NotImplemented("lab11::make_plan", "labs/11-classifier");
  // ---- END YOUR CODE ----
}

std::unique_ptr<nn::Sequential> make_fashion_model([[maybe_unused]] std::uint64_t seed) {
  auto model = std::make_unique<nn::Sequential>();
  // ---- YOUR CODE (labs/11-classifier): add layers 784 -> ... -> 10, seeded from `seed` ----
  throw nn::NotImplemented("lab11::make_fashion_model", "labs/11-classifier");
  // ---- END YOUR CODE ----
}

Plan make_fashion_plan() {
  Plan plan;
  // ---- YOUR CODE (labs/11-classifier): plan.optimizer and plan.options ----
  throw nn::NotImplemented("lab11::make_fashion_plan", "labs/11-classifier");
  // ---- END YOUR CODE ----
}

}  // namespace lab11
