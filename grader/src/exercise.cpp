#include "exercise.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <variant>

namespace grader {

nn::Real relative_difference(nn::Real a, nn::Real b) {
  if (a == b) return 0;  // also equal infinities
  if (std::isnan(a) || std::isnan(b) || std::isinf(a) || std::isinf(b))
    return std::numeric_limits<nn::Real>::infinity();
  return std::abs(a - b) / std::max({nn::Real{1}, std::abs(a), std::abs(b)});
}

namespace {

std::map<std::string, Exercise>& exercises() {
  static std::map<std::string, Exercise> table;
  return table;
}

const char* type_name(const Message::Value& v) {
  switch (v.index()) {
    case 0: return "a matrix";
    case 1: return "a real number";
    case 2: return "an integer";
    default: return "a string";
  }
}

// "" when `got` agrees with `want`, else what differs (one or a few lines).
std::string differs(const std::string& name, const Message::Value& got,
                    const Message::Value& want, double tolerance) {
  if (got.index() != want.index())
    return fmt::format("{}: expected {}, got {}", name, type_name(want), type_name(got));
  if (const auto* w = std::get_if<nn::Mat>(&want)) {
    const nn::Mat& g = std::get<nn::Mat>(got);
    if (g.n_rows != w->n_rows || g.n_cols != w->n_cols)
      return fmt::format("{}: expected a {}x{} matrix, got {}x{}", name, w->n_rows, w->n_cols,
                         g.n_rows, g.n_cols);
    std::vector<std::pair<nn::Real, nn::Index>> bad;  // (difference, element)
    for (nn::Index i = 0; i < w->n_elem; ++i) {
      const nn::Real d = relative_difference(g(i), (*w)(i));
      if (!(d <= tolerance)) bad.emplace_back(d, i);
    }
    if (bad.empty()) return "";
    std::sort(bad.begin(), bad.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string text = fmt::format("{}: {} of {} elements differ", name, bad.size(), w->n_elem);
    for (std::size_t k = 0; k < std::min<std::size_t>(bad.size(), 3); ++k) {
      const nn::Index i = bad[k].second;
      text += fmt::format("\n  ({}, {}): expected {:.9g}, got {:.9g}", i % w->n_rows,
                          i / w->n_rows, (*w)(i), g(i));
    }
    return text;
  }
  if (const auto* w = std::get_if<nn::Real>(&want)) {
    const nn::Real g = std::get<nn::Real>(got);
    return relative_difference(g, *w) <= tolerance
               ? ""
               : fmt::format("{}: expected {:.9g}, got {:.9g}", name, *w, g);
  }
  if (const auto* w = std::get_if<std::int64_t>(&want)) {
    const std::int64_t g = std::get<std::int64_t>(got);
    return g == *w ? "" : fmt::format("{}: expected {}, got {}", name, *w, g);
  }
  const std::string& w = std::get<std::string>(want);
  const std::string& g = std::get<std::string>(got);
  return g == w ? "" : fmt::format("{}: expected \"{}\", got \"{}\"", name, w, g);
}

}  // namespace

bool register_exercise(const char* name, Exercise (*make)()) {
  if (!exercises().emplace(name, make()).second) {
    std::fprintf(stderr, "grader: two exercises are registered as \"%s\"\n", name);
    std::abort();
  }
  return true;
}

const Exercise* find_exercise(const std::string& name) {
  const auto it = exercises().find(name);
  return it == exercises().end() ? nullptr : &it->second;
}

std::vector<std::string> exercise_names() {
  std::vector<std::string> names;
  for (const auto& [name, exercise] : exercises()) names.push_back(name);
  return names;
}

Verdict compare_entries(const Message& student, const Message& expected,
                        const std::vector<std::string>& names, double tolerance) {
  Verdict v;
  if (names.empty()) {
    v.credit = 1;
    return v;
  }
  int agree = 0;
  std::vector<std::string> problems;
  for (const std::string& name : names) {
    const auto want = expected.entries().find(name);
    if (want == expected.entries().end()) {
      problems.push_back(name + ": the grader has no expected value (a grader bug)");
      continue;
    }
    const auto got = student.entries().find(name);
    if (got == student.entries().end()) {
      problems.push_back(name + ": missing from your code's answer");
      continue;
    }
    std::string d = differs(name, got->second, want->second, tolerance);
    if (d.empty())
      ++agree;
    else
      problems.push_back(std::move(d));
  }
  v.credit = static_cast<double>(agree) / static_cast<double>(names.size());
  for (const std::string& p : problems) v.message += (v.message.empty() ? "" : "\n") + p;
  return v;
}

}  // namespace grader
