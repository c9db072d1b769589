// The interface every optimizer implements (labs/09-optimizers).
//
//   step(params)       updates each parameter's value from its gradient, e.g. plain
//                      gradient descent  w <- w - learning_rate * g
//   zero_grad(params)  sets every gradient to zero (backward adds into them)
//
// Weight decay (L2 regularisation, labs/10-regularisation): J = Loss + lambda sum w^2, so the
// gradient an optimizer follows is  g = dLoss/dw + 2 lambda w  with lambda =
// weight_decay. It applies to weights only, the parameters whose name ends in "W"
// ("W", "0.W"); biases and other parameters (PReLU's "alpha") use g = dLoss/dw.
// Param::grad itself is left untouched: it stays the gradient of the loss.
//
// An optimizer with state (a velocity, running averages) keeps one state per
// parameter, keyed by its position in params: step() must always be given the
// same parameters in the same order, and throws if their number or shapes change.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "nn/core/errors.hpp"
#include "nn/core/types.hpp"

namespace nn {

class Optimizer {
 public:
  explicit Optimizer(Real learning_rate, Real weight_decay = 0)
      : learning_rate(learning_rate), weight_decay(weight_decay) {}
  virtual ~Optimizer() = default;

  // One update of every parameter. The values change through the Param references,
  // so a temporary works: optimizer.step(model.params()).
  virtual void step(const Params& params) = 0;
  void zero_grad(const Params& params) const;
  virtual std::string name() const = 0;  // e.g. "Adam(lr=0.001, beta1=0.9, beta2=0.999)"

  Index steps_taken() const { return steps_taken_; }  // 1 during and after the first step

  Real learning_rate;  // a schedule may change it between epochs
  Real weight_decay;   // lambda of the L2 penalty on weights, 0 for none

 protected:
  // Every step() starts with this. At the first step it records the parameters'
  // shapes and calls init_state; later it throws unless they are the same. Counts the step.
  void begin_step(const Params& params);
  // The gradient to follow for p: dLoss/dw, plus 2 weight_decay w if p is a weight. R x C.
  // It is p.grad itself when nothing is added (no copy), else this optimizer's scratch
  // matrix: valid until the next call.
  const Mat& gradient(const Param& p);
  // Creates the per-parameter state (called by begin_step at the first step).
  virtual void init_state(const Params& /*params*/) {}
  // One zero matrix per parameter, shaped like its value.
  static std::vector<Mat> zeros_like(const Params& params);

 private:
  void require_same_params(const Params& params) const;

  Mat decayed_gradient_;                         // gradient()'s result when weight decay applies
  std::vector<std::pair<Index, Index>> shapes_;  // rows, cols of each parameter at the first step
  Index steps_taken_ = 0;
};

}  // namespace nn
