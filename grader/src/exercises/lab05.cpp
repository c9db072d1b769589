// Lab 05's exercises: one training step of a two-layer sigmoid network with
// the half sum of squares (lab05::train_step, labs/05-linear/worked_examples.cpp).
//
//   lab05.worked_examples  the handout's two networks, from the student's own
//                          starting weights: the 2-2-2 network and Han & Kamber's
//   lab05.train_step       the same step from other weights, targets, learning
//                          rates and sizes (hidden)
//
// The judge computes the step itself, in plain Armadillo (no library layer), and
// compares every number. Where the student's numbers match a known mistake
// exactly, it names it.
#include <fmt/format.h>

#include <cmath>
#include <random>

#include "exercise.hpp"

namespace {

using nn::Mat;

struct Weights {
  Mat W1, b1, W2, b2;
};

// Everything one step computes: H = s(X W1 + b1), O = s(H W2 + b2),
// E = 1/(2N) sum (O - T)^2, the deltas dE/dZ and the updated weights.
struct Step {
  Mat hidden, output, delta_output, delta_hidden;
  nn::Real loss = 0;
  Weights updated;
  Weights gradient;  // dE/dW1, dE/db1, dE/dW2, dE/db2
};

Mat sigmoid(Mat Z) { return 1 / (1 + arma::exp(-Z)); }

Step reference_step(const Weights& w, const Mat& X, const Mat& T, nn::Real lr) {
  Step s;
  Mat Z1 = X * w.W1;
  Z1.each_row() += w.b1;
  s.hidden = sigmoid(Z1);
  Mat Z2 = s.hidden * w.W2;
  Z2.each_row() += w.b2;
  s.output = sigmoid(Z2);
  const nn::Real n = static_cast<nn::Real>(X.n_rows);
  s.loss = 0.5 * arma::accu(arma::square(s.output - T)) / n;
  s.delta_output = (s.output - T) / n % s.output % (1 - s.output);
  s.delta_hidden = (s.delta_output * w.W2.t()) % s.hidden % (1 - s.hidden);
  s.gradient = {X.t() * s.delta_hidden, arma::sum(s.delta_hidden, 0), s.hidden.t() * s.delta_output,
                arma::sum(s.delta_output, 0)};
  s.updated = {w.W1 - lr * s.gradient.W1, w.b1 - lr * s.gradient.b1, w.W2 - lr * s.gradient.W2,
               w.b2 - lr * s.gradient.b2};
  return s;
}

grader::Message weights_message(const Weights& w, const std::string& prefix = "") {
  grader::Message m;
  m.set_matrix(prefix + "W1", w.W1);
  m.set_matrix(prefix + "b1", w.b1);
  m.set_matrix(prefix + "W2", w.W2);
  m.set_matrix(prefix + "b2", w.b2);
  return m;
}

// The step's answer as the probe writes it.
grader::Message step_message(const Step& s) {
  grader::Message m = weights_message(s.updated);
  m.set_matrix("hidden", s.hidden);
  m.set_matrix("output", s.output);
  m.set_real("loss", s.loss);
  m.set_matrix("delta_output", s.delta_output);
  m.set_matrix("delta_hidden", s.delta_hidden);
  return m;
}

const std::vector<std::string> kStepEntries = {"hidden", "output", "loss", "delta_output",
                                               "delta_hidden", "W1", "b1", "W2", "b2"};
const std::vector<std::string> kStartEntries = {"start_W1", "start_b1", "start_W2", "start_b2"};
const std::vector<std::string> kUpdated = {"W1", "b1", "W2", "b2"};

bool matches(const grader::Message& student, const grader::Message& candidate,
             const std::vector<std::string>& names, double tolerance) {
  return grader::compare_entries(student, candidate, names, tolerance).credit == 1;
}

// The mistake that gives exactly the student's numbers, or "".
std::string diagnose_step(const grader::Message& student, const Weights& start, const Step& right,
                          const Mat& X, const Mat& T, nn::Real lr, double tolerance) {
  const Weights& g = right.gradient;
  const Weights uphill{start.W1 + lr * g.W1, start.b1 + lr * g.b1, start.W2 + lr * g.W2,
                       start.b2 + lr * g.b2};
  if (matches(student, weights_message(uphill), kUpdated, tolerance))
    return "the update went uphill: gradient descent subtracts, w <- w - learning_rate dE/dw";
  const Weights no_rate{start.W1 - g.W1, start.b1 - g.b1, start.W2 - g.W2, start.b2 - g.b2};
  if (lr != 1 && matches(student, weights_message(no_rate), kUpdated, tolerance))
    return "the learning rate is missing from the update: w <- w - learning_rate dE/dw";
  Weights frozen_biases = right.updated;
  frozen_biases.b1 = start.b1;
  frozen_biases.b2 = start.b2;
  if (matches(student, weights_message(frozen_biases), kUpdated, tolerance))
    return "the biases were not updated: b <- b - learning_rate dE/db, like every weight";

  // The hidden layer's gradient taken through W2 after its update.
  const Mat late_delta =
      (right.delta_output * right.updated.W2.t()) % right.hidden % (1 - right.hidden);
  grader::Message late = weights_message(right.updated);
  late.set_matrix("delta_hidden", late_delta);
  late.set_matrix("W1", start.W1 - lr * X.t() * late_delta);
  late.set_matrix("b1", start.b1 - lr * arma::sum(late_delta, 0));
  if (arma::abs(late_delta - right.delta_hidden).max() > tolerance &&
      matches(student, late, {"delta_hidden", "W1", "b1"}, tolerance))
    return "the hidden layer's gradient went through W2 after W2 was updated: compute every "
           "gradient (all the backward calls) before you update any weight";

  // The gradients before the sigmoids, dE/dO and dE/dH, in place of dE/dZ2 and dE/dZ1.
  grader::Message before_sigmoid;
  before_sigmoid.set_matrix("delta_output", (right.output - T) / static_cast<nn::Real>(X.n_rows));
  before_sigmoid.set_matrix("delta_hidden", right.delta_output * start.W2.t());
  if (matches(student, before_sigmoid, {"delta_output"}, tolerance) ||
      matches(student, before_sigmoid, {"delta_hidden"}, tolerance))
    return "a delta is the gradient at the sigmoid's output (dE/dO or dE/dH); the fields hold "
           "dE/dZ, the gradient at its input, which the Sigmoid's backward returns";

  grader::Message flipped;
  flipped.set_matrix("delta_output", -right.delta_output);
  flipped.set_matrix("delta_hidden", -right.delta_hidden);
  if (matches(student, flipped, {"delta_output", "delta_hidden"}, tolerance))
    return "delta_output and delta_hidden hold -dE/dZ (the error Err_j = O_j (1 - O_j)(T_j - O_j)); "
           "the fields are dE/dZ, the gradients backward returns";
  return "";
}

Weights stated_two_two_two() {
  return {Mat{{0.15, 0.25}, {0.20, 0.30}}, Mat{{0.35, 0.35}}, Mat{{0.40, 0.50}, {0.45, 0.55}},
          Mat{{0.60, 0.60}}};
}

Weights stated_han_kamber() {
  return {Mat{{0.2, -0.3}, {0.4, 0.1}, {-0.5, 0.2}}, Mat{{-0.4, 0.2}},
          Mat(arma::colvec{-0.3, -0.2}), Mat(1, 1).fill(0.1)};
}

// The four matrices (empty where the message lacks one).
Weights weights_from(const grader::Message& m, const std::string& prefix = "") {
  const auto get = [&](const std::string& name) {
    return m.has(prefix + name) && m.entries().at(prefix + name).index() == 0
               ? m.matrix(prefix + name)
               : Mat();
  };
  return {get("W1"), get("b1"), get("W2"), get("b2")};
}

// Whether the weights make a network for inputs X and targets T.
bool fits(const Weights& w, const Mat& X, const Mat& T) {
  return !w.W1.is_empty() && w.W1.n_rows == X.n_cols && w.b1.n_rows == 1 &&
         w.b1.n_cols == w.W1.n_cols && w.W2.n_rows == w.W1.n_cols && w.b2.n_rows == 1 &&
         w.b2.n_cols == w.W2.n_cols && T.n_cols == w.W2.n_cols && T.n_rows == X.n_rows;
}

grader::Verdict judge_step(const grader::ExerciseCase& c, const grader::Message& student,
                           const grader::Message*, double tolerance) {
  const grader::Message& r = c.request;
  const std::string& network = r.string("network");
  const Weights start = network == "two_two_two"  ? stated_two_two_two()
                        : network == "han_kamber" ? stated_han_kamber()
                                                  : weights_from(r);
  const Mat& X = r.matrix("X");
  const nn::Real lr = r.real("learning_rate");
  const Step right = reference_step(start, X, r.matrix("T"), lr);

  std::vector<std::string> names = kStepEntries;
  grader::Message expected = step_message(right);
  if (network != "given") {  // the starting weights are the student's too
    names.insert(names.begin(), kStartEntries.begin(), kStartEntries.end());
    const grader::Message stated = weights_message(start, "start_");
    for (const auto& [name, value] : stated.entries())
      expected.set_matrix(name, std::get<nn::Mat>(value));
  }
  grader::Verdict v = grader::compare_entries(student, expected, names, tolerance);
  if (v.credit == 1) return v;

  if (network != "given" && !matches(student, expected, kStartEntries, tolerance)) {
    const grader::Message transposed = weights_message(
        {start.W1.t(), start.b1, start.W2.t(), start.b2}, "start_");
    if (matches(student, transposed, {"start_W1"}, tolerance) ||
        matches(student, transposed, {"start_W2"}, tolerance))
      v.diagnosis = "a starting weight matrix is transposed: in Z = X W + B, W(i, j) is the weight "
                    "from unit i of the layer below to unit j of the layer above";
    // Is the step itself right, from the weights the student wrote?
    const Weights theirs = weights_from(student, "start_");
    if (fits(theirs, X, r.matrix("T")) &&
        matches(student, step_message(reference_step(theirs, X, r.matrix("T"), lr)), kStepEntries,
                tolerance))
      v.message += "\nYour train_step is right for the starting weights you wrote: only those "
                   "differ from the example's.";
    return v;
  }
  v.diagnosis = diagnose_step(student, start, right, X, r.matrix("T"), lr, tolerance);
  return v;
}

grader::Message step_request(const std::string& network, const Mat& X, const Mat& T, nn::Real lr) {
  grader::Message m;
  m.set_string("network", network);
  m.set_matrix("X", X);
  m.set_matrix("T", T);
  m.set_real("learning_rate", lr);
  return m;
}

grader::Exercise worked_examples() {
  grader::Exercise e;
  e.summary = "one step of the 2-2-2 network and of Han & Kamber's, from your starting weights";
  e.uses_reference = false;
  e.cases = [](std::uint64_t) {
    return std::vector<grader::ExerciseCase>{
        {"the 2-2-2 network, x = (0.05, 0.10), t = (0.01, 0.99), learning rate 0.5",
         step_request("two_two_two", Mat{{0.05, 0.10}}, Mat{{0.01, 0.99}}, 0.5)},
        {"the Han & Kamber network, x = (1, 0, 1), T = 1, learning rate 0.9",
         step_request("han_kamber", Mat{{1, 0, 1}}, Mat(1, 1).fill(1), 0.9)}};
  };
  e.judge = judge_step;
  return e;
}

// Other networks: random weights, targets and learning rates; the last case a batch.
grader::Exercise train_step() {
  grader::Exercise e;
  e.summary = "one step of two-layer sigmoid networks from other weights, targets and rates";
  e.uses_reference = false;
  e.cases = [](std::uint64_t seed) {
    std::mt19937_64 engine(seed);
    std::uniform_real_distribution<double> uniform(-1, 1);
    const auto random = [&](nn::Index rows, nn::Index cols, double lo, double hi) {
      Mat m(rows, cols);
      for (double& x : m) x = lo + (hi - lo) * (uniform(engine) + 1) / 2;
      return m;
    };
    std::vector<grader::ExerciseCase> cases;
    const struct { nn::Index n, in, hidden, out; } sizes[] = {{1, 2, 2, 2}, {1, 3, 2, 1}, {3, 4, 3, 2}};
    for (const auto& s : sizes) {
      grader::Message m = step_request("given", random(s.n, s.in, -1, 1), random(s.n, s.out, 0, 1),
                                       random(1, 1, 0.1, 1)(0));
      m.set_matrix("W1", random(s.in, s.hidden, -1, 1));
      m.set_matrix("b1", random(1, s.hidden, -1, 1));
      m.set_matrix("W2", random(s.hidden, s.out, -1, 1));
      m.set_matrix("b2", random(1, s.out, -1, 1));
      cases.push_back({fmt::format("a {}-{}-{} network, N = {}, learning rate {:.3f}", s.in,
                                   s.hidden, s.out, s.n, m.real("learning_rate")),
                       m});
    }
    return cases;
  };
  e.judge = judge_step;
  return e;
}

}  // namespace

GRADER_EXERCISE("lab05.worked_examples", worked_examples);
GRADER_EXERCISE("lab05.train_step", train_step);
