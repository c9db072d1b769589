// What fit() records, one entry per epoch (labs/10-regularisation: plot the training
// and the validation loss per epoch to see under- and overfitting).
#pragma once

#include <cmath>
#include <limits>
#include <vector>

#include "nn/core/types.hpp"

namespace nn {

// NaN marks a value that was not measured (no validation data, or not a
// classification task with one-hot targets).
constexpr Real kNotMeasured = std::numeric_limits<Real>::quiet_NaN();

// The training loss and accuracy are taken as the epoch goes: each batch's, in train mode and
// before its step, averaged over the epoch weighted by batch size (as Keras reports them).
struct EpochRecord {
  Index epoch = 0;                     // 0-based
  Real train_loss = kNotMeasured;      // mean over the epoch's batches, penalty included
  Real val_loss = kNotMeasured;        // on the whole validation set, eval mode, penalty included
  Real train_accuracy = kNotMeasured;  // in [0, 1], over the epoch's batches
  Real val_accuracy = kNotMeasured;    // in [0, 1]
  Real learning_rate = kNotMeasured;   // the rate this epoch ran at
  double seconds = 0;                  // wall time of the epoch, validation included
};

struct History {
  std::vector<EpochRecord> epochs;  // one per epoch run
  // With validation data: the epoch of the lowest validation loss and that loss.
  Index best_epoch = 0;
  Real best_val_loss = kNotMeasured;
  bool stopped_early = false;  // early stopping ended training before the last epoch
  bool restored_best = false;  // the model holds the weights of best_epoch

  bool has_validation() const { return !epochs.empty() && !std::isnan(epochs[0].val_loss); }
  bool has_accuracy() const { return !epochs.empty() && !std::isnan(epochs[0].train_accuracy); }
};

}  // namespace nn
