// Learning curves: the training and validation loss per epoch, and beside them
// the accuracies when the history has them (labs/10-regularisation: a validation curve that
// turns up while the training curve keeps falling shows overfitting).
//
//   nn::plot::save("curves.svg", nn::plot::learning_curves(history, "moons"));
#pragma once

#include <string>

#include "nn/train/history.hpp"

namespace nn::plot {

// One <polyline> per measured series: train loss, validation loss, train and
// validation accuracy. A self-contained SVG document.
std::string learning_curves(const History& history, const std::string& title = "Learning curves");

}  // namespace nn::plot
