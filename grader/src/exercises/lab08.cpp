// Lab 08's exercise (see exercise.hpp): nn::train_step with a weight penalty
// (lib/nn/train/train_step.cpp). The training items run train_step without one;
// here one step of a Linear-Tanh-Linear network with softmax cross-entropy, SGD
// and a penalty lambda sum W^2 (the probe's own, not the student's lab 10 code) is
// compared with the reference's: the loss it
// returns (the batch's loss plus penalty->value) and the weights after the step
// (penalty->backward's gradient added before the optimizer's step). The probe also
// runs the student's step without the penalty, so that the judge can say which of
// the two the penalty is missing from.
#include <fmt/format.h>

#include <random>
#include <variant>

#include "exercise.hpp"
#include "exercises/answer.hpp"

namespace {

using nn::Mat;

const nn::Real* real(const grader::Message& m, const std::string& name) {
  const auto it = m.entries().find(name);
  return it == m.entries().end() ? nullptr : std::get_if<nn::Real>(&it->second);
}

std::vector<grader::ExerciseCase> penalty_cases(std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> normal(0, 1);
  const auto random = [&](nn::Index rows, nn::Index cols, double scale) {
    Mat M(rows, cols);
    for (double& x : M) x = scale * normal(engine);
    return M;
  };
  const nn::Index N = 6;
  Mat Y(N, 2, arma::fill::zeros);
  for (nn::Index n = 0; n < N; ++n) Y(n, (engine() >> 11) % 2) = 1;
  grader::Message base;
  base.set_matrix("X", random(N, 3, 1));
  base.set_matrix("Y", Y);
  base.set_matrix("W1", random(3, 4, 0.7));
  base.set_matrix("b1", random(1, 4, 0.2));
  base.set_matrix("W2", random(4, 2, 0.7));
  base.set_matrix("b2", random(1, 2, 0.2));
  base.set_real("learning_rate", 0.5);
  std::vector<grader::ExerciseCase> cases;
  for (const double lambda : {0.1, 0.02}) {
    grader::ExerciseCase c;
    c.request = base;
    c.request.set_real("lambda", lambda);
    c.name = fmt::format("one step with the penalty {} sum W^2, a 3-4-2 tanh network, 6 samples",
                         lambda);
    cases.push_back(std::move(c));
  }
  return cases;
}

// Which part of the penalty the student's step leaves out, when its answer shows it.
std::string diagnose(const grader::Message& student, const grader::Message& reference,
                     double tolerance) {
  using grader::answer::all_close;
  using grader::answer::close;
  std::string d;
  const nn::Real *loss = real(student, "loss"), *plain = real(student, "loss_plain"),
                 *want = real(reference, "loss");
  if (loss && plain && want && !close(*loss, *want, tolerance) && close(*loss, *plain, tolerance))
    d = "result.loss leaves out the penalty: add penalty->value(params) to the batch's loss";
  const Mat *W1 = grader::answer::matrix(student, "W1"),
            *W1_plain = grader::answer::matrix(student, "W1_plain"),
            *W1_want = grader::answer::matrix(reference, "W1");
  if (W1 && W1_plain && W1_want && !all_close(*W1, *W1_want, tolerance) &&
      all_close(*W1, *W1_plain, tolerance))
    d += std::string(d.empty() ? "" : "; ") +
         "the penalty's gradient never reaches the step: call penalty->backward(params) after "
         "model.backward(...) and before optimizer.step(params)";
  return d;
}

grader::Exercise train_step_penalty() {
  grader::Exercise e;
  e.summary = "the loss it returns (the penalty's value added) and the weights after one step "
              "(its gradient added)";
  e.cases = penalty_cases;
  e.judge = [](const grader::ExerciseCase&, const grader::Message& student,
               const grader::Message* reference, double tolerance) {
    grader::Verdict v =
        grader::compare_entries(student, *reference, {"loss", "W1", "b1", "W2", "b2"}, tolerance);
    if (v.credit < 1) v.diagnosis = diagnose(student, *reference, tolerance);
    return v;
  };
  return e;
}

}  // namespace

GRADER_EXERCISE("lab08.train_step_penalty", train_step_penalty);
