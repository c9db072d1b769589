// Feature crosses for 2-D data (labs/08-training): new input columns computed
// from the two coordinates, so that a small network (or no hidden layer at all)
// can draw curved boundaries.
//
//   (x1, x2)  ->  (x1, x2, x1^2, x2^2, x1 x2, sin x1, sin x2)
//
// x1^2 + x2^2 is a squared radius (circle), the sign of x1 x2 tells the
// quadrants apart (XOR), and sin x1, sin x2 wiggle (spiral).
#pragma once

#include <string>
#include <vector>

#include "nn/core/types.hpp"

namespace lab08 {

// X: N x 2 -> N x 7, the columns in the order above. Throws nn::ShapeError
// unless X has 2 columns.
nn::Mat cross_features(const nn::Mat& X);

// The names of cross_features' columns: "x1", "x2", "x1^2", "x2^2", "x1 x2",
// "sin x1", "sin x2".
std::vector<std::string> cross_feature_names();

}  // namespace lab08
