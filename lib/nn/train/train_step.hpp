// One step of training on one batch (labs/08-training): what nn::fit repeats for
// every batch of every epoch.
//
//   1. zero every parameter's gradient      (backward adds into them with +=)
//   2. pred = model.forward(X)               N x K
//   3. L = loss.forward(pred, Y)             the batch mean, + penalty.value(params)
//   4. model.backward(loss.backward())       (+ penalty.backward(params) after it)
//   5. optimizer.step(params)                e.g. w <- w - learning_rate * dL/dw
//
// Full batch, single sample and mini-batch training differ only in the X given
// here: all N rows, one row, or B rows at a time.
#pragma once

#include "nn/core/layer.hpp"
#include "nn/core/loss.hpp"
#include "nn/losses/penalties.hpp"
#include "nn/optim/optimizer.hpp"

namespace nn {

struct StepResult {
  Real loss = 0;  // L on this batch before the update, penalty included
  Mat pred;       // N x K: the model's output before the update
};

// One update of `model`'s parameters from the batch X (N x D) with targets Y
// (N x K). `penalty` (optional, labs/10-regularisation) adds lambda-weighted
// weight penalties to the loss and their gradients to the weights' gradients.
StepResult train_step(Layer& model, Loss& loss, Optimizer& optimizer, const Mat& X, const Mat& Y,
                      const Penalty* penalty = nullptr);

}  // namespace nn
