// Decision boundary of a classifier on 2-D data: the model is evaluated on a
// grid over the data's range, each region coloured by its predicted class, and
// the points drawn on top coloured by their true class.
//
//   nn::plot::save("boundary.svg", nn::plot::decision_boundary(model, X, y));
//
// X is what the model takes (scaled, if it was trained on scaled data).
#pragma once

#include <string>

#include "nn/core/layer.hpp"
#include "nn/data/labels.hpp"

namespace nn::plot {

struct BoundaryOptions {
  Index grid = 120;    // cells along each axis
  Real threshold = 0;  // for a single output column, as in predict_classes
  std::string title = "Decision boundary";
};

// X: N x 2, y: N true classes. One <circle> per point. Puts the model in eval mode.
std::string decision_boundary(Layer& model, const Mat& X, const Labels& y,
                              const BoundaryOptions& options = {});

}  // namespace nn::plot
