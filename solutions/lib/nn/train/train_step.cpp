#include "nn/train/train_step.hpp"

namespace nn {

// (the [[maybe_unused]] only quiets the compiler while the body is still to write)
StepResult train_step(Layer& model, [[maybe_unused]] Loss& loss,
                      [[maybe_unused]] Optimizer& optimizer, [[maybe_unused]] const Mat& X,
                      [[maybe_unused]] const Mat& Y, [[maybe_unused]] const Penalty* penalty) {
  [[maybe_unused]] Params params = model.params();  // references to every value and gradient
  StepResult result;
  // ---- YOUR CODE (labs/08-training): zero, forward, loss, backward, step; fill result ----
  optimizer.zero_grad(params);
  result.pred = model.forward(X);  // N x K
  result.loss = loss.forward(result.pred, Y);
  if (penalty) result.loss += penalty->value(params);
  model.backward(loss.backward());  // N x K in, N x D out (not needed here)
  if (penalty) penalty->backward(params);
  optimizer.step(params);
  // ---- END YOUR CODE ----
  return result;
}

}  // namespace nn
