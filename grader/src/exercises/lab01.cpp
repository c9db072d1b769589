// Lab 01's exercises (labs/01-neurons): the McCulloch-Pitts unit and its gates,
// the perceptron's learning rule, a network for XOR and the sign network. The
// probes that run the student's code are in grader/worker/probes/lab01.cpp.
//
// Truth tables and network outputs are judged against what this file computes
// itself (the handout spells out both rules); the perceptron's training run
// against the reference's. A mistake is named only when the rule or the unit
// written with that mistake reproduces the student's answer exactly (the right
// answer then differs).
#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "entries.hpp"
#include "exercise.hpp"
#include "nn/core/rng.hpp"

namespace {

using grader::ExerciseCase;
using grader::has_integer;
using grader::matrix_entry;
using grader::Message;
using grader::Verdict;
using nn::Index;
using nn::Mat;
using nn::Real;

// ---------------------------------------------------------------- helpers

// Every combination of n bits, one per row, in counting order (x_1 the most significant).
Mat all_inputs(Index n) {
  Mat X(Index{1} << n, n);
  for (Index r = 0; r < X.n_rows; ++r)
    for (Index i = 0; i < n; ++i) X(r, i) = (r >> (n - 1 - i)) & 1;
  return X;
}

std::string row_text(const Mat& X, Index r) {
  std::string s = "(";
  for (Index i = 0; i < X.n_cols; ++i) s += fmt::format("{}{:g}", i ? ", " : "", X(r, i));
  return s + ")";
}

bool same(const Mat& a, const Mat& b, Real tolerance = 0) {
  if (a.n_rows != b.n_rows || a.n_cols != b.n_cols) return false;
  for (Index i = 0; i < a.n_elem; ++i)
    if (!(std::abs(a(i) - b(i)) <= tolerance * std::max({Real{1}, std::abs(a(i)), std::abs(b(i))})))
      return false;
  return true;
}

// A truth table's rows that differ, as "(x) -> expected e, got g" lines.
std::string table_differences(const Mat& X, const Mat& want, const Mat& got, int* agree) {
  std::string text;
  int count = 0;
  for (Index r = 0; r < X.n_rows; ++r) {
    if (got(r) == want(r)) {
      ++count;
      continue;
    }
    text += fmt::format("\n  {} -> expected {:g}, got {:g}", row_text(X, r), want(r), got(r));
  }
  if (agree) *agree = count;
  return text;
}

// ---------------------------------------------------------------- McCulloch-Pitts units

// How a unit may be evaluated: right, or with one known mistake.
enum class UnitRule { Right, Strict, IgnoresInhibition, InhibitionSubtracts };

int unit_output(int threshold, const Mat& inhibitory, const Mat& X, Index r, UnitRule rule) {
  int sum = 0;
  bool vetoed = false;
  for (Index i = 0; i < X.n_cols; ++i) {
    const bool on = X(r, i) != 0, inhibits = inhibitory(i) != 0;
    if (inhibits && on) {
      vetoed = true;
      if (rule == UnitRule::InhibitionSubtracts) sum -= 1;
    } else if (on) {
      sum += 1;
    }
  }
  if (vetoed && (rule == UnitRule::Right || rule == UnitRule::Strict)) return 0;
  if (rule == UnitRule::IgnoresInhibition) {
    sum = 0;
    for (Index i = 0; i < X.n_cols; ++i) sum += X(r, i) != 0;
  }
  return rule == UnitRule::Strict ? sum > threshold : sum >= threshold;
}

Mat unit_table(int threshold, const Mat& inhibitory, const Mat& X, UnitRule rule) {
  Mat y(X.n_rows, 1);
  for (Index r = 0; r < X.n_rows; ++r) y(r) = unit_output(threshold, inhibitory, X, r, rule);
  return y;
}

std::string unit_diagnosis(int threshold, const Mat& inhibitory, const Mat& X, const Mat& got) {
  const std::pair<UnitRule, const char*> mistakes[] = {
      {UnitRule::Strict,
       "the unit fires only when the sum exceeds the threshold; it must fire when the sum "
       "reaches it (sum >= threshold)"},
      {UnitRule::IgnoresInhibition,
       "an inhibitory input that is 1 must stop the unit firing, whatever the sum"},
      {UnitRule::InhibitionSubtracts,
       "an inhibitory input that is 1 vetoes the unit (the output is 0); it does not just "
       "subtract from the sum"},
  };
  for (const auto& [rule, text] : mistakes)
    if (same(got, unit_table(threshold, inhibitory, X, rule))) return text;
  return "";
}

ExerciseCase unit_case(const std::string& name, int threshold, const Mat& inhibitory) {
  ExerciseCase c;
  c.name = name;
  c.request.set_integer("threshold", threshold);
  c.request.set_matrix("inhibitory", inhibitory);
  c.request.set_matrix("X", all_inputs(inhibitory.n_elem));
  return c;
}

grader::Exercise threshold_unit() {
  grader::Exercise e;
  e.summary = "fires(): McCulloch-Pitts units' truth tables";
  e.uses_reference = false;
  e.cases = [](std::uint64_t seed) {
    std::vector<ExerciseCase> cases = {
        unit_case("threshold 2, inputs (excitatory, excitatory)", 2, Mat{0.0, 0.0}),
        unit_case("threshold 0, inputs (inhibitory, inhibitory)", 0, Mat{1.0, 1.0}),
        unit_case("threshold 2, inputs (excitatory, inhibitory, excitatory)", 2,
                  Mat{0.0, 1.0, 0.0}),
        unit_case("threshold 3, three excitatory inputs", 3, Mat{0.0, 0.0, 0.0}),
        // two excitatory inputs outweigh an inhibitory one: only a veto gives 0 at (1, 1, 1)
        unit_case("threshold 1, inputs (excitatory, excitatory, inhibitory)", 1,
                  Mat{0.0, 0.0, 1.0}),
    };
    nn::Rng rng(seed);
    for (int k = 0; k < 3; ++k) {
      const Index n = 1 + rng.index(4);
      Mat inhibitory(1, n);
      for (Index i = 0; i < n; ++i) inhibitory(i) = rng.uniform() < 0.3 ? 1 : 0;
      const int threshold = static_cast<int>(rng.index(n + 2));
      std::string kinds;
      for (Index i = 0; i < n; ++i)
        kinds += fmt::format("{}{}", i ? ", " : "", inhibitory(i) ? "inhibitory" : "excitatory");
      cases.push_back(unit_case(fmt::format("threshold {}, inputs ({})", threshold, kinds),
                                threshold, inhibitory));
    }
    return cases;
  };
  e.judge = [](const ExerciseCase& c, const Message& student, const Message*, double) {
    Verdict v;
    const int threshold = static_cast<int>(c.request.integer("threshold"));
    const Mat& inhibitory = c.request.matrix("inhibitory");
    const Mat& X = c.request.matrix("X");
    std::string why;
    const Mat* got = matrix_entry(student, "y", why);
    if (!got) return Verdict{0, why, ""};
    if (got->n_elem != X.n_rows) {
      v.message = fmt::format("expected {} outputs, got {}", X.n_rows, got->n_elem);
      return v;
    }
    const Mat want = unit_table(threshold, inhibitory, X, UnitRule::Right);
    int agree = 0;
    const std::string rows = table_differences(X, want, *got, &agree);
    v.credit = static_cast<double>(agree) / X.n_rows;
    if (!rows.empty()) {
      v.message =
          fmt::format("{} of {} inputs give the wrong output:{}", X.n_rows - agree, X.n_rows, rows);
      v.diagnosis = unit_diagnosis(threshold, inhibitory, X, *got);
    }
    return v;
  };
  return e;
}

// ---------------------------------------------------------------- gates

struct Gate {
  const char* name;
  Index inputs;
  std::function<int(const Mat& X, Index r)> truth;
};

const std::vector<Gate>& gates() {
  static const std::vector<Gate> table = {
      {"AND", 2, [](const Mat& X, Index r) { return X(r, 0) == 1 && X(r, 1) == 1; }},
      {"OR", 2, [](const Mat& X, Index r) { return X(r, 0) == 1 || X(r, 1) == 1; }},
      {"NOR", 2, [](const Mat& X, Index r) { return X(r, 0) == 0 && X(r, 1) == 0; }},
      {"NOT", 1, [](const Mat& X, Index r) { return X(r, 0) == 0; }},
  };
  return table;
}

grader::Exercise gate_units() {
  grader::Exercise e;
  e.summary = "and_unit, or_unit, nor_unit, not_unit: each unit's truth table";
  e.uses_reference = false;
  e.cases = [](std::uint64_t) {
    std::vector<ExerciseCase> cases;
    for (const Gate& g : gates()) {
      ExerciseCase c;
      c.name = g.name;
      c.request.set_string("gate", g.name);
      cases.push_back(c);
    }
    return cases;
  };
  e.judge = [](const ExerciseCase& c, const Message& student, const Message*, double) {
    Verdict v;
    const std::string& name = c.request.string("gate");
    const Gate* gate = nullptr;
    for (const Gate& g : gates())
      if (name == g.name) gate = &g;
    if (!gate) return Verdict{0, "unknown gate " + name + " (a grader bug)", ""};
    std::string why;
    const Mat* inhibitory = matrix_entry(student, "inhibitory", why);
    if (!inhibitory) return Verdict{0, why, ""};
    if (!has_integer(student, "threshold", why)) return Verdict{0, why, ""};
    if (inhibitory->n_elem != gate->inputs) {
      v.message = fmt::format("{} takes {} input{}; your unit has {} (the size of `inhibitory`)",
                              name, gate->inputs, gate->inputs == 1 ? "" : "s", inhibitory->n_elem);
      return v;
    }
    const int threshold = static_cast<int>(student.integer("threshold"));
    const Mat X = all_inputs(gate->inputs);
    Mat want(X.n_rows, 1);
    for (Index r = 0; r < X.n_rows; ++r) want(r) = gate->truth(X, r);
    const Mat got = unit_table(threshold, *inhibitory, X, UnitRule::Right);
    const std::string rows = table_differences(X, want, got, nullptr);
    if (rows.empty()) {
      v.credit = 1;
      return v;
    }
    std::string flags;
    for (Index i = 0; i < inhibitory->n_elem; ++i)
      flags += fmt::format("{}{}", i ? ", " : "", (*inhibitory)(i) ? "inhibitory" : "excitatory");
    v.message = fmt::format("your unit (threshold {}, inputs {}) does not compute {}:{}", threshold,
                            flags, name, rows);
    return v;
  };
  return e;
}

// ---------------------------------------------------------------- the perceptron

// A training run as the probe reports it.
struct Run {
  Mat errors, W, b;
};

// How many samples a perceptron with weights w (row `e` of W) and bias b gets wrong.
Real wrong_with(const Message& request, const Mat& W, const Mat& b, Index e) {
  const Mat& X = request.matrix("X");
  const Mat& t = request.matrix("t");
  Real count = 0;
  for (Index n = 0; n < X.n_rows; ++n) {
    const Real z = arma::dot(X.row(n), W.row(e)) + b(e);
    count += (z >= 0 ? 1 : 0) != t(n);
  }
  return count;
}

// The learning rule written with one realistic mistake. The right rule is the
// handout's (w <- w + eta (t - y) x^T, b <- b + eta (t - y)); the right run is
// always the reference's, these only name what a wrong run reproduces.
enum class RuleMistake {
  StrictStep,        // y = 1 only when z > 0
  WrongSign,         // w <- w - eta (t - y) x^T, b <- b - eta (t - y)
  ErrorFromZ,        // the error t - z, with z = x w + b: every visit moves w
  SignedEveryVisit,  // w <- w + eta (2t - 1) x^T on every visit, right or wrong
  NoBiasUpdate,      // w moves, b never does
  EndOfEpoch,        // the epoch's updates summed and applied after its last sample
};

Run run_with(const Message& request, RuleMistake mistake) {
  const Mat& X = request.matrix("X");
  const Mat& t = request.matrix("t");
  const Real eta = request.real("eta");
  Mat w = request.matrix("w");
  Real b = request.real("b");
  std::vector<Real> errors;
  std::vector<Mat> ws;
  std::vector<Real> bs;
  for (std::int64_t epoch = 0; epoch < request.integer("max_epochs"); ++epoch) {
    int wrong = 0;
    Mat dw(w.n_rows, 1, arma::fill::zeros);
    Real db = 0;
    for (Index n = 0; n < X.n_rows; ++n) {
      const Real z = arma::as_scalar(X.row(n) * w) + b;
      const Real y = (mistake == RuleMistake::StrictStep ? z > 0 : z >= 0) ? 1 : 0;
      wrong += y != t(n);
      Real step = t(n) - y;
      if (mistake == RuleMistake::WrongSign) step = -step;
      if (mistake == RuleMistake::ErrorFromZ) step = t(n) - z;
      if (mistake == RuleMistake::SignedEveryVisit) step = 2 * t(n) - 1;
      dw += eta * step * X.row(n).t();
      db += mistake == RuleMistake::NoBiasUpdate ? 0 : eta * step;
      if (mistake != RuleMistake::EndOfEpoch) {
        w += dw;
        b += db;
        dw.zeros();
        db = 0;
      }
    }
    w += dw;
    b += db;
    errors.push_back(wrong);
    ws.push_back(w.t());
    bs.push_back(b);
    if (wrong == 0 || !w.is_finite() || !std::isfinite(b)) break;
  }
  Run run{Mat(errors), Mat(ws.size(), w.n_rows), Mat(bs)};
  for (std::size_t e = 0; e < ws.size(); ++e) run.W.row(e) = ws[e];
  return run;
}

bool same_run(const Run& a, const Run& b, Real tolerance) {
  return same(a.errors, b.errors) && same(a.W, b.W, tolerance) && same(a.b, b.b, tolerance);
}

// The likely mistake, from the reference's run, the student's, and the runs of
// the rule written with one mistake (named only when it reproduces the student's).
std::string perceptron_diagnosis(const Message& request, const Run& got, const Run& want,
                                 Real tolerance) {
  const Index epochs = want.errors.n_elem, ran = got.errors.n_elem;
  if (ran == 0 || epochs == 0) return "";
  const bool weights_agree = ran <= epochs && same(got.W, want.W.rows(0, ran - 1), tolerance) &&
                             same(got.b, want.b.rows(0, ran - 1), tolerance);
  const bool errors_agree = ran <= epochs && same(got.errors, want.errors.rows(0, ran - 1));
  if (ran > epochs && want.errors(epochs - 1) == 0 &&
      same(got.W.rows(0, epochs - 1), want.W, tolerance))
    return "training went on after an epoch without error: it must stop after the first one";
  if (ran > epochs && same(got.W.rows(0, epochs - 1), want.W, tolerance))
    return fmt::format("training ran {} epochs; max_epochs is {}", ran, epochs);
  if (ran + 1 == epochs && weights_agree && errors_agree && want.errors(epochs - 1) == 0)
    return "the epoch without error is missing: record it too, then stop";
  if (weights_agree && !errors_agree) {
    bool after = true;
    for (Index e = 0; e < ran; ++e)
      after = after && got.errors(e) == wrong_with(request, got.W, got.b, e);
    if (after)
      return "the weights are right but the errors are counted after the epoch; count the "
             "samples that were wrong when they were visited (learn() returned t - y != 0)";
  }
  const std::pair<RuleMistake, const char*> mistakes[] = {
      {RuleMistake::StrictStep, "the step fires only when z > 0; it must fire at z = 0 too (z >= 0)"},
      {RuleMistake::WrongSign,
       "the update has the wrong sign: w <- w + eta (t - y) x^T and b <- b + eta (t - y)"},
      {RuleMistake::ErrorFromZ,
       "the error is t - z, with z before the step; the rule uses t - y, with y = step(z), so a "
       "right answer changes nothing"},
      {RuleMistake::SignedEveryVisit,
       "the weights move on every sample, also on those the perceptron gets right; only a "
       "mistake (t - y != 0) changes w and b"},
      {RuleMistake::NoBiasUpdate, "the bias never changes: the rule updates b too, b <- b + eta (t - y)"},
      {RuleMistake::EndOfEpoch,
       "the updates are applied at the end of the epoch; apply each right after its sample, so "
       "the next sample sees the new w and b"},
  };
  for (const auto& [mistake, text] : mistakes)
    if (same_run(got, run_with(request, mistake), tolerance)) return text;
  const Real b0 = request.real("b");
  if (arma::all(arma::vectorise(got.b) == b0) && arma::any(arma::vectorise(want.b) != b0))
    return "the bias never changes: the rule updates b too, b <- b + eta (t - y)";
  return "";
}

std::string vector_text(const Mat& m, Index row) {
  std::string s = "(";
  for (Index i = 0; i < m.n_cols; ++i) s += fmt::format("{}{:g}", i ? ", " : "", m(row, i));
  return s + ")";
}

Verdict judge_perceptron(const ExerciseCase& c, const Message& student, const Message* reference,
                         double tolerance) {
  Verdict v;
  std::string why;
  Run got, want;
  for (auto [name, slot] : {std::pair{"errors", &got.errors}, {"W", &got.W}, {"b", &got.b}}) {
    const Mat* m = matrix_entry(student, name, why);
    if (!m) return Verdict{0, why, ""};
    *slot = *m;
  }
  want = Run{reference->matrix("errors"), reference->matrix("W"), reference->matrix("b")};
  const Index epochs = want.errors.n_rows, ran = got.errors.n_elem;
  if (got.W.n_rows != ran || got.b.n_elem != ran || got.W.n_cols != want.W.n_cols)
    return Verdict{0, "the recorded errors, weights and biases do not have one entry per epoch",
                   ""};
  // The first epoch (0-based) where the run differs from the reference's.
  Index first = 0;
  while (first < std::min(epochs, ran) && got.errors(first) == want.errors(first) &&
         same(got.W.row(first), want.W.row(first), tolerance) &&
         std::abs(got.b(first) - want.b(first)) <=
             tolerance * std::max({Real{1}, std::abs(got.b(first)), std::abs(want.b(first))}))
    ++first;
  if (first == epochs && ran == epochs) {
    v.credit = 1;
    return v;
  }
  v.credit = static_cast<double>(first) / static_cast<double>(std::max(epochs, ran));
  if (first < std::min(epochs, ran))
    v.message = fmt::format(
        "epoch {} differs: expected {} errors, w = {}, b = {:g}; got {} errors, w = {}, b = {:g}",
        first + 1, want.errors(first), vector_text(want.W, first), want.b(first), got.errors(first),
        vector_text(got.W, first), got.b(first));
  else
    v.message = fmt::format("the first {} epochs agree, but training ran {} epochs, expected {}",
                            first, ran, epochs);
  const bool converged = want.errors(epochs - 1) == 0;
  v.message += fmt::format("\n  (expected: {} after {} epochs, final w = {}, b = {:g})",
                           converged ? "no error" : "still errors", epochs,
                           vector_text(want.W, epochs - 1), want.b(epochs - 1));
  v.diagnosis = perceptron_diagnosis(c.request, got, want, tolerance);
  return v;
}

ExerciseCase perceptron_case(const std::string& name, const Mat& X, const Mat& t, const Mat& w,
                             Real b, Real eta, std::int64_t max_epochs) {
  ExerciseCase c;
  c.name = name;
  c.request.set_matrix("X", X);
  c.request.set_matrix("t", t);
  c.request.set_matrix("w", w);
  c.request.set_real("b", b);
  c.request.set_real("eta", eta);
  c.request.set_integer("max_epochs", max_epochs);
  return c;
}

grader::Exercise perceptron() {
  grader::Exercise e;
  e.summary = "train(): the perceptron's training run on AND and OR (errors, w and b per epoch)";
  e.cases = [](std::uint64_t) {
    const Mat X = all_inputs(2), zero(2, 1, arma::fill::zeros);
    return std::vector<ExerciseCase>{
        perceptron_case("AND, eta = 1, from w = (0, 0), b = 0", X, arma::vec{0.0, 0.0, 0.0, 1.0},
                        zero, 0, 1, 20),
        perceptron_case("OR, eta = 1, from w = (0, 0), b = 0", X, arma::vec{0.0, 1.0, 1.0, 1.0},
                        zero, 0, 1, 20),
    };
  };
  e.judge = judge_perceptron;
  return e;
}

// Linearly separable data: integer points in [-3, 3]^d labelled by a random
// integer boundary they do not touch. Every number the rule then meets is a
// multiple of 1/8, so every run is exact in floating point.
ExerciseCase separable_case(nn::Rng& rng, Index d, Index n) {
  Mat normal(d, 1);
  for (Index i = 0; i < d; ++i) normal(i) = static_cast<Real>(rng.index(7)) - 3;
  if (arma::all(arma::vectorise(normal) == 0)) normal(0) = 1;
  const Real offset = static_cast<Real>(rng.index(5)) - 2 + 0.5;  // never on a grid point
  Mat X(n, d), t(n, 1);
  for (Index r = 0; r < n; ++r) {
    for (Index i = 0; i < d; ++i) X(r, i) = static_cast<Real>(rng.index(7)) - 3;
    t(r) = arma::as_scalar(X.row(r) * normal) + offset > 0 ? 1 : 0;
  }
  const Real rates[] = {0.25, 0.5, 1, 2};
  const Real eta = rates[rng.index(4)];
  Mat w(d, 1);
  for (Index i = 0; i < d; ++i) w(i) = (static_cast<Real>(rng.index(9)) - 4) / 4;
  const Real b = (static_cast<Real>(rng.index(9)) - 4) / 4;
  return perceptron_case(fmt::format("{} separable points in {} dimensions, eta = {:g}", n, d, eta),
                         X, t, w, b, eta, 100);
}

grader::Exercise perceptron_hidden() {
  grader::Exercise e;
  e.summary = "train() on other data, learning rates and starting weights, and on XOR";
  e.cases = [](std::uint64_t seed) {
    const Mat X = all_inputs(2);
    std::vector<ExerciseCase> cases = {
        perceptron_case("NAND, eta = 0.5, from w = (0.5, -0.25), b = 0.25", X,
                        arma::vec{1.0, 1.0, 1.0, 0.0}, arma::vec{0.5, -0.25}, 0.25, 0.5, 20),
        perceptron_case("XOR, eta = 1, from w = (0, 0), b = 0 (never converges)", X,
                        arma::vec{0.0, 1.0, 1.0, 0.0}, Mat(2, 1, arma::fill::zeros), 0, 1, 12),
    };
    nn::Rng rng(seed);
    cases.push_back(separable_case(rng, 2, 12));
    cases.push_back(separable_case(rng, 3, 16));
    return cases;
  };
  e.judge = judge_perceptron;
  return e;
}

// ---------------------------------------------------------------- threshold networks

struct Network {
  std::vector<Mat> W, b;
};

enum class Forward { Right, StepInsteadOfSign, NoBias, PreActivation, BiasOnFirstRow };

// Every layer's output, as forward() must give them, or with one known mistake.
std::vector<Mat> evaluate(const Network& net, const Mat& X, bool sign, Forward mistake) {
  std::vector<Mat> H;
  Mat input = X;
  for (std::size_t k = 0; k < net.W.size(); ++k) {
    Mat Z = input * net.W[k];
    if (mistake == Forward::BiasOnFirstRow)
      Z.row(0) += net.b[k];
    else if (mistake != Forward::NoBias)
      Z.each_row() += net.b[k];
    const Real low = sign && mistake != Forward::StepInsteadOfSign ? -1 : 0;
    Mat out = Z;
    if (mistake != Forward::PreActivation)
      out.transform([low](Real z) { return z >= 0 ? 1 : low; });
    H.push_back(out);
    input = out;
  }
  return H;
}

Network network_of(const Message& m) {
  Network net;
  for (std::int64_t k = 0; k < m.integer("layers"); ++k) {
    net.W.push_back(m.matrix("W." + std::to_string(k)));
    net.b.push_back(m.matrix("b." + std::to_string(k)));
  }
  return net;
}

// The handout's sign network, in batch form (W = M transposed, b = c as a row).
Network handout_sign_network() {
  const Mat M1{{3, 4}, {1, 2}, {9, 7}}, M2{{3, 4, 1}, {5, 2, 7}}, M3{{5, 3}};
  return {{M1.t(), M2.t(), M3.t()}, {Mat{5.0, 8.0, 6.0}, Mat{9.0, 1.0}, Mat{6.0}}};
}

ExerciseCase network_case(const std::string& name, const Network& net, const Mat& X, bool sign) {
  ExerciseCase c;
  c.name = name;
  c.request.set_integer("layers", static_cast<std::int64_t>(net.W.size()));
  for (std::size_t k = 0; k < net.W.size(); ++k) {
    c.request.set_matrix("W." + std::to_string(k), net.W[k]);
    c.request.set_matrix("b." + std::to_string(k), net.b[k]);
  }
  c.request.set_matrix("X", X);
  c.request.set_string("threshold", sign ? "sign" : "step");
  return c;
}

Verdict judge_network(const ExerciseCase& c, const Message& student, const Message*, double) {
  const Network net = network_of(c.request);
  const Mat& X = c.request.matrix("X");
  const bool sign = c.request.string("threshold") == "sign";
  const std::vector<Mat> want = evaluate(net, X, sign, Forward::Right);
  Verdict v;
  std::vector<Mat> got;
  for (std::size_t k = 0; k < want.size(); ++k) {
    std::string why;
    const Mat* m = matrix_entry(student, "H." + std::to_string(k), why);
    if (!m) {
      v.message = fmt::format(
          "forward() must return every layer's output ({} matrices); layer {}'s is missing",
          want.size(), k + 1);
      return v;
    }
    got.push_back(*m);
  }
  int agree = 0;
  for (std::size_t k = 0; k < want.size(); ++k) {
    if (same(got[k], want[k])) {
      ++agree;
      continue;
    }
    if (!v.message.empty()) v.message += "\n";
    if (got[k].n_rows != want[k].n_rows || got[k].n_cols != want[k].n_cols) {
      v.message += fmt::format("layer {}: expected a {}x{} output, got {}x{}", k + 1,
                               want[k].n_rows, want[k].n_cols, got[k].n_rows, got[k].n_cols);
      continue;
    }
    Index wrong = 0, first = want[k].n_elem;
    for (Index i = 0; i < want[k].n_elem; ++i)
      if (got[k](i) != want[k](i)) {
        ++wrong;
        first = std::min(first, i);
      }
    const Index r = first % want[k].n_rows, j = first / want[k].n_rows;
    v.message += fmt::format(
        "layer {}: {} of {} outputs differ; for x = {}, unit {}: expected "
        "{:g}, got {:g}",
        k + 1, wrong, want[k].n_elem, row_text(X, r), j + 1, want[k](r, j), got[k](r, j));
  }
  v.credit = static_cast<double>(agree) / static_cast<double>(want.size());
  if (agree == static_cast<int>(want.size())) return v;
  const std::pair<Forward, const char*> mistakes[] = {
      {Forward::StepInsteadOfSign,
       "the outputs are 0 where sign(z) gives -1 (that is step, not sign)"},
      {Forward::NoBias, "the bias is missing: Z = X W + B, with b added to every row"},
      {Forward::PreActivation, "the outputs are Z itself: apply the threshold function to Z"},
      {Forward::BiasOnFirstRow, "the bias is added to the first row only: add b to every row"},
  };
  for (const auto& [mistake, text] : mistakes) {
    const std::vector<Mat> candidate = evaluate(net, X, sign, mistake);
    bool all = true;
    for (std::size_t k = 0; k < want.size(); ++k) all = all && same(got[k], candidate[k]);
    if (all) {
      v.diagnosis = text;
      break;
    }
  }
  return v;
}

grader::Exercise sign_network() {
  grader::Exercise e;
  e.summary = "forward(): the handout's sign network on its points, as a batch and alone";
  e.uses_reference = false;
  e.cases = [](std::uint64_t) {
    const Mat points{{0, 0}, {-1, -1}, {1, -5}, {-3, 2}, {4, -5}};
    return std::vector<ExerciseCase>{
        network_case("the five points as one batch", handout_sign_network(), points, true),
        network_case("the point (1, -5) alone", handout_sign_network(), Mat{1.0, -5.0}, true),
    };
  };
  e.judge = judge_network;
  return e;
}

// A random network of `widths` (inputs first) with integer weights. Biases after
// the first layer are half-integers, so no unit there ever sits exactly on 0.
Network random_network(nn::Rng& rng, const std::vector<Index>& widths) {
  Network net;
  for (std::size_t k = 0; k + 1 < widths.size(); ++k) {
    Mat W(widths[k], widths[k + 1]), b(1, widths[k + 1]);
    W.imbue([&] { return static_cast<Real>(rng.index(19)) - 9; });
    b.imbue([&] { return static_cast<Real>(rng.index(19)) - 9 + (k > 0 ? 0.5 : 0); });
    net.W.push_back(W);
    net.b.push_back(b);
  }
  return net;
}

// Points in [-5, 5]^d, none of them within 1e-3 of a first-layer unit's boundary.
Mat random_points(nn::Rng& rng, const Network& net, Index n) {
  Mat X(n, net.W[0].n_rows);
  for (Index r = 0; r < n; ++r) {
    do {
      for (Index i = 0; i < X.n_cols; ++i) X(r, i) = rng.uniform(-5, 5);
    } while (arma::min(arma::abs(arma::vectorise(X.row(r) * net.W[0] + net.b[0]))) < 1e-3);
  }
  return X;
}

grader::Exercise sign_network_hidden() {
  grader::Exercise e;
  e.summary = "forward() on other networks and points, with sign and step units";
  e.uses_reference = false;
  e.cases = [](std::uint64_t seed) {
    nn::Rng rng(seed);
    std::vector<ExerciseCase> cases;
    const Network handout = handout_sign_network();
    cases.push_back(network_case("the handout's network on 20 random points", handout,
                                 random_points(rng, handout, 20), true));
    const Network deep = random_network(rng, {3, 4, 5, 2, 1});
    cases.push_back(network_case("a 3-4-5-2-1 sign network on 16 random points", deep,
                                 random_points(rng, deep, 16), true));
    const Network wide = random_network(rng, {2, 6, 3});
    cases.push_back(network_case("a 2-6-3 step network on 12 random points", wide,
                                 random_points(rng, wide, 12), false));
    return cases;
  };
  e.judge = judge_network;
  return e;
}

// ---------------------------------------------------------------- XOR

grader::Exercise xor_network() {
  grader::Exercise e;
  e.summary = "xor_network(): two layers of step units that compute XOR";
  e.uses_reference = false;
  e.cases = [](std::uint64_t) {
    ExerciseCase c;
    c.name = "XOR of (0, 0), (0, 1), (1, 0), (1, 1)";
    return std::vector<ExerciseCase>{c};
  };
  e.judge = [](const ExerciseCase&, const Message& student, const Message*, double) {
    Verdict v;
    std::string why;
    if (!has_integer(student, "layers", why)) return Verdict{0, why, ""};
    const std::int64_t layers = student.integer("layers");
    if (layers != 2)
      return Verdict{0, fmt::format("the network must have two layers; yours has {}", layers), ""};
    Network net;
    for (int k = 0; k < 2; ++k) {
      const Mat* W = matrix_entry(student, "W." + std::to_string(k), why);
      const Mat* b = W ? matrix_entry(student, "b." + std::to_string(k), why) : nullptr;
      if (!b) return Verdict{0, why, ""};
      net.W.push_back(*W);
      net.b.push_back(*b);
    }
    const Index hidden = net.W[0].n_cols;
    if (net.W[0].n_rows != 2 || hidden < 1 || hidden > 64 || net.b[0].n_rows != 1 ||
        net.b[0].n_cols != hidden || net.W[1].n_rows != hidden || net.W[1].n_cols != 1 ||
        net.b[1].n_rows != 1 || net.b[1].n_cols != 1)
      return Verdict{
          0,
          fmt::format("the shapes do not fit 2 inputs -> k hidden units -> 1 output: "
                      "W1 {}x{}, b1 {}x{}, W2 {}x{}, b2 {}x{} (expected 2xk, 1xk, kx1, "
                      "1x1)",
                      net.W[0].n_rows, net.W[0].n_cols, net.b[0].n_rows, net.b[0].n_cols,
                      net.W[1].n_rows, net.W[1].n_cols, net.b[1].n_rows, net.b[1].n_cols),
          ""};
    for (const std::vector<Mat>* part : {&net.W, &net.b})
      for (const Mat& m : *part)
        if (!m.is_finite()) return Verdict{0, "the weights must be finite numbers", ""};
    const Mat X = all_inputs(2);
    const Mat got = evaluate(net, X, false, Forward::Right)[1];
    const Mat want = arma::vec{0.0, 1.0, 1.0, 0.0};
    const std::string rows = table_differences(X, want, got, nullptr);
    if (rows.empty()) {
      v.credit = 1;
      return v;
    }
    v.message = "with step units (1 if z >= 0, else 0), your network's output is wrong:" + rows;
    return v;
  };
  return e;
}

}  // namespace

GRADER_EXERCISE("lab01.threshold_unit", threshold_unit);
GRADER_EXERCISE("lab01.gates", gate_units);
GRADER_EXERCISE("lab01.perceptron", perceptron);
GRADER_EXERCISE("lab01.perceptron.hidden", perceptron_hidden);
GRADER_EXERCISE("lab01.xor_network", xor_network);
GRADER_EXERCISE("lab01.sign_network", sign_network);
GRADER_EXERCISE("lab01.sign_network.hidden", sign_network_hidden);
