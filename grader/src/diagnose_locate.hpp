// Diagnoses that look at where A and Nm differ, element by element (used by
// diagnose(); A and Nm have the same shape and are finite).
#pragma once

#include <optional>

#include "diagnose.hpp"

namespace grader {

// code::kKink when every element that differs lies at a kink of the layer's
// function (|X - kink| < margin, X = context.input) and the rest match.
std::optional<Diagnosis> at_kinks(const nn::Mat& A, const nn::Mat& Nm, const Context& context);

// code::kDiffers: where the largest differences are (one sample, one column, ...).
Diagnosis differs(const nn::Mat& A, const nn::Mat& Nm, const Context& context);

}  // namespace grader
