// Lab 04 (labs/04-gradient-check): a gradient checker, judged without any
// reference answer: the grader knows what it handed the student's code.
//
//   lab04.numerical_gradient(_more)  against the grader's own central differences
//                                    of the same function with the same step
//   lab04.relative_error             against the formula, on pairs chosen so that
//                                    the common variants give other numbers
//   lab04.recovered_gradient         against (before - after) / learning_rate
//   lab04.check(_more)               correct layers and layers with a planted
//                                    mistake: each tensor's verdict must be right
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "../../worker/probes/lab04_function.hpp"
#include "../../worker/probes/lab04_layers.hpp"
#include "exercise.hpp"
#include "exercises/generator.hpp"

namespace grader {

namespace {

using nn::Index;
using nn::Mat;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

const Mat* matrix_entry(const Message& m, const std::string& name) {
  const auto it = m.entries().find(name);
  return it == m.entries().end() ? nullptr : std::get_if<Mat>(&it->second);
}

// |a - b| / max(1, |a|, |b|), element by element: the largest.
double max_difference(const Mat& a, const Mat& b) {
  double worst = 0;
  for (Index i = 0; i < a.n_elem; ++i) {
    if (a(i) == b(i)) continue;
    if (!std::isfinite(a(i)) || !std::isfinite(b(i))) return kInfinity;
    worst = std::max(worst, std::abs(a(i) - b(i)) /
                                std::max({1.0, std::abs(a(i)), std::abs(b(i))}));
  }
  return worst;
}

bool same_shape(const Mat& a, const Mat& b) { return a.n_rows == b.n_rows && a.n_cols == b.n_cols; }

std::string shape(const Mat& m) { return fmt::format("{}x{}", m.n_rows, m.n_cols); }

// The worst element of `got` against `want`, for messages.
std::string worst_element(const Mat& got, const Mat& want) {
  Index worst = 0;
  double largest = -1;
  for (Index i = 0; i < want.n_elem; ++i) {
    const double d = std::isfinite(got(i)) ? std::abs(got(i) - want(i)) : kInfinity;
    if (d > largest) largest = d, worst = i;
  }
  return fmt::format("at ({}, {}): expected {:.9g}, got {:.9g}", worst % want.n_rows,
                     worst / want.n_rows, want(worst), got(worst));
}

// ---- numerical_gradient --------------------------------------------------------

ExerciseCase numerical_case(Generator& g, Index n, Index d, Index m, double h) {
  ExerciseCase c;
  c.name = fmt::format("f(x) = sum(tanh(x A) % G) + sum(x^3) / 6, x {}x{}, h = {:g}", n, d, h);
  c.request.set_matrix("X", g.matrix(n, d, -1.5, 1.5));
  c.request.set_matrix("A", g.matrix(d, m));
  c.request.set_matrix("G", g.matrix(n, m));
  c.request.set_real("h", h);
  return c;
}

// f's central differences (the expected answer) or its one-sided ones.
Mat differences(const Message& request, bool central) {
  Mat x = request.matrix("X");
  const Mat& A = request.matrix("A");
  const Mat& G = request.matrix("G");
  const double h = request.real("h");
  Mat out(x.n_rows, x.n_cols);
  for (Index i = 0; i < x.n_elem; ++i) {
    const double original = x(i);
    x(i) = original + h;
    const double plus = lab04::smooth_function(x, A, G);
    x(i) = central ? original - h : original;
    const double minus = lab04::smooth_function(x, A, G);
    x(i) = original;
    out(i) = (plus - minus) / (central ? 2 * h : h);
  }
  return out;
}

// Whether `after` is `x` again, to within the rounding of nudging it back by
// arithmetic (x + h - 2h + h): only a copy of the value put back is exact.
bool put_back(const Mat& after, const Mat& x, double h) {
  const double eps = std::numeric_limits<double>::epsilon();
  for (Index i = 0; i < x.n_elem; ++i)
    if (!(std::abs(after(i) - x(i)) <= 4 * eps * (std::abs(x(i)) + 2 * h))) return false;
  return true;
}

Verdict judge_numerical(const ExerciseCase& c, const Message& student, const Message*,
                        double tolerance) {
  Verdict v;
  const Mat& X = c.request.matrix("X");
  const Mat* got = matrix_entry(student, "gradient");
  if (got == nullptr) {
    v.message = "gradient: missing from your code's answer";
    return v;
  }
  const Mat* after = matrix_entry(student, "x_after");
  const bool restored = after != nullptr && same_shape(*after, X) &&
                        put_back(*after, X, c.request.real("h"));
  if (!same_shape(*got, X)) {
    v.message = fmt::format("gradient: expected {} like x, got {}", shape(X), shape(*got));
    return v;
  }
  const Mat want = differences(c.request, true);
  const double error = max_difference(*got, want);
  const bool right = error <= tolerance;
  v.credit = (right ? 0.8 : 0) + (restored ? 0.2 : 0);
  if (!right) v.message = "gradient differs from central differences " + worst_element(*got, want);
  if (!restored)
    v.message += std::string(v.message.empty() ? "" : "\n") +
                 "x is not the same after the call: put each element back after nudging it";
  if (right) return v;
  if (max_difference(*got, differences(c.request, false)) <= tolerance)
    v.diagnosis = "one-sided differences (f(x + h) - f(x)) / h: use (f(x + h) - f(x - h)) / 2h";
  else if (max_difference(*got, 2 * want) <= tolerance)
    v.diagnosis = "twice the central difference: divide by 2h, not h";
  else if (!restored)
    v.diagnosis = "x is not restored after each nudge, so later elements are measured at a "
                  "moved point";
  return v;
}

std::vector<ExerciseCase> numerical_cases(std::uint64_t seed) {
  Generator g(seed);
  return {numerical_case(g, 1, 1, 1, 1e-3), numerical_case(g, 3, 2, 4, 1e-5),
          numerical_case(g, 4, 5, 3, 1e-4)};
}

std::vector<ExerciseCase> numerical_more_cases(std::uint64_t seed) {
  Generator g(seed);
  return {numerical_case(g, 6, 3, 2, 1e-4), numerical_case(g, 2, 7, 5, 1e-5),
          numerical_case(g, 5, 4, 4, 2e-3)};
}

// ---- relative_error --------------------------------------------------------------

double expected_relative_error(const Mat& a, const Mat& n) {
  if (!same_shape(a, n)) return kInfinity;
  const double scale = std::max(arma::norm(a, "fro"), arma::norm(n, "fro"));
  return scale == 0 ? 0 : arma::norm(a - n, "fro") / scale;
}

ExerciseCase pair_case(const std::string& name, const Mat& a, const Mat& n) {
  ExerciseCase c;
  c.name = name;
  c.request.set_matrix("analytic", a);
  c.request.set_matrix("numeric", n);
  return c;
}

std::vector<ExerciseCase> relative_error_cases(std::uint64_t) {
  const Mat a = {{1.0, -2.0, 0.5}, {3.0, 0.25, -1.0}};
  Mat close = a;
  close(0, 1) += 3e-7;
  const Mat larger = 1.5 * a;  // ||numeric|| > ||analytic||
  Mat tiny_element = a;        // one tiny element far off, the others equal
  tiny_element(1, 1) = 1e-9;
  Mat small_a = {{1e-9, 0.0}}, small_n = {{1e-9, 5e-10}};
  return {
      pair_case("a scalar: 2 and 2.5", Mat(1, 1, arma::fill::value(2.0)),
                Mat(1, 1, arma::fill::value(2.5))),
      pair_case("2x3, one element off by 3e-7", a, close),
      pair_case("numeric = 1.5 x analytic", a, larger),
      pair_case("analytic = 1.5 x numeric", larger, a),
      pair_case("one small element very different", a, tiny_element),
      pair_case("tiny gradients: 1e-9 scale", small_a, small_n),
      pair_case("both all zeros", Mat(2, 2, arma::fill::zeros), Mat(2, 2, arma::fill::zeros)),
      pair_case("analytic all zeros, numeric not", Mat(1, 3, arma::fill::zeros), Mat{{0.1, 0, -0.2}}),
      pair_case("shapes differ: 2x3 and 3x2", a, Mat(a.t())),
  };
}

Verdict judge_relative_error(const ExerciseCase& c, const Message& student, const Message*,
                             double) {
  Verdict v;
  const auto it = student.entries().find("error");
  const double* got = it == student.entries().end() ? nullptr : std::get_if<double>(&it->second);
  if (got == nullptr) {
    v.message = "error: missing from your code's answer";
    return v;
  }
  const Mat& a = c.request.matrix("analytic");
  const Mat& n = c.request.matrix("numeric");
  const double want = expected_relative_error(a, n);
  const bool right = *got == want || std::abs(*got - want) <= 1e-9 * std::abs(want);
  if (right) {
    v.credit = 1;
    return v;
  }
  v.message = fmt::format("expected {:.9g}, got {:.9g}", want, *got);
  const double diff = same_shape(a, n) ? arma::norm(a - n, "fro") : 0;
  auto near = [&](double x) { return std::abs(*got - x) <= 1e-9 * std::abs(x); };
  if (std::isnan(*got) && want == 0)
    v.diagnosis = "both gradients are zero: 0 / 0 is NaN, return 0 for this case";
  else if (!same_shape(a, n))
    v.diagnosis = "the shapes differ: the error must be infinity (a gradient of the wrong shape "
                  "is wrong)";
  else if (near(diff / arma::norm(a, "fro")) && !near(want))
    v.diagnosis = "divided by ||analytic|| only: divide by the larger of the two norms";
  else if (near(diff / arma::norm(n, "fro")) && !near(want))
    v.diagnosis = "divided by ||numeric|| only: divide by the larger of the two norms";
  else if (near(diff / (arma::norm(a, "fro") + arma::norm(n, "fro"))))
    v.diagnosis = "divided by the sum of the norms: divide by the larger of the two";
  return v;
}

// ---- recovered_gradient -------------------------------------------------------------

std::vector<ExerciseCase> recovered_cases(std::uint64_t seed) {
  Generator g(seed);
  std::vector<ExerciseCase> cases;
  for (const auto& [rows, cols, rate] :
       std::vector<std::tuple<Index, Index, double>>{{1, 1, 0.1}, {3, 4, 0.01}, {5, 2, 0.5}}) {
    const Mat before = g.matrix(rows, cols), gradient = g.matrix(rows, cols, -3, 3);
    ExerciseCase c;
    c.name = fmt::format("{}x{} weights, learning rate {}", rows, cols, rate);
    c.request.set_matrix("before", before);
    c.request.set_matrix("after", Mat(before - rate * gradient));
    c.request.set_real("learning_rate", rate);
    cases.push_back(std::move(c));
  }
  return cases;
}

Verdict judge_recovered(const ExerciseCase& c, const Message& student, const Message*,
                        double tolerance) {
  Verdict v;
  const Mat& before = c.request.matrix("before");
  const Mat& after = c.request.matrix("after");
  const double rate = c.request.real("learning_rate");
  const Mat* got = matrix_entry(student, "gradient");
  if (got == nullptr || !same_shape(*got, before)) {
    v.message = got == nullptr ? "gradient: missing from your code's answer"
                               : fmt::format("gradient: expected {}, got {}", shape(before),
                                             shape(*got));
    return v;
  }
  const Mat want = (before - after) / rate;
  if (max_difference(*got, want) <= tolerance) {
    v.credit = 1;
    return v;
  }
  v.message = "gradient differs " + worst_element(*got, want);
  if (max_difference(*got, -want) <= tolerance)
    v.diagnosis = "the sign is flipped: the step subtracts, w_after = w_before - rate * gradient";
  else if (max_difference(*got, (before - after) * rate) <= tolerance)
    v.diagnosis = "multiplied by the learning rate: divide by it";
  return v;
}

// ---- check_layer ---------------------------------------------------------------------

struct PlantedLayer {
  std::string layer, mistake;
  Index n, d, m;  // batch, input features, output features (Affine only)
  double h, threshold;
};

std::string describe(const PlantedLayer& p) {
  const std::string shape = p.layer == "Affine" ? fmt::format("{}x{} -> {}x{}", p.n, p.d, p.n, p.m)
                                                : fmt::format("{}x{}", p.n, p.d);
  return p.mistake == "none" ? fmt::format("{} on {}, correct", p.layer, shape)
                             : fmt::format("{} on {}, planted mistake: {}", p.layer, shape,
                                           p.mistake);
}

ExerciseCase check_case(Generator& g, const PlantedLayer& p) {
  if (!lab04::plantable(p.mistake, p.layer))
    throw std::invalid_argument("lab04: no mistake " + p.mistake + " to plant in " + p.layer);
  ExerciseCase c;
  c.name = describe(p);
  c.request.set_string("layer", p.layer);
  c.request.set_string("mistake", p.mistake);
  const Index out = p.layer == "Affine" ? p.m : p.d;
  c.request.set_matrix("X", g.matrix(p.n, p.d, -2, 2));
  c.request.set_matrix("G", g.matrix(p.n, out));
  if (p.layer == "Affine") {
    c.request.set_matrix("param.0", g.matrix(p.d, p.m));
    c.request.set_matrix("param.1", g.matrix(1, p.m));
  } else if (p.layer == "Gain") {
    c.request.set_matrix("param.0", g.matrix(1, p.d, 0.5, 2));
    c.request.set_matrix("param.1", g.matrix(1, p.d));
  }
  c.request.set_real("h", p.h);
  c.request.set_real("threshold", p.threshold);
  return c;
}

std::vector<ExerciseCase> check_cases(std::uint64_t seed) {
  Generator g(seed);
  std::vector<ExerciseCase> cases;
  for (const PlantedLayer& p : std::vector<PlantedLayer>{
           {"Affine", "none", 4, 3, 2, 1e-6, 1e-6},
           {"Gain", "none", 4, 3, 0, 1e-6, 1e-6},
           {"Sine", "none", 3, 4, 0, 1e-6, 1e-6},
           {"Logistic", "none", 3, 4, 0, 1e-6, 1e-6},
           {"Affine", "transposed_dW", 4, 3, 3, 1e-6, 1e-6},
           {"Affine", "bias_not_summed", 4, 3, 2, 1e-6, 1e-6},
           {"Logistic", "no_one_minus_s", 3, 4, 0, 1e-6, 1e-6},
           {"Sine", "sign", 3, 4, 0, 1e-6, 1e-6},
       })
    cases.push_back(check_case(g, p));
  return cases;
}

std::vector<ExerciseCase> check_more_cases(std::uint64_t seed) {
  Generator g(seed);
  std::vector<ExerciseCase> cases;
  for (const PlantedLayer& p : std::vector<PlantedLayer>{
           {"Softsign", "none", 5, 2, 0, 1e-5, 1e-7},
           {"Square", "none", 2, 6, 0, 1e-5, 1e-7},
           {"Affine", "none", 1, 5, 4, 1e-5, 1e-7},
           {"Softsign", "missing_square", 5, 2, 0, 1e-5, 1e-7},
           {"Square", "missing_two", 2, 6, 0, 1e-5, 1e-7},
           {"Gain", "bias_mean", 6, 2, 0, 1e-5, 1e-7},
           {"Gain", "gain_without_input", 3, 3, 0, 1e-5, 1e-7},
           {"Gain", "tiny", 4, 3, 0, 1e-5, 1e-7},
           {"Affine", "last_element", 3, 4, 5, 1e-5, 1e-7},
           {"Affine", "transposed_dW", 2, 4, 3, 1e-5, 1e-7},
           {"Sine", "no_upstream", 3, 3, 0, 1e-5, 1e-7},
       })
    cases.push_back(check_case(g, p));
  return cases;
}

Verdict judge_check(const ExerciseCase& c, const Message& student, const Message*, double) {
  Verdict v;
  const std::string layer = c.request.string("layer");
  const std::vector<std::string> names = lab04::tensor_names(layer);
  const std::string wrong = lab04::wrong_tensor(c.request.string("mistake"));
  const double threshold = c.request.real("threshold");
  auto integer = [&](const std::string& name) -> const std::int64_t* {
    const auto it = student.entries().find(name);
    return it == student.entries().end() ? nullptr : std::get_if<std::int64_t>(&it->second);
  };
  const std::int64_t* passed = integer("passed");
  const std::int64_t* count = integer("tensor_count");
  if (passed == nullptr || count == nullptr) {
    v.message = "passed / tensor_count: missing from your code's answer";
    return v;
  }
  std::vector<std::string> lines;
  const bool overall_right = (*passed != 0) == wrong.empty();
  if (!overall_right)
    lines.push_back(wrong.empty() ? "your check says FAIL, but this layer's backward is correct"
                                  : "your check says PASS, but this layer has a planted mistake");

  // Each tensor's verdict, by name, in order.
  std::vector<std::string> got_names;
  for (std::int64_t k = 0; k < std::min<std::int64_t>(*count, 16); ++k) {
    const auto it = student.entries().find("name." + std::to_string(k));
    const std::string* name =
        it == student.entries().end() ? nullptr : std::get_if<std::string>(&it->second);
    got_names.push_back(name == nullptr ? "?" : *name);
  }
  std::size_t right = 0;
  bool verdict_contradicts_error = false;
  std::size_t params_flagged = 0;  // of a correct layer, while its dX passes
  if (got_names != names) {
    lines.push_back(fmt::format("your check reports the tensors [{}]; expected [{}] (dX, then "
                                "each parameter in params() order)",
                                fmt::join(got_names, ", "), fmt::join(names, ", ")));
  } else {
    for (std::size_t k = 0; k < names.size(); ++k) {
      const std::string i = std::to_string(k);
      const std::int64_t* ok = integer("passed." + i);
      const auto e = student.entries().find("error." + i);
      const double* error =
          e == student.entries().end() ? nullptr : std::get_if<double>(&e->second);
      const bool should_pass = names[k] != wrong;
      if (ok == nullptr || error == nullptr) {
        lines.push_back(names[k] + ": no verdict or relative error in your answer");
        continue;
      }
      if ((*ok != 0) == should_pass) {
        ++right;
        continue;
      }
      lines.push_back(fmt::format("{}: your check says {} (relative error {:.3g}, threshold {:g}); "
                                  "its gradient is {}",
                                  names[k], *ok ? "PASS" : "FAIL", *error, threshold,
                                  should_pass ? "correct" : "wrong (planted)"));
      if ((*ok != 0) != (*error <= threshold)) verdict_contradicts_error = true;
      if (wrong.empty() && k > 0) ++params_flagged;
    }
  }
  v.credit = 0.5 * (overall_right ? 1 : 0) +
             0.5 * static_cast<double>(right) / static_cast<double>(names.size());
  for (const std::string& line : lines) v.message += (v.message.empty() ? "" : "\n") + line;
  if (verdict_contradicts_error)
    v.diagnosis = "a verdict does not follow its relative error: passed is relative_error <= "
                  "threshold";
  else if (params_flagged > 0 && params_flagged + 1 == names.size() && right == 1)
    v.diagnosis = "dX passes but every (correct) parameter gradient is flagged: the grads held "
                  "0.5 before the check; set them to zero before backward (it adds with +=)";
  return v;
}

// ---- registration ----------------------------------------------------------------------

Exercise make(const std::string& summary, std::vector<ExerciseCase> (*cases)(std::uint64_t),
              Verdict (*judge)(const ExerciseCase&, const Message&, const Message*, double)) {
  Exercise e;
  e.summary = summary;
  e.cases = cases;
  e.uses_reference = false;
  e.judge = judge;
  return e;
}

Exercise numerical_gradient() {
  return make("central differences of a known function", numerical_cases, judge_numerical);
}
Exercise numerical_gradient_more() {
  return make("central differences on other shapes and steps", numerical_more_cases,
              judge_numerical);
}
Exercise relative_error() {
  return make("the relative error of gradient pairs", relative_error_cases, judge_relative_error);
}
Exercise recovered_gradient() {
  return make("the gradient recovered from one gradient-descent step", recovered_cases,
              judge_recovered);
}
Exercise check() {
  return make("check_layer on correct layers and layers with a planted mistake", check_cases,
              judge_check);
}
Exercise check_more() {
  return make("check_layer on other layers, shapes, steps and mistakes", check_more_cases,
              judge_check);
}

}  // namespace

GRADER_EXERCISE("lab04.numerical_gradient", numerical_gradient);
GRADER_EXERCISE("lab04.numerical_gradient_more", numerical_gradient_more);
GRADER_EXERCISE("lab04.relative_error", relative_error);
GRADER_EXERCISE("lab04.recovered_gradient", recovered_gradient);
GRADER_EXERCISE("lab04.check", check);
GRADER_EXERCISE("lab04.check_more", check_more);

}  // namespace grader
