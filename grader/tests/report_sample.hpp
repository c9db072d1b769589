// A small Submission for the report writers' tests (test_reports.cpp,
// test_report_browser.cpp): a lab with a passed item (its gradient check
// passes) and a hidden crash whose message carries hostile student output; a
// lab with a failed gradient item (a failing check with a diagnosis, then a
// passing one); a not-implemented item
// shown after the due date; a partial training item with a history.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "diagnose.hpp"
#include "nn/core/rng.hpp"
#include "report.hpp"

namespace report_sample {

using nn::Mat;
using namespace grader;

inline constexpr std::uint64_t kRunSeed = 987654321, kCheckSeed = 4242;
inline const std::string kHostile = "<script>alert('pwned')</script>";

// Normal random matrix (Rng::normal(int, int) would be ambiguous).
inline Mat normal(nn::Rng& rng, nn::Index rows, nn::Index cols, nn::Real mean = 0,
                  nn::Real std = 1) {
  return rng.normal(rows, cols, mean, std);
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A gradient check of f(x) = sum(x o C), whose gradient is C, against a
// "student" gradient C x factor.
inline nn::gradcheck::Report gradient_check(const std::string& subject, double factor) {
  nn::Rng rng(3);
  const Mat C = normal(rng, 4, 3);
  Mat x = normal(rng, 4, 3);
  nn::gradcheck::Options options;
  options.seed = kCheckSeed;
  nn::gradcheck::Report report;
  report.subject = subject;
  report.seed = kCheckSeed;
  report.step = options.step;
  report.tolerance = options.tolerance;
  report.tensors.push_back(nn::gradcheck::compare(
      "W", x, Mat(C * factor), [&] { return arma::accu(x % C); }, options,
      nn::gradcheck::Method::Full));
  return report;
}

// The diagnoses of `report`'s failed tensors, as the grader makes them.
inline std::vector<TensorDiagnosis> diagnoses_of(const nn::gradcheck::Report& report) {
  return diagnose_failed(report, [](const nn::gradcheck::TensorResult& t) {
    Context context;
    context.role = role_of(t.tensor);
    context.batch_size = 4;
    return context;
  });
}

// A "student" gradient C / 4: off by a constant factor.
inline Item failed_gradient_item() {
  const nn::gradcheck::Report report = gradient_check("Linear(3->4) on 5x3", 0.25);
  Item item;
  item.id = "linear.backward.W";
  item.title = "Linear backward: dW";
  item.lab = "labs/05-linear";
  item.max_points = 2;
  item.status = Status::Failed;
  item.diagnoses = diagnoses_of(report);
  item.gradients.push_back(report);
  item.seeds = {{"gradcheck", kCheckSeed}};
  return item;
}

inline Submission sample() {
  Submission s;
  s.student_id = "s1234567";
  s.grader_version = "0.1";
  s.seed = kRunSeed;
  s.tolerances = {{"gradient", 1e-7}};
  s.execution_time = 3.5;

  Item passed;
  passed.id = "relu.backward";
  passed.title = "ReLU backward";
  passed.lab = "labs/06-activations";
  passed.points = passed.max_points = 1;
  passed.status = Status::Passed;
  passed.gradients.push_back(gradient_check("ReLU on 4x3", 1));
  s.items.push_back(passed);

  s.items.push_back(failed_gradient_item());
  s.items.back().gradients.push_back(gradient_check("Linear(3->4) on 1x3", 1));  // right here

  Item todo;
  todo.id = "softmax.backward";
  todo.title = "Softmax backward";
  todo.max_points = 2;
  todo.lab = "labs/07-losses";
  todo.status = Status::NotImplemented;
  todo.visibility = Visibility::AfterDueDate;
  todo.message =
      "Softmax::backward is not implemented yet: writing it is your exercise in labs/07-losses "
      "(see its README).\nSoftmax backward: 0 of 1 gradients correct.";
  nn::gradcheck::Report stub;
  stub.subject = "Softmax on 4x6";
  stub.error = "Softmax::backward is not implemented yet";
  stub.not_implemented = true;
  todo.gradients.push_back(stub);
  s.items.push_back(todo);

  Item training;
  training.id = "train.mnist";
  training.title = "Training: validation accuracy";
  training.lab = "labs/08-training";
  training.points = 1.5;
  training.max_points = 3;
  training.status = Status::Partial;
  training.history = History{{1, 2, 3, 4},
                             {2.1, 1.2, 0.8, 0.6},
                             {2.2, 1.4, 1.0, 0.9},
                             {0.3, 0.6, 0.8, 0.85},
                             {0.3, 0.55, 0.7, 0.72}};
  s.items.push_back(training);

  Item crash;
  crash.id = "mlp.forward";
  crash.title = "MLP forward";
  crash.lab = "labs/06-activations";
  crash.max_points = 1;
  crash.status = Status::Crashed;
  crash.visibility = Visibility::Hidden;
  crash.message = "worker printed: " + kHostile + "\n\x1b[2J";
  s.items.push_back(crash);
  return s;
}

}  // namespace report_sample
