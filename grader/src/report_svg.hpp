// Inline SVG pictures for the HTML report (no scripts, no external resources).
#pragma once

#include <string>

#include "nn/core/types.hpp"
#include "result.hpp"

namespace grader {

// A heat map of |analytic - numeric|, white (0) to red (largest), with a
// legend. Tensors larger than 40x40 are shown in blocks, each the largest
// difference it covers. NaN and Inf show as black. Empty for empty matrices.
std::string heat_map_svg(const nn::Mat& analytic, const nn::Mat& numeric);

// A line chart of training and validation loss per epoch, and one of
// accuracy when the history has any.
std::string learning_curves_svg(const History& history);

}  // namespace grader
