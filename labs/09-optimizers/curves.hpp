// Several runs' curves on one chart (labs 09 and 10 compare optimizers, learning
// rates and remedies against overfitting this way). Provided code: read it, no
// need to change it.
//
//   std::vector<lab09::Curve> runs = {{"lr 0.01", losses_a}, {"lr 0.1", losses_b}};
//   nn::plot::save("sweep.svg", lab09::chart(runs, "Learning-rate sweep", "train loss", true));
#pragma once

#include <string>
#include <vector>

#include "nn/core/types.hpp"
#include "nn/train/history.hpp"

namespace lab09 {

struct Curve {
  std::string label;
  std::vector<nn::Real> values;  // one per epoch (epoch 1 first); NaN or Inf where undefined
};

// One self-contained SVG document: each curve against the epoch number, in its own
// colour, with a legend. log_y plots log10 of the values (losses that span decades).
// A value above `ceiling` (or not finite) is drawn at the top edge of the chart, so a
// diverging run shows as a curve that leaves through the top.
std::string chart(const std::vector<Curve>& curves, const std::string& title,
                  const std::string& y_label, bool log_y, nn::Real ceiling = 1e6);

// One field of every epoch of a history, e.g. values_of(h, &nn::EpochRecord::val_loss).
std::vector<nn::Real> values_of(const nn::History& history, nn::Real nn::EpochRecord::*field);

}  // namespace lab09
