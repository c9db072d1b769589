// Lab 02's exercises (labs/02-one-neuron): the gradient of one sigmoid neuron's
// squared error, and gradient descent on it. The probes that run the student's
// code are in grader/worker/probes/lab02.cpp.
//
// Both are judged against the reference's answers. The gradient's message also
// gives a central difference of the loss, computed here from this file's own
// copy of the (given) loss, so a student sees a second, independent value. This
// file ships in every handout, so it never writes the gradient or the descent
// out: a diagnosis compares the student's answer with the reference's answer
// transformed (its sign, a factor) or with central differences of the loss, and
// names a mistake only when it reproduces the student's answer and the right
// answer differs.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "entries.hpp"
#include "exercise.hpp"
#include "nn/core/rng.hpp"

namespace {

using grader::ExerciseCase;
using grader::matrix_entry;
using grader::real_entry;
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

// A central difference of f at (w, b): (df/dw, df/db).
struct Pair {
  Real dw, db;
};

template <class F>
Pair central_difference(F f, Real w, Real b) {
  const Real h = 1e-6;
  return {(f(w + h, b) - f(w - h, b)) / (2 * h), (f(w, b + h) - f(w, b - h)) / (2 * h)};
}

Pair numerical_gradient(const Mat& x, const Mat& t, Real w, Real b) {
  return central_difference([&](Real w_, Real b_) { return loss(x, t, w_, b_); }, w, b);
}

// What the gradient becomes without the sigmoid's derivative y (1 - y): the
// gradient of sum_i softplus(z_i) - t_i z_i (whose derivative in z_i is y_i - t_i).
Pair gradient_without_sigmoid_derivative(const Mat& x, const Mat& t, Real w, Real b) {
  auto f = [&](Real w_, Real b_) {
    Real sum = 0;
    for (Index i = 0; i < x.n_elem; ++i) {
      const Real z = w_ * x(i) + b_;
      sum += (z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z))) - t(i) * z;
    }
    return sum;
  };
  return central_difference(f, w, b);
}

// Relative agreement, with a floor for values that are all but zero.
bool close(Real a, Real b, Real tolerance) {
  return std::abs(a - b) <= tolerance * std::max(std::abs(a), std::abs(b)) + 1e-13;
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

// Central differences agree with the exact derivatives to about 1e-9 here.
constexpr double kNumericalTolerance = 1e-5;

std::string gradient_diagnosis(const Message& request, Pair right, Real dw, Real db, bool dw_ok,
                               bool db_ok, double tolerance) {
  const Mat& x = request.matrix("x");
  const Mat& t = request.matrix("t");
  const Real w = request.real("w"), b = request.real("b");
  auto matches = [&](Pair p, double tol) { return close(dw, p.dw, tol) && close(db, p.db, tol); };
  if (!dw_ok && !db_ok) {
    if (matches({-right.dw, -right.db}, tolerance))
      return "both derivatives have the wrong sign: dL/dy_i = y_i - t_i, not t_i - y_i";
    if (matches(gradient_without_sigmoid_derivative(x, t, w, b), kNumericalTolerance))
      return "the sigmoid's derivative is missing: dy/dz = y (1 - y) multiplies each term";
    if (x.n_elem > 1 && matches({right.dw / x.n_elem, right.db / x.n_elem}, tolerance))
      return "this is the mean over the points; L is their sum, so its gradient is too";
    if (matches({2 * right.dw, 2 * right.db}, tolerance))
      return "both derivatives are twice the right ones: the 1/2 in L cancels the 2 of the square";
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
  const Pair numerical = numerical_gradient(x, t, c.request.real("w"), c.request.real("b"));
  const Real num_dw = numerical.dw, num_db = numerical.db;
  const bool dw_ok = close(dw, want_dw, tolerance), db_ok = close(db, want_db, tolerance);
  v.credit = (dw_ok ? 0.5 : 0) + (db_ok ? 0.5 : 0);
  if (!dw_ok)
    v.message += fmt::format(
        "dL/dw: expected {:.9g}, got {:.9g} (a central difference of L gives "
        "{:.9g})",
        want_dw, dw, num_dw);
  if (!db_ok)
    v.message += fmt::format(
        "{}dL/db: expected {:.9g}, got {:.9g} (a central difference of L "
        "gives {:.9g})",
        v.message.empty() ? "" : "\n", want_db, db, num_db);
  if (v.credit < 1)
    v.diagnosis =
        gradient_diagnosis(c.request, {want_dw, want_db}, dw, db, dw_ok, db_ok, tolerance);
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
      cases.push_back(neuron_case(
          fmt::format("{} other points at w = {:.3f}, b = {:.3f}", x.n_elem, w, b), x, t, w, b));
    }
    return cases;
  };
  e.judge = judge_gradient;
  return e;
}

