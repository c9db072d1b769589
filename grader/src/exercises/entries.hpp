// Reading a student's answer in a judge: the entry a judge expects, or why it
// cannot be read (missing, or of another type). Judges must not throw on what
// the student's code wrote, so they read entries through these.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <variant>

#include "nn/core/types.hpp"
#include "protocol.hpp"

namespace grader {

// The matrix `name` of `m`, or nullptr with `why` set.
inline const nn::Mat* matrix_entry(const Message& m, const std::string& name, std::string& why) {
  const auto it = m.entries().find(name);
  if (it == m.entries().end()) {
    why = fmt::format("your code's answer has no \"{}\"", name);
    return nullptr;
  }
  const nn::Mat* value = std::get_if<nn::Mat>(&it->second);
  if (!value) why = fmt::format("\"{}\" is not a matrix", name);
  return value;
}

// The real number `name` of `m` in `out`, or false with `why` set.
inline bool real_entry(const Message& m, const std::string& name, nn::Real& out, std::string& why) {
  const auto it = m.entries().find(name);
  if (it == m.entries().end() || !std::holds_alternative<nn::Real>(it->second)) {
    why = fmt::format("your code's answer has no real number \"{}\"", name);
    return false;
  }
  out = std::get<nn::Real>(it->second);
  return true;
}

// Whether `m` has an integer `name`; else false with `why` set.
inline bool has_integer(const Message& m, const std::string& name, std::string& why) {
  const auto it = m.entries().find(name);
  if (it != m.entries().end() && std::holds_alternative<std::int64_t>(it->second)) return true;
  why = fmt::format("your code's answer has no integer \"{}\"", name);
  return false;
}

}  // namespace grader
