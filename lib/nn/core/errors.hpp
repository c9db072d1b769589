// The errors the library throws, with messages written for students.
#pragma once

#include <stdexcept>
#include <string>

#include "nn/core/types.hpp"

namespace nn {

// Thrown by every method a lab asks a student to write, until they write it.
class NotImplemented : public std::logic_error {
 public:
  NotImplemented(const std::string& method, const std::string& lab);
  const std::string method;  // e.g. "Linear::backward"
  const std::string lab;     // e.g. "labs/05-linear"
};

// Thrown when a matrix has the wrong shape for the layer or loss it is given to.
class ShapeError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// "32x100"
std::string shape_of(const Mat& m);

// Throws ShapeError "<who>: <what> is RxC, expected <expected>" unless ok.
void require_shape(bool ok, const std::string& who, const std::string& what, const Mat& m,
                   const std::string& expected);

// Throws that ShapeError. Checks made at every step call it only once they fail,
// so that the message is not put together (names, formatting) when all is well:
//   if (X.n_cols != cols) throw_shape_error(name() + ".forward", "input", X, ...);
[[noreturn]] void throw_shape_error(const std::string& who, const std::string& what, const Mat& m,
                                    const std::string& expected);

}  // namespace nn