// ---------------------------------------------------------------- gradient descent

// The likely mistake, from the reference's path and central differences of the
// loss: `first` (>= 1) is the first epoch at which the student's path differs.
std::string descent_diagnosis(const Message& request, const Mat& got, const Mat& want, Index first,
                              double tolerance) {
  const Mat& x = request.matrix("x");
  const Mat& t = request.matrix("t");
  const Real eta = request.real("eta");
  const Index k = first;
  const Real w0 = got(k - 1, 0), b0 = got(k - 1, 1), w1 = got(k, 0), b1 = got(k, 1);
  // The step the reference would take from the student's state k - 1 (which agrees with it).
  const Real step_w = want(k, 0) - want(k - 1, 0), step_b = want(k, 1) - want(k - 1, 1);
  auto near = [&](Real a, Real b, double tol) { return close(a, b, tol); };
  if (near(w1, want(k, 0), tolerance) && near(b1, want(k, 1), tolerance)) {
    if (near(got(k, 2), want(k - 1, 2), tolerance))
      return "each state's loss is the loss before the step: record L at the new (w, b)";
    return "w and b are right but L is not: record loss(w, b) at the new (w, b)";
  }
  if (near(w1 - w0, -step_w, tolerance) && near(b1 - b0, -step_b, tolerance))
    return "the step goes uphill: w <- w - eta dL/dw, b <- b - eta dL/db";
  if (eta != 1 && near(w1 - w0, step_w / eta, tolerance) && near(b1 - b0, step_b / eta, tolerance))
    return "the learning rate eta is not used";
  // dL/db taken at the new w: b1 = b0 - eta dL/db(w1, b0).
  const Pair late = numerical_gradient(x, t, w1, b0);
  if (near(w1 - w0, step_w, tolerance) && near(b1 - b0, -eta * late.db, kNumericalTolerance))
    return "dL/db is taken after w has moved: compute both derivatives at the same (w, b), then "
           "update both";
  return "";
}

std::string state_text(const Mat& path, Index k) {
  return fmt::format("w = {:.9g}, b = {:.9g}, L = {:.9g}", path(k, 0), path(k, 1), path(k, 2));
}

Verdict judge_descent(const ExerciseCase& c, const Message& student, const Message* reference,
                      double tolerance) {
  Verdict v;
  std::string why;
  const Mat* path = matrix_entry(student, "path", why);
  if (!path) return Verdict{0, why, ""};
  const Mat& got = *path;
  const Mat& want = reference->matrix("path");
  const Index epochs = want.n_rows - 1;
  if (got.n_cols != 3 || got.n_rows != want.n_rows) {
    v.message = fmt::format(
        "descend() returned {} states; expected {}: the start, then one per "
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
    v.diagnosis = descent_diagnosis(c.request, got, want, first, tolerance);
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
    std::vector<ExerciseCase> cases = {descent_case(
        "the two points, w = 1, b = 1, eta = 0.5, 400 epochs", two_x(), two_t(), 1, 1, 0.5, 400)};
    for (Real eta : {0.3, 2.0}) {
      Mat x, t;
      random_points(rng, x, t);
      const Real w = rng.uniform(-2, 2), b = rng.uniform(-2, 2);
      cases.push_back(
          descent_case(fmt::format("{} other points, w = {:.3f}, b = {:.3f}, eta = {:g}, "
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
