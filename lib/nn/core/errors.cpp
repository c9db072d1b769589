#include "nn/core/errors.hpp"

#include <fmt/format.h>

namespace nn {

NotImplemented::NotImplemented(const std::string& method_, const std::string& lab_)
    : std::logic_error(fmt::format(
          "{} is not implemented yet: writing it is your exercise in {} (see its README).", method_,
          lab_)),
      method(method_),
      lab(lab_) {}

std::string shape_of(const Mat& m) { return fmt::format("{}x{}", m.n_rows, m.n_cols); }

void require_shape(bool ok, const std::string& who, const std::string& what, const Mat& m,
                   const std::string& expected) {
  if (!ok) throw_shape_error(who, what, m, expected);
}

void throw_shape_error(const std::string& who, const std::string& what, const Mat& m,
                       const std::string& expected) {
  throw ShapeError(fmt::format("{}: {} is {}, expected {}", who, what, shape_of(m), expected));
}

}  // namespace nn
