// Lab 09's exercises (see exercise.hpp).
//
// lab09.schedules: the student's StepDecay, ExponentialDecay and InverseTimeDecay
// (labs/09-optimizers), each asked for alpha(t), t = 0 .. 11, at hyper-parameters
// drawn from the case seed where the usual mistakes show (every > 1, factor < 1,
// k > 0). The judge knows the formulas itself: no reference run is needed.
// Credit per case: the share of epochs whose rate is right.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "exercise.hpp"
#include "exercises/answer.hpp"
#include "nn/core/rng.hpp"

namespace {

using nn::Real;
using Formula = std::function<Real(Real t)>;  // alpha(t)

constexpr std::int64_t kEpochs = 12;

struct Schedule {
  std::string name;   // the class
  Real lr0 = 0, factor = 0, k = 0;
  std::int64_t every = 0;
};

grader::ExerciseCase make_case(const Schedule& s) {
  grader::ExerciseCase c;
  c.request.set_string("schedule", s.name);
  c.request.set_real("lr0", s.lr0);
  c.request.set_integer("epochs", kEpochs);
  if (s.name == "StepDecay") {
    c.request.set_real("factor", s.factor);
    c.request.set_integer("every", s.every);
    c.name = fmt::format("StepDecay(lr0={}, factor={}, every={})", s.lr0, s.factor, s.every);
  } else {
    c.request.set_real("k", s.k);
    c.name = fmt::format("{}(lr0={}, k={})", s.name, s.lr0, s.k);
  }
  return c;
}

std::vector<grader::ExerciseCase> schedule_cases(std::uint64_t seed) {
  nn::Rng rng(seed);
  // round values a student can follow by hand
  const auto pick = [&](std::vector<Real> options) { return options[rng.index(options.size())]; };
  const Real lr0 = pick({0.1, 0.2, 0.4, 0.5, 0.8});
  std::vector<grader::ExerciseCase> cases;
  cases.push_back(make_case({"StepDecay", lr0, pick({0.3, 0.5, 0.6}), 0,
                             static_cast<std::int64_t>(3 + rng.index(3))}));
  cases.push_back(make_case({"ExponentialDecay", lr0, 0, pick({0.1, 0.2, 0.3}), 0}));
  cases.push_back(make_case({"InverseTimeDecay", lr0, 0, pick({0.25, 0.5, 2.0}), 0}));
  return cases;
}

struct Candidate {
  std::string diagnosis;
  Formula alpha;
};

// The right formula first, then the mistakes worth naming, for the case's hyper-parameters.
std::vector<Candidate> formulas(const grader::Message& r) {
  const std::string& name = r.string("schedule");
  const Real lr0 = r.real("lr0");
  if (name == "StepDecay") {
    const Real f = r.real("factor");
    const auto every = static_cast<Real>(r.integer("every"));
    return {{"", [=](Real t) { return lr0 * std::pow(f, std::floor(t / every)); }},
            {"the exponent t / every is not rounded down: the rate should stay constant for "
             "`every` epochs, then drop by the factor at once",
             [=](Real t) { return lr0 * std::pow(f, t / every); }},
            {"the epochs are counted from 1: alpha(0) must be the initial rate",
             [=](Real t) { return lr0 * std::pow(f, std::floor((t + 1) / every)); }},
            {"the factor is applied every epoch: `every` is ignored",
             [=](Real t) { return lr0 * std::pow(f, t); }}};
  }
  const Real k = r.real("k");
  if (name == "ExponentialDecay")
    return {{"", [=](Real t) { return lr0 * std::exp(-k * t); }},
            {"the exponent has the wrong sign: the rate grows instead of decaying",
             [=](Real t) { return lr0 * std::exp(k * t); }},
            {"the epochs are counted from 1: alpha(0) must be the initial rate",
             [=](Real t) { return lr0 * std::exp(-k * (t + 1)); }}};
  return {{"", [=](Real t) { return lr0 / (1 + k * t); }},
          {"k is missing: alpha0 / (1 + t) instead of alpha0 / (1 + k t)",
           [=](Real t) { return lr0 / (1 + t); }},
          {"the epochs are counted from 1: alpha(0) must be the initial rate",
           [=](Real t) { return lr0 / (1 + k * (t + 1)); }},
          {"the 1 is missing: alpha0 / (k t) is infinite at t = 0",
           [=](Real t) { return lr0 / (k * t); }}};
}

grader::Verdict judge_schedule(const grader::ExerciseCase& c, const grader::Message& student,
                               const grader::Message*, double tolerance) {
  grader::Verdict v;
  const nn::Mat* answer = grader::answer::matrix(student, "rates");
  if (!answer) {
    v.message = "rates: missing from your code's answer";
    return v;
  }
  const nn::Mat& rates = *answer;
  if (rates.n_rows != 1 || rates.n_cols != static_cast<nn::Index>(kEpochs)) {
    v.message = fmt::format("rates: expected 1x{}, got {}x{}", kEpochs, rates.n_rows, rates.n_cols);
    return v;
  }
  const std::vector<Candidate> candidates = formulas(c.request);
  int right = 0;
  std::string wrong;
  for (nn::Index t = 0; t < rates.n_cols; ++t) {
    const Real want = candidates[0].alpha(Real(t));
    if (grader::answer::close(rates(0, t), want, tolerance)) {
      ++right;
    } else if (std::count(wrong.begin(), wrong.end(), '\n') < 4) {
      wrong += fmt::format("\n  t = {}: expected {:.9g}, got {:.9g}", t, want, rates(0, t));
    }
  }
  v.credit = Real(right) / Real(rates.n_cols);
  if (right == static_cast<int>(rates.n_cols)) return v;
  v.message = fmt::format("learning_rate(t) is wrong at {} of {} epochs:{}", rates.n_cols - right,
                          rates.n_cols, wrong);
  for (std::size_t k = 1; k < candidates.size() && v.diagnosis.empty(); ++k) {
    bool all = true;
    for (nn::Index t = 0; t < rates.n_cols && all; ++t)
      all = grader::answer::close(rates(0, t), candidates[k].alpha(Real(t)), tolerance);
    if (all) v.diagnosis = candidates[k].diagnosis;
  }
  if (v.diagnosis.empty() && rates.max() > c.request.real("lr0") * (1 + tolerance))
    v.diagnosis = fmt::format(
        "the rate rises above the initial {:g}: each of these schedules only lowers it (look at "
        "the signs and the parentheses of your formula)",
        c.request.real("lr0"));
  return v;
}

grader::Exercise schedules() {
  grader::Exercise e;
  e.summary = "learning-rate schedules: step, exponential and 1/t decay, alpha(t) for t = 0..11";
  e.cases = schedule_cases;
  e.uses_reference = false;
  e.judge = judge_schedule;
  return e;
}

}  // namespace

GRADER_EXERCISE("lab09.schedules", schedules);
