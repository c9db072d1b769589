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
  model->add<nn::Linear>(kInputs, 64, seed);
  model->add<nn::ReLU>();
  model->add<nn::Linear>(64, kClasses, seed + 1);
  return model;
  // ---- END YOUR CODE ----
}

Plan make_plan() {
  Plan plan;
  // ---- YOUR CODE (labs/11-classifier): plan.optimizer and plan.options ----
  plan.optimizer = std::make_unique<nn::Adam>(0.01);
  plan.options.epochs = 60;
  plan.options.batch_size = 32;
  plan.options.patience = 10;  // early stopping on the validation loss
  return plan;
  // ---- END YOUR CODE ----
}

std::unique_ptr<nn::Sequential> make_fashion_model([[maybe_unused]] std::uint64_t seed) {
  auto model = std::make_unique<nn::Sequential>();
  // ---- YOUR CODE (labs/11-classifier): add layers 784 -> ... -> 10, seeded from `seed` ----
  model->add<nn::Linear>(kFashionInputs, 128, seed);
  model->add<nn::ReLU>();
  model->add<nn::Dropout>(0.2, seed + 1);
  model->add<nn::Linear>(128, kClasses, seed + 2);
  return model;
  // ---- END YOUR CODE ----
}

Plan make_fashion_plan() {
  Plan plan;
  // ---- YOUR CODE (labs/11-classifier): plan.optimizer and plan.options ----
  plan.optimizer = std::make_unique<nn::Adam>(0.001);
  plan.options.epochs = 40;
  plan.options.batch_size = 32;
  plan.options.patience = 6;  // early stopping on the validation loss
  return plan;
  // ---- END YOUR CODE ----
}

}  // namespace lab11
