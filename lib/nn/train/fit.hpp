// The training loop (labs/08-training: full batch, single sample and mini-batch
// training; labs/10-regularisation: early stopping):
//
//   for each epoch:
//     model.train(); shuffle the training rows (seeded)
//     for each batch (X_b, Y_b):                  // N_b x D, N_b x K
//       train_step(model, loss, optimizer, X_b, Y_b, penalty)   (train_step.hpp:
//         zero the gradients, forward, loss, backward, optimizer step)
//     model.eval(); validation loss (and accuracy)
//     keep a copy of the weights if the validation loss is the best so far;
//     stop if it has not improved for `patience` epochs
//     learning_rate = schedule.next(epoch + 1, validation loss)
//   restore the best weights (early stopping only)
//
// While it trains, the model's first layer may skip dX, the gradient with respect
// to the data, which nothing uses (Layer::set_input_grad_needed).
#pragma once

#include <cstdint>
#include <functional>

#include "nn/core/layer.hpp"
#include "nn/core/loss.hpp"
#include "nn/data/labels.hpp"
#include "nn/losses/penalties.hpp"
#include "nn/optim/optimizer.hpp"
#include "nn/optim/schedule.hpp"
#include "nn/train/history.hpp"

namespace nn {

struct FitOptions {
  Index epochs = 100;
  // 0 or >= N: full batch (one step per epoch); 1: single sample; otherwise
  // mini-batches of this size, the last one smaller when N is not a multiple.
  Index batch_size = 32;
  std::uint64_t shuffle_seed = 1;  // the order of the rows in each epoch (not for full batch)

  Schedule* schedule = nullptr;      // optional: sets the learning rate after each epoch
  const Penalty* penalty = nullptr;  // optional: L1/L2 on the weights, added to the loss

  // Early stopping (needs validation data): stop once the validation loss has
  // not improved for `patience` epochs in a row, then put back the weights of
  // the best epoch. 0: off, train all epochs and keep the last weights.
  Index patience = 0;

  // A progress line per epoch: Auto prints only when stdout is a terminal.
  enum class Progress { Auto, Always, Never };
  Progress progress = Progress::Auto;

  // Optional: called after each epoch (after validation, before the schedule).
  std::function<void(const EpochRecord&)> on_epoch;
};

// Trains `model` on X (N x D) with targets Y (N x K). Without validation data.
History fit(Layer& model, Loss& loss, Optimizer& optimizer, const Mat& X, const Mat& Y,
            const FitOptions& options = {});

// The same, validating on X_val (M x D), Y_val (M x K) after every epoch.
History fit(Layer& model, Loss& loss, Optimizer& optimizer, const Mat& X, const Mat& Y,
            const Mat& X_val, const Mat& Y_val, const FitOptions& options = {});

// The loss of `model` on (X, Y) in eval mode, plus the penalty if there is one.
// Leaves the model in eval mode.
Real evaluate_loss(Layer& model, Loss& loss, const Mat& X, const Mat& Y,
                   const Penalty* penalty = nullptr);

// Class predictions of `model` in eval mode, N of them: each output row's argmax,
// or for a single output column, 1 where the output is > threshold (0 for
// logits, as BCEWithLogitsLoss expects; 0.5 for a sigmoid output).
Labels predict_classes(Layer& model, const Mat& X, Real threshold = 0);

}  // namespace nn
