// Labs 01 and 02's exercises, run in-process against the solution build's worker:
// every case of every item gets full credit from the reference code, and
// answers with planted mistakes get partial or no credit and the right diagnosis
// (or none, where the evidence names none).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "exercise.hpp"
#include "protocol.hpp"

namespace fs = std::filesystem;
using grader::ExerciseCase;
using grader::Message;
using grader::Verdict;

namespace {

constexpr double kTolerance = 1e-6;

double sigma(double z) { return 1 / (1 + std::exp(-z)); }

// The solution worker's answer to one case of exercise `name`.
Message ask(const std::string& name, const ExerciseCase& c) {
  const fs::path dir = fs::temp_directory_path() / ("lab0102_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  Message request = c.request;
  request.set_string("kind", "probe");
  request.set_string("target", name);
  grader::write_message(request, (dir / "request").string());
  const std::string command = std::string(NN_GRADER_WORKER) + " " + (dir / "request").string() +
                              " " + (dir / "response").string();
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  Message response = grader::read_message((dir / "response").string());
  fs::remove_all(dir);
  return response;
}

const grader::Exercise& exercise(const std::string& name) {
  const grader::Exercise* e = grader::find_exercise(name);
  if (!e) throw std::runtime_error("no exercise " + name);
  return *e;
}

Verdict judge(const std::string& name, const ExerciseCase& c, const Message& student,
              const Message& reference) {
  const grader::Exercise& e = exercise(name);
  return e.judge(c, student, e.uses_reference ? &reference : nullptr, kTolerance);
}

}  // namespace

TEST(Lab01And02Exercises, TheSolutionsGetFullCreditOnEveryCase) {
  for (const char* name :
       {"lab01.threshold_unit", "lab01.gates", "lab01.perceptron", "lab01.perceptron.hidden",
        "lab01.xor_network", "lab01.sign_network", "lab01.sign_network.hidden", "lab02.gradient",
        "lab02.gradient.hidden", "lab02.descent", "lab02.descent.hidden"}) {
    for (std::uint64_t seed : {1, 2, 3}) {
      for (const ExerciseCase& c : exercise(name).cases(seed)) {
        const Message answer = ask(name, c);
        ASSERT_EQ(answer.string("status"), "ok") << name << " / " << c.name;
        const Verdict v = judge(name, c, answer, answer);
        EXPECT_EQ(v.credit, 1) << name << " / " << c.name << ": " << v.message;
        EXPECT_EQ(v.diagnosis, "") << name << " / " << c.name;
      }
    }
  }
}

TEST(Lab01And02Exercises, CasesAreTheSameForTheSameSeed) {
  for (const char* name : {"lab01.threshold_unit", "lab01.perceptron.hidden",
                           "lab01.sign_network.hidden", "lab02.gradient", "lab02.descent.hidden"}) {
    const auto a = exercise(name).cases(7), b = exercise(name).cases(7);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k)
      EXPECT_EQ(grader::encode(a[k].request), grader::encode(b[k].request)) << name;
  }
}

TEST(Lab01Exercises, ThresholdUnitStrictComparisonIsDiagnosed) {
  const ExerciseCase c = exercise("lab01.threshold_unit").cases(1)[0];  // AND's unit
  Message wrong;
  wrong.set_matrix("y", arma::vec{0.0, 0.0, 0.0, 0.0});  // 2 > 2 never holds
  const Verdict v = judge("lab01.threshold_unit", c, wrong, wrong);
  EXPECT_DOUBLE_EQ(v.credit, 0.75);
  EXPECT_NE(v.diagnosis.find("sum >= threshold"), std::string::npos) << v.diagnosis;
  EXPECT_NE(v.message.find("(1, 1) -> expected 1, got 0"), std::string::npos) << v.message;
}

