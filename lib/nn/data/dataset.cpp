#include "nn/data/dataset.hpp"

namespace nn::data {

Index Dataset::n_classes() const {
  if (!class_names.empty()) return class_names.size();
  return y.is_empty() ? 0 : y.max() + 1;
}

Dataset subset(const Dataset& data, const arma::uvec& rows) {
  Dataset part;
  part.X = data.X.rows(rows);
  part.y = data.y.elem(rows);
  part.feature_names = data.feature_names;
  part.class_names = data.class_names;
  return part;
}

}  // namespace nn::data
