// Lab 02's exercises (labs/02-one-neuron): the gradient of one sigmoid neuron's
// squared error, and gradient descent on it. The probes that run the student's
// code are in grader/worker/probes/lab02.cpp.
//
// Both are judged against the reference's answers. The gradient's message also
// gives a central difference of the loss, computed here from this file's own
// copy of the loss, so a student sees a second, independent value. Diagnoses
// come from computing the answer here with one known mistake at a time: a
// mistake is named only when it reproduces the student's answer and the right
// answer differs.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "exercise.hpp"
#include "nn/core/rng.hpp"

namespace {

using grader::ExerciseCase;
using grader::Message;
using grader::Verdict;
using nn::Index;
using nn::Mat;
using nn::Real;

// ---------------------------------------------------------------- the neuron, trusted

Real sigmoid(Real z) { return 1 / (1 + std::exp(-z)); }

// L(w, b) = sum_i 1/2 (sigma(w x_i + b) - t_i)^2
Real loss(const Mat& x, const Mat& t, Real w, Real b) {
  Real sum = 0;
  for (Index i = 0; i < x.n_elem; ++i) {
    const Real r = sigmoid(w * x(i) + b) - t(i);
    sum += 0.5 * r * r;
  }
  return sum;
}

// The gradient, right or with one known mistake.
enum class Grad { Right, NoSigmoidDerivative, Mean, Doubled, FirstPointOnly, LastPointOnly };

struct Pair {
  Real dw, db;
};

Pair gradient(const Mat& x, const Mat& t, Real w, Real b, Grad kind) {
  Pair g{0, 0};
  for (Index i = 0; i < x.n_elem; ++i) {
    if (kind == Grad::FirstPointOnly && i != 0) continue;
    if (kind == Grad::LastPointOnly && i + 1 != x.n_elem) continue;
    const Real y = sigmoid(w * x(i) + b);
    const Real dz = kind == Grad::NoSigmoidDerivative ? y - t(i) : (y - t(i)) * y * (1 - y);
    g.dw += dz * x(i);
    g.db += dz;
  }
  const Real scale = kind == Grad::Mean ? 1.0 / static_cast<Real>(x.n_elem)
                     : kind == Grad::Doubled ? 2.0
                                             : 1.0;
  return {g.dw * scale, g.db * scale};
}

// Relative agreement, with a floor for values that are all but zero.
bool close(Real a, Real b, Real tolerance) {
  return std::abs(a - b) <= tolerance * std::max(std::abs(a), std::abs(b)) + 1e-13;
}

// The real `name` of `m`, or false with `why` set.
bool real_entry(const Message& m, const std::string& name, Real& out, std::string& why) {
  const auto it = m.entries().find(name);
  if (it == m.entries().end() || !std::holds_alternative<Real>(it->second)) {
    why = fmt::format("your code's answer has no real number \"{}\"", name);
    return false;
  }
  out = std::get<Real>(it->second);
  return true;
}

ExerciseCase neuron_case(const std::string& name, const Mat& x, const Mat& t, Real w, Real b) {
  ExerciseCase c;
  c.name = name;
  c.request.set_matrix("x", x);
  c.request.set_matrix("t", t);
  c.request.set_real("w", w);
  c.request.set_real("b", b);
  return c;
}

const Mat& two_x() {
  static const Mat x = arma::vec{0.5, 2.5};
  return x;
}
const Mat& two_t() {
  static const Mat t = arma::vec{0.2, 0.9};
  return t;
}

// Other data: 1 to 5 points with x in [-3, 3] and targets in [0.05, 0.95].
void random_points(nn::Rng& rng, Mat& x, Mat& t) {
  const Index n = 1 + rng.index(5);
  x = rng.uniform(n, 1, -3, 3);
  t = rng.uniform(n, 1, 0.05, 0.95);
}

// ---------------------------------------------------------------- the gradient

std::string gradient_diagnosis(const Message& request, Real dw, Real db, bool dw_ok, bool db_ok,
                               double tolerance) {
  const Mat& x = request.matrix("x");
  const Mat& t = request.matrix("t");
  const Real w = request.real("w"), b = request.real("b");
  const Pair right = gradient(x, t, w, b, Grad::Right);
  auto matches = [&](Pair p) { return close(dw, p.dw, tolerance) && close(db, p.db, tolerance); };
  if (!dw_ok && !db_ok) {
    if (matches({-right.dw, -right.db}))
      return "both derivatives have the wrong sign: dL/dy_i = y_i - t_i, not t_i - y_i";
    const std::pair<Grad, const char*> mistakes[] = {
        {Grad::NoSigmoidDerivative,
         "the sigmoid's derivative is missing: dy/dz = y (1 - y) multiplies each term"},
        {Grad::Mean, "this is the mean over the points; L is their sum, so its gradient is too"},
        {Grad::Doubled,
         "both derivatives are twice the right ones: the 1/2 in L cancels the 2 of the square"},
        {Grad::FirstPointOnly, "only the first point counts: sum the terms of every point"},
        {Grad::LastPointOnly, "only the last point counts: sum the terms of every point"},
    };
    for (const auto& [kind, text] : mistakes)
      if (right.dw != 0 && matches(gradient(x, t, w, b, kind))) return text;
  }
  if (!dw_ok && db_ok && close(dw, right.db, tolerance))
    return "dL/dw is dL/db: each point's term needs the factor dz_i/dw = x_i";
  if (dw_ok && !db_ok && close(db, right.dw, tolerance))
    return "dL/db is dL/dw: dz_i/db = 1, there is no factor x_i";
  return "";
}

Verdict judge_gradient(const ExerciseCase& c, const Message& student, const Message* reference,
                       double tolerance) {
  Verdict v;
  Real dw = 0, db = 0;
  std::string why;
  if (!real_entry(student, "dw", dw, why) || !real_entry(student, "db", db, why))
    return Verdict{0, why, ""};
  const Real want_dw = reference->real("dw"), want_db = reference->real("db");
  const Mat& x = c.request.matrix("x");
  const Mat& t = c.request.matrix("t");
  const Real w = c.request.real("w"), b = c.request.real("b"), h = 1e-6;
  const Real num_dw = (loss(x, t, w + h, b) - loss(x, t, w - h, b)) / (2 * h);
  const Real num_db = (loss(x, t, w, b + h) - loss(x, t, w, b - h)) / (2 * h);
  const bool dw_ok = close(dw, want_dw, tolerance), db_ok = close(db, want_db, tolerance);
  v.credit = (dw_ok ? 0.5 : 0) + (db_ok ? 0.5 : 0);
  if (!dw_ok)
    v.message += fmt::format("dL/dw: expected {:.9g}, got {:.9g} (a central difference of L gives "
                             "{:.9g})",
                             want_dw, dw, num_dw);
  if (!db_ok)
    v.message += fmt::format("{}dL/db: expected {:.9g}, got {:.9g} (a central difference of L "
                             "gives {:.9g})",
                             v.message.empty() ? "" : "\n", want_db, db, num_db);
  if (v.credit < 1) v.diagnosis = gradient_diagnosis(c.request, dw, db, dw_ok, db_ok, tolerance);
  return v;
}

grader::Exercise gradient_item() {
  grader::Exercise e;
  e.summary = "gradient(): dL/dw and dL/db on the two points, at the start and elsewhere";
  e.cases = [](std::uint64_t seed) {
    std::vector<ExerciseCase> cases = {
        neuron_case("the two points at w = -2, b = -2", two_x(), two_t(), -2, -2)};
    nn::Rng rng(seed);
    for (int k = 0; k < 4; ++k) {
      const Real w = std::round(rng.uniform(-4, 4) * 100) / 100;
      const Real b = std::round(rng.uniform(-4, 4) * 100) / 100;
      cases.push_back(neuron_case(fmt::format("the two points at w = {:g}, b = {:g}", w, b),
                                  two_x(), two_t(), w, b));
    }
    return cases;
  };
  e.judge = judge_gradient;
  return e;
}

grader::Exercise gradient_hidden() {
  grader::Exercise e;
  e.summary = "gradient() on other points";
  e.cases = [](std::uint64_t seed) {
    nn::Rng rng(seed);
    std::vector<ExerciseCase> cases;
    for (int k = 0; k < 5; ++k) {
      Mat x, t;
      random_points(rng, x, t);
      const Real w = rng.uniform(-3, 3), b = rng.uniform(-3, 3);
      cases.push_back(neuron_case(fmt::format("{} other points at w = {:.3f}, b = {:.3f}",
                                              x.n_elem, w, b),
                                  x, t, w, b));
    }
    return cases;
  };
  e.judge = judge_gradient;
  return e;
}

// ---------------------------------------------------------------- gradient descent

enum class Descent { Right, Ascent, SequentialUpdate, LossBeforeStep, LearningRateIgnored };

// The (epochs + 1) x 3 path (w, b, L per row), right or with one known mistake,
// in the step (Descent) or in the gradient (Grad).
Mat simulate(const Message& request, Descent mistake, Grad grad) {
  const Mat& x = request.matrix("x");
  const Mat& t = request.matrix("t");
  Real w = request.real("w"), b = request.real("b");
  const Real eta = mistake == Descent::LearningRateIgnored ? 1 : request.real("eta");
  const Index epochs = static_cast<Index>(request.integer("epochs"));
  Mat path(epochs + 1, 3);
  path.row(0) = Mat{w, b, loss(x, t, w, b)};
  for (Index k = 1; k <= epochs; ++k) {
    const Real before = loss(x, t, w, b);
    const Pair g = gradient(x, t, w, b, grad);
    const Real sign = mistake == Descent::Ascent ? -1 : 1;
    w -= sign * eta * g.dw;
    b -= sign * eta * (mistake == Descent::SequentialUpdate ? gradient(x, t, w, b, grad).db : g.db);
    path.row(k) = Mat{w, b, mistake == Descent::LossBeforeStep ? before : loss(x, t, w, b)};
  }
  return path;
}

bool same_path(const Mat& a, const Mat& b, double tolerance) {
  if (a.n_rows != b.n_rows || a.n_cols != b.n_cols) return false;
  for (Index i = 0; i < a.n_elem; ++i)
    if (!close(a(i), b(i), tolerance)) return false;
  return true;
}

std::string descent_diagnosis(const Message& request, const Mat& got, double tolerance) {
  const bool eta_matters = request.real("eta") != 1;
  const std::tuple<Descent, Grad, const char*> mistakes[] = {
      {Descent::Ascent, Grad::Right, "the steps go uphill: w <- w - eta dL/dw, b <- b - eta dL/db"},
      {Descent::SequentialUpdate, Grad::Right,
       "dL/db is taken after w has moved: compute both derivatives at the same (w, b), then "
       "update both"},
      {Descent::LossBeforeStep, Grad::Right,
       "each state's loss is the loss before the step: record L at the new (w, b)"},
      {Descent::LearningRateIgnored, Grad::Right, "the learning rate eta is not used"},
      {Descent::Right, Grad::NoSigmoidDerivative,
       "the path is that of a gradient without the sigmoid's derivative y (1 - y)"},
      {Descent::Right, Grad::Mean, "the path is that of the mean gradient; L is a sum"},
  };
  for (const auto& [step, grad, text] : mistakes) {
    if (step == Descent::LearningRateIgnored && !eta_matters) continue;
    if (same_path(got, simulate(request, step, grad), tolerance)) return text;
  }
  return "";
}

std::string state_text(const Mat& path, Index k) {
  return fmt::format("w = {:.9g}, b = {:.9g}, L = {:.9g}", path(k, 0), path(k, 1), path(k, 2));
}

Verdict judge_descent(const ExerciseCase& c, const Message& student, const Message* reference,
                      double tolerance) {
  Verdict v;
  const auto it = student.entries().find("path");
  if (it == student.entries().end() || !std::holds_alternative<Mat>(it->second))
    return Verdict{0, "your code's answer has no matrix \"path\"", ""};
  const Mat& got = std::get<Mat>(it->second);
  const Mat& want = reference->matrix("path");
  const Index epochs = want.n_rows - 1;
  if (got.n_cols != 3 || got.n_rows != want.n_rows) {
    v.message = fmt::format("descend() returned {} states; expected {}: the start, then one per "
                            "epoch",
                            got.n_rows, want.n_rows);
    return v;
  }
  // Credit: the share of these epochs at which (w, b, L) agree.
  std::vector<Index> checkpoints;
  for (Index k : {0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000})
    if (k < epochs) checkpoints.push_back(k);
  checkpoints.push_back(epochs);
  auto agrees = [&](Index k) {
    return close(got(k, 0), want(k, 0), tolerance) && close(got(k, 1), want(k, 1), tolerance) &&
           close(got(k, 2), want(k, 2), tolerance);
  };
  Index good = 0;
  for (Index k : checkpoints) good += agrees(k);
  v.credit = static_cast<double>(good) / static_cast<double>(checkpoints.size());
  Index first = 0;
  while (first <= epochs && agrees(first)) ++first;
  if (first > epochs) {
    v.credit = 1;
    return v;
  }
  v.message = fmt::format("epoch {} is the first that differs:\n  expected {}\n  got      {}",
                          first, state_text(want, first), state_text(got, first));
  if (first < epochs)
    v.message += fmt::format("\n  after epoch {}: expected {}\n  got      {}", epochs,
                             state_text(want, epochs), state_text(got, epochs));
  if (first == 0)
    v.diagnosis = "the first state must be the start (w, b) and its loss, before any step";
  else
    v.diagnosis = descent_diagnosis(c.request, got, tolerance);
  return v;
}

ExerciseCase descent_case(const std::string& name, const Mat& x, const Mat& t, Real w, Real b,
                          Real eta, std::int64_t epochs) {
  ExerciseCase c = neuron_case(name, x, t, w, b);
  c.request.set_real("eta", eta);
  c.request.set_integer("epochs", epochs);
  return c;
}

grader::Exercise descent_item() {
  grader::Exercise e;
  e.summary = "descend(): 1000 epochs from w = b = -2 with learning rate 1 on the two points";
  e.cases = [](std::uint64_t) {
    return std::vector<ExerciseCase>{
        descent_case("the two points, w = b = -2, eta = 1, 1000 epochs", two_x(), two_t(), -2, -2,
                     1, 1000),
        descent_case("the two points, w = b = -2, eta = 1, 3 epochs", two_x(), two_t(), -2, -2, 1,
                     3),
    };
  };
  e.judge = judge_descent;
  return e;
}

grader::Exercise descent_hidden() {
  grader::Exercise e;
  e.summary = "descend() on other points, starts and learning rates";
  e.cases = [](std::uint64_t seed) {
    nn::Rng rng(seed);
    std::vector<ExerciseCase> cases = {
        descent_case("the two points, w = 1, b = 1, eta = 0.5, 400 epochs", two_x(), two_t(), 1,
                     1, 0.5, 400)};
    for (Real eta : {0.3, 2.0}) {
      Mat x, t;
      random_points(rng, x, t);
      const Real w = rng.uniform(-2, 2), b = rng.uniform(-2, 2);
      cases.push_back(descent_case(fmt::format("{} other points, w = {:.3f}, b = {:.3f}, eta = {:g}, "
                                               "300 epochs",
                                               x.n_elem, w, b, eta),
                                   x, t, w, b, eta, 300));
    }
    return cases;
  };
  e.judge = judge_descent;
  return e;
}

}  // namespace

GRADER_EXERCISE("lab02.gradient", gradient_item);
GRADER_EXERCISE("lab02.gradient.hidden", gradient_hidden);
GRADER_EXERCISE("lab02.descent", descent_item);
GRADER_EXERCISE("lab02.descent.hidden", descent_hidden);