TEST(Lab01Exercises, GateJudgedByItsTruthTable) {
  const ExerciseCase nor = exercise("lab01.gates").cases(1)[2];
  ASSERT_EQ(nor.request.string("gate"), "NOR");
  Message answer;
  answer.set_integer("threshold", 0);
  answer.set_matrix("inhibitory", nn::Mat{1.0, 1.0});
  EXPECT_EQ(judge("lab01.gates", nor, answer, answer).credit, 1);
  answer.set_matrix("inhibitory", nn::Mat{0.0, 0.0});  // fires always
  const Verdict v = judge("lab01.gates", nor, answer, answer);
  EXPECT_EQ(v.credit, 0);
  EXPECT_NE(v.message.find("does not compute NOR"), std::string::npos) << v.message;
  answer.set_matrix("inhibitory", nn::Mat{1.0});  // one input only
  EXPECT_NE(judge("lab01.gates", nor, answer, answer).message.find("takes 2 inputs"),
            std::string::npos);
}

TEST(Lab01Exercises, PerceptronMistakesAreDiagnosed) {
  const ExerciseCase c = exercise("lab01.perceptron").cases(1)[0];  // AND
  const Message reference = ask("lab01.perceptron", c);
  // A strict step (z > 0) on AND from zero: the first sample is then right, and
  // the run is (by hand) epoch 1: 1 error, w = (1, 1), b = 1; ...
  Message strict = reference;
  strict.set_matrix("errors", arma::vec{1.0});
  strict.set_matrix("W", nn::Mat{{1.0, 1.0}});
  strict.set_matrix("b", arma::vec{1.0});
  Verdict v = judge("lab01.perceptron", c, strict, reference);
  EXPECT_LT(v.credit, 1);
  EXPECT_NE(v.message.find("epoch 1 differs"), std::string::npos) << v.message;

  // Errors counted after each epoch, with the weights right: by hand, the final
  // weights of epochs 1-5 get 3, 2, 1, 2 and 0 inputs wrong, so such a run stops
  // after epoch 5.
  Message after;
  after.set_matrix("errors", arma::vec{3.0, 2.0, 1.0, 2.0, 0.0});
  after.set_matrix("W", nn::Mat(reference.matrix("W").rows(0, 4)));
  after.set_matrix("b", nn::Mat(reference.matrix("b").rows(0, 4)));
  v = judge("lab01.perceptron", c, after, reference);
  EXPECT_DOUBLE_EQ(v.credit, 0);
  EXPECT_NE(v.diagnosis.find("counted after the epoch"), std::string::npos) << v.message << "\n"
                                                                            << v.diagnosis;

  // An extra epoch after convergence.
  Message longer = reference;
  nn::Mat W = reference.matrix("W"), b = reference.matrix("b");
  nn::Mat errors = reference.matrix("errors");
  errors.insert_rows(errors.n_rows, nn::Mat{0.0});
  W.insert_rows(W.n_rows, W.row(W.n_rows - 1));
  b.insert_rows(b.n_rows, b.row(b.n_rows - 1));
  longer.set_matrix("errors", errors);
  longer.set_matrix("W", W);
  longer.set_matrix("b", b);
  v = judge("lab01.perceptron", c, longer, reference);
  EXPECT_DOUBLE_EQ(v.credit, 6.0 / 7.0);
  EXPECT_NE(v.message.find("ran 7 epochs, expected 6"), std::string::npos) << v.message;
}

