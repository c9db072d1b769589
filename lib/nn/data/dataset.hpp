// A labelled data set for classification, as the loaders and generators return it.
#pragma once

#include <string>
#include <vector>

#include "nn/core/types.hpp"
#include "nn/data/labels.hpp"

namespace nn::data {

struct Dataset {
  Mat X;                                   // N x D features, one row per sample
  Labels y;                                // N class indices in [0, C)
  std::vector<std::string> feature_names;  // D names (empty when the source has none)
  std::vector<std::string> class_names;    // C names, class_names[k] is class k's
                                           // (empty when the labels were numbers)

  Index n_samples() const { return X.n_rows; }
  // C: the number of class names if there are any, otherwise max(y) + 1.
  Index n_classes() const;
};

// The rows `rows` of `data`, in that order, with the same feature and class names.
Dataset subset(const Dataset& data, const arma::uvec& rows);

}  // namespace nn::data
