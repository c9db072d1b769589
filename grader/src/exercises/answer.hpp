// Small helpers the exercises' judges share: finding a matrix in the student's
// answer, and comparing numbers with a relative tolerance.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <variant>

#include "nn/core/types.hpp"
#include "protocol.hpp"

namespace grader::answer {

// The matrix `name` of a probe's answer, or nullptr when it is missing or not a matrix.
inline const nn::Mat* matrix(const Message& m, const std::string& name) {
  const auto it = m.entries().find(name);
  return it == m.entries().end() ? nullptr : std::get_if<nn::Mat>(&it->second);
}

// |got - want| <= tolerance max(1, |got|, |want|); equal values (infinities too) agree,
// NaN agrees with nothing.
inline bool close(nn::Real got, nn::Real want, nn::Real tolerance) {
  if (got == want) return true;
  if (!std::isfinite(got) || !std::isfinite(want)) return false;
  return std::abs(got - want) <= tolerance * std::max<nn::Real>({1, std::abs(got), std::abs(want)});
}

// The same shape, and every element close.
inline bool all_close(const nn::Mat& got, const nn::Mat& want, nn::Real tolerance) {
  if (got.n_rows != want.n_rows || got.n_cols != want.n_cols) return false;
  for (nn::Index i = 0; i < want.n_elem; ++i)
    if (!close(got(i), want(i), tolerance)) return false;
  return true;
}

}  // namespace grader::answer