// Runs of the rule with one mistake, on AND from w = (0, 0), b = 0, eta = 1,
// worked by hand; each must get the diagnosis that names its mistake.
TEST(Lab01Exercises, PerceptronRuleMistakesAreNamed) {
  const ExerciseCase c = exercise("lab01.perceptron").cases(1)[0];  // AND, 20 epochs at most
  const Message reference = ask("lab01.perceptron", c);
  auto run = [](double errors, auto w_after, auto b_after) {
    Message m;
    nn::Mat E(20, 1), W(20, 2), b(20, 1);
    for (nn::Index e = 0; e < 20; ++e) {
      E(e) = errors;
      W(e, 0) = W(e, 1) = w_after(e + 1);
      b(e) = b_after(e + 1);
    }
    m.set_matrix("errors", E);
    m.set_matrix("W", W);
    m.set_matrix("b", b);
    return m;
  };
  // w <- w - eta (t - y) x: (0, 0), (0, 1) and (1, 0) each fire and push b up
  // by 1 (and w by their x); (1, 1) then fires, rightly. Epoch k: 3 errors,
  // w = (k, k), b = 3k, for ever.
  Verdict v = judge("lab01.perceptron", c,
                    run(3, [](double k) { return k; }, [](double k) { return 3 * k; }), reference);
  EXPECT_DOUBLE_EQ(v.credit, 0);
  EXPECT_NE(v.diagnosis.find("wrong sign"), std::string::npos) << v.message << "\n" << v.diagnosis;
  // b never updated: (0, 0), (0, 1), (1, 0) fire at z = 0 and move w to (0, -1),
  // then (-1, -1); (1, 1) gives z = -2 and moves w back to (0, 0). 3 errors per
  // epoch, w = (0, 0), b = 0, for ever.
  v = judge("lab01.perceptron", c, run(3, [](double) { return 0.0; }, [](double) { return 0.0; }),
            reference);
  EXPECT_NE(v.diagnosis.find("bias never changes"), std::string::npos) << v.diagnosis;
  // A run that matches no known mistake (b moves, so it is not the bias's) gets no diagnosis.
  v = judge("lab01.perceptron", c, run(1, [](double k) { return k; }, [](double k) { return -k; }),
            reference);
  EXPECT_EQ(v.diagnosis, "");
}

TEST(Lab01Exercises, SignNetworkStepInsteadOfSignIsDiagnosed) {
  const ExerciseCase c = exercise("lab01.sign_network").cases(1)[0];
  const Message right = ask("lab01.sign_network", c);
  ExerciseCase with_step = c;  // the same network evaluated with step units
  with_step.request.set_string("threshold", "step");
  const Message step = ask("lab01.sign_network", with_step);
  const Verdict v = judge("lab01.sign_network", c, step, right);
  EXPECT_LT(v.credit, 1);
  EXPECT_NE(v.diagnosis.find("step, not sign"), std::string::npos) << v.message;
  Message short_answer;
  short_answer.set_matrix("H.0", right.matrix("H.2"));
  EXPECT_EQ(judge("lab01.sign_network", c, short_answer, right).credit, 0);
}

TEST(Lab01Exercises, XorNetworkJudgedByItsOutputs) {
  const ExerciseCase c = exercise("lab01.xor_network").cases(1)[0];
  Message net;
  net.set_integer("layers", 2);
  // 2 hidden units: x1 OR x2, and x1 AND x2; output: OR and not AND.
  net.set_matrix("W.0", nn::Mat{{1, 1}, {1, 1}});
  net.set_matrix("b.0", nn::Mat{-1.0, -2.0});
  net.set_matrix("W.1", arma::vec{1.0, -2.0});
  net.set_matrix("b.1", nn::Mat{-1.0});
  EXPECT_EQ(judge("lab01.xor_network", c, net, net).credit, 1);
  net.set_matrix("W.1", arma::vec{1.0, 0.0});  // now it computes OR
  const Verdict v = judge("lab01.xor_network", c, net, net);
  EXPECT_EQ(v.credit, 0);
  EXPECT_NE(v.message.find("(1, 1) -> expected 0, got 1"), std::string::npos) << v.message;
}

