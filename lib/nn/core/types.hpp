// Basic types shared by every part of the library.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

namespace nn {

using Real = double;          // double: numerical gradient checks need the precision
using Mat = arma::Mat<Real>;  // a batch is N x D: one row per sample
using Index = arma::uword;

// A learnable tensor of a layer: its value and the gradient of the loss with
// respect to it (same shape). backward() adds into grad; an optimizer reads it.
struct Param {
  std::string name;  // "W", "b", "alpha", ...
  Mat& value;
  Mat& grad;
};

using Params = std::vector<Param>;

}  // namespace nn