TEST(Lab02Exercises, GradientMistakesAreDiagnosed) {
  const ExerciseCase c = exercise("lab02.gradient").cases(1)[0];  // w = b = -2
  const Message reference = ask("lab02.gradient", c);
  const double dw = reference.real("dw"), db = reference.real("db");
  // Without y (1 - y): sum of (y_i - t_i) x_i and of (y_i - t_i), y_i = sigma(-2 x_i - 2).
  const double r1 = sigma(-3) - 0.2, r2 = sigma(-7) - 0.9;
  Message no_derivative;
  no_derivative.set_real("dw", r1 * 0.5 + r2 * 2.5);
  no_derivative.set_real("db", r1 + r2);
  Verdict v = judge("lab02.gradient", c, no_derivative, reference);
  EXPECT_EQ(v.credit, 0);
  EXPECT_NE(v.message.find("central difference"), std::string::npos);
  EXPECT_NE(v.diagnosis.find("sigmoid's derivative is missing"), std::string::npos) << v.message;

  Message flipped;
  flipped.set_real("dw", -dw);
  flipped.set_real("db", -db);
  v = judge("lab02.gradient", c, flipped, reference);
  EXPECT_EQ(v.credit, 0);
  EXPECT_NE(v.diagnosis.find("wrong sign"), std::string::npos);

  Message mean;
  mean.set_real("dw", dw / 2);
  mean.set_real("db", db / 2);
  EXPECT_NE(judge("lab02.gradient", c, mean, reference).diagnosis.find("mean"), std::string::npos);

  Message no_x;
  no_x.set_real("dw", db);
  no_x.set_real("db", db);
  v = judge("lab02.gradient", c, no_x, reference);
  EXPECT_DOUBLE_EQ(v.credit, 0.5);
  EXPECT_NE(v.diagnosis.find("factor dz_i/dw = x_i"), std::string::npos);

  Message close_enough;  // correct, computed another way: within the tolerance
  close_enough.set_real("dw", dw * (1 + 1e-9));
  close_enough.set_real("db", db * (1 - 1e-9));
  EXPECT_EQ(judge("lab02.gradient", c, close_enough, reference).credit, 1);
}

TEST(Lab02Exercises, DescentMistakesAreDiagnosed) {
  const ExerciseCase c = exercise("lab02.descent").cases(1)[1];  // 3 epochs
  const Message reference = ask("lab02.descent", c);
  const nn::Mat path = reference.matrix("path");
  ASSERT_EQ(path.n_rows, 4u);

  Message lagging = reference;  // each loss from before its step
  nn::Mat lag = path;
  for (nn::Index k = 1; k < 4; ++k) lag(k, 2) = path(k - 1, 2);
  lagging.set_matrix("path", lag);
  Verdict v = judge("lab02.descent", c, lagging, reference);
  EXPECT_DOUBLE_EQ(v.credit, 0.25);  // only epoch 0 of 0, 1, 2, 3 agrees
  EXPECT_NE(v.diagnosis.find("loss before the step"), std::string::npos) << v.message;

  Message no_start = reference;
  no_start.set_matrix("path", nn::Mat(path.rows(1, 3)));
  v = judge("lab02.descent", c, no_start, reference);
  EXPECT_EQ(v.credit, 0);
  EXPECT_NE(v.message.find("returned 3 states; expected 4"), std::string::npos) << v.message;

  Message uphill = reference;
  nn::Mat up = path;
  // One step uphill from the start, then whatever: the first step shows it only
  // when the whole path is uphill, so no diagnosis here, just the values.
  up(1, 0) = -2 - (path(1, 0) + 2);
  uphill.set_matrix("path", up);
  v = judge("lab02.descent", c, uphill, reference);
  EXPECT_LT(v.credit, 1);
  EXPECT_NE(v.message.find("epoch 1 is the first that differs"), std::string::npos) << v.message;
  EXPECT_EQ(v.diagnosis, "");

  // dL/db taken after w moved: b1 = b0 - dL/db(w1, b0), computed here by the formula.
  Message late = reference;
  nn::Mat sequential = path;
  const double w1 = path(1, 0), y1 = sigma(w1 * 0.5 - 2), y2 = sigma(w1 * 2.5 - 2);
  sequential(1, 1) = -2 - ((y1 - 0.2) * y1 * (1 - y1) + (y2 - 0.9) * y2 * (1 - y2));
  late.set_matrix("path", sequential);
  v = judge("lab02.descent", c, late, reference);
  EXPECT_NE(v.diagnosis.find("after w has moved"), std::string::npos) << v.message;
}
