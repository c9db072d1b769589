// The exercises of labs 09 and 11 (grader/src/exercises/lab09.cpp, lab11.cpp):
// each judge on right answers, on answers written differently, and on realistic
// mistakes (built here by hand, independently of the judge's code); then each
// probe run by the real worker: in the solution build its answers earn full
// credit, in the student build it reports "not implemented".
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <string>
#include <vector>

#include "exercise.hpp"
#include "exercises/lab11.hpp"
#include "nn/data/fashion_mnist.hpp"
#include "nn/metrics/classification.hpp"
#include "worker_runner.hpp"

namespace {

using grader::ExerciseCase;
using grader::Message;
using grader::Verdict;
using nn::Mat;

const grader::Exercise& exercise(const std::string& name) {
  const grader::Exercise* e = grader::find_exercise(name);
  if (!e) throw std::runtime_error("no exercise " + name);
  return *e;
}

Verdict judge(const std::string& name, const ExerciseCase& c, const Message& answer) {
  return exercise(name).judge(c, answer, nullptr, 1e-9);
}

// ---- lab09.schedules ----

// The student's rates for t = 0 .. 11, from `alpha`.
Message rates(const std::function<double(double)>& alpha) {
  Mat r(1, 12);
  for (nn::Index t = 0; t < 12; ++t) r(0, t) = alpha(double(t));
  Message m;
  m.set_matrix("rates", r);
  return m;
}

struct Params {
  std::string name;
  double lr0, factor = 0, k = 0;
  double every = 0;
};

Params params_of(const ExerciseCase& c) {
  Params p{c.request.string("schedule"), c.request.real("lr0")};
  if (p.name == "StepDecay") {
    p.factor = c.request.real("factor");
    p.every = double(c.request.integer("every"));
  } else {
    p.k = c.request.real("k");
  }
  return p;
}

TEST(Lab09Schedules, RightAnswersGetFullCreditEvenWrittenDifferently) {
  for (std::uint64_t seed : {1, 2, 3, 4}) {
    const std::vector<ExerciseCase> cases = exercise("lab09.schedules").cases(seed);
    ASSERT_EQ(cases.size(), 3u);
    for (const ExerciseCase& c : cases) {
      SCOPED_TRACE(c.name);
      const Params p = params_of(c);
      std::function<double(double)> right;
      if (p.name == "StepDecay") {
        EXPECT_GT(p.every, 1);
        EXPECT_LT(p.factor, 1);
        right = [p](double t) {  // repeated multiplication: a loop, not pow
          double a = p.lr0;
          for (int drops = int(t) / int(p.every); drops > 0; --drops) a *= p.factor;
          return a;
        };
      } else if (p.name == "ExponentialDecay") {
        right = [p](double t) { return p.lr0 / std::exp(p.k * t); };
      } else {
        right = [p](double t) { return p.lr0 * (1 / (1 + p.k * t)); };
      }
      const Verdict v = judge("lab09.schedules", c, rates(right));
      EXPECT_EQ(v.credit, 1) << v.message;
      EXPECT_EQ(v.message, "");
    }
  }
}

TEST(Lab09Schedules, MistakesLosePointsWithTheRightDiagnosis) {
  const std::vector<ExerciseCase> cases = exercise("lab09.schedules").cases(5);
  for (const ExerciseCase& c : cases) {
    SCOPED_TRACE(c.name);
    const Params p = params_of(c);
    std::vector<std::pair<std::function<double(double)>, std::string>> mistakes;
    if (p.name == "StepDecay") {
      mistakes = {{[p](double t) { return p.lr0 * std::pow(p.factor, t / p.every); }, "rounded down"},
                  {[p](double t) { return p.lr0 * std::pow(p.factor, std::floor((t + 1) / p.every)); },
                   "counted from 1"},
                  {[p](double t) { return p.lr0 * std::pow(p.factor, t); }, "every epoch"}};
    } else if (p.name == "ExponentialDecay") {
      mistakes = {{[p](double t) { return p.lr0 * std::exp(p.k * t); }, "wrong sign"},
                  {[p](double t) { return p.lr0 * std::exp(-p.k * (t + 1)); }, "counted from 1"},
                  {[p](double t) { return p.lr0 * std::exp(-p.k) * t; }, "rises above the initial"},
                  {[p](double t) { return p.lr0 * std::exp(-p.k) / (1 + t); }, ""}};
    } else {
      mistakes = {{[p](double t) { return p.lr0 / (1 + t); }, "k is missing"},
                  {[p](double t) { return p.lr0 / (p.k * t); }, "1 is missing"},
                  {[p](double t) { return p.lr0 / (1 + p.k * (t + 1)); }, "counted from 1"},
                  {[p](double t) { return p.lr0 - p.k * t; }, ""}};
    }
    for (const auto& [alpha, diagnosis] : mistakes) {
      const Verdict v = judge("lab09.schedules", c, rates(alpha));
      EXPECT_LT(v.credit, 1);
      EXPECT_NE(v.message, "");
      if (diagnosis.empty())
        EXPECT_EQ(v.diagnosis, "") << "no known mistake, no diagnosis";
      else
        EXPECT_NE(v.diagnosis.find(diagnosis), std::string::npos) << v.diagnosis;
    }
  }
}

TEST(Lab09Schedules, AMissingOrMisshapenAnswerEarnsNothing) {
  const ExerciseCase c = exercise("lab09.schedules").cases(1)[0];
  EXPECT_EQ(judge("lab09.schedules", c, Message()).credit, 0);
  Message wrong_shape;
  wrong_shape.set_matrix("rates", Mat(12, 1, arma::fill::ones));
  const Verdict v = judge("lab09.schedules", c, wrong_shape);
  EXPECT_EQ(v.credit, 0);
  EXPECT_NE(v.message.find("1x12"), std::string::npos) << v.message;
}

// ---- lab11.ensemble ----

Mat stable_softmax(const Mat& Z) {  // row by row, written out element by element
  Mat P(Z.n_rows, Z.n_cols);
  for (nn::Index i = 0; i < Z.n_rows; ++i) {
    const double top = Z.row(i).max();
    double total = 0;
    for (nn::Index j = 0; j < Z.n_cols; ++j) total += std::exp(Z(i, j) - top);
    for (nn::Index j = 0; j < Z.n_cols; ++j) P(i, j) = std::exp(Z(i, j) - top) / total;
  }
  return P;
}

Mat naive_softmax(const Mat& Z) {
  const Mat E = arma::exp(Z);
  return E.each_col() / arma::sum(E, 1);
}

std::vector<Mat> members(const ExerciseCase& c) {
  std::vector<Mat> logits;
  for (std::int64_t k = 0; k < c.request.integer("count"); ++k)
    logits.push_back(c.request.matrix("logits." + std::to_string(k)));
  return logits;
}

Message probabilities(const Mat& P) {
  Message m;
  m.set_matrix("probabilities", P);
  return m;
}

TEST(Lab11Ensemble, TheMeanOfTheMembersProbabilitiesGetsFullCredit) {
  for (std::uint64_t seed : {1, 2}) {
    for (const ExerciseCase& c : exercise("lab11.ensemble").cases(seed)) {
      SCOPED_TRACE(c.name);
      const std::vector<Mat> logits = members(c);
      Mat sum(logits[0].n_rows, logits[0].n_cols, arma::fill::zeros);
      for (const Mat& Z : logits) sum += stable_softmax(Z);
      const Verdict v = judge("lab11.ensemble", c, probabilities(sum / double(logits.size())));
      EXPECT_EQ(v.credit, 1) << v.message;
    }
  }
}

TEST(Lab11Ensemble, MistakesLosePointsWithTheRightDiagnosis) {
  const std::vector<ExerciseCase> cases = exercise("lab11.ensemble").cases(3);
  ASSERT_EQ(cases.size(), 3u);
  const ExerciseCase& several = cases[0];  // 3 members, small logits
  const std::vector<Mat> logits = members(several);
  ASSERT_EQ(logits.size(), 3u);
  Mat mean_logits = (logits[0] + logits[1] + logits[2]) / 3;
  Mat sum = stable_softmax(logits[0]) + stable_softmax(logits[1]) + stable_softmax(logits[2]);
  const std::vector<std::pair<Mat, std::string>> mistakes = {
      {stable_softmax(mean_logits), "softmax of the mean logits"},
      {mean_logits, "without a softmax"},
      {sum, "sum of the members"},
      {stable_softmax(logits[2]), "only the last member"},
      {sum / 3 + 0.01, "should sum to 1"},
      {arma::shift(Mat(sum / 3), 1, 1), ""}};  // rows still sum to 1
  for (const auto& [answer, diagnosis] : mistakes) {
    const Verdict v = judge("lab11.ensemble", several, probabilities(answer));
    EXPECT_EQ(v.credit, 0);
    EXPECT_NE(v.message.find("differ"), std::string::npos) << v.message;
    if (diagnosis.empty())
      EXPECT_EQ(v.diagnosis, "");
    else
      EXPECT_NE(v.diagnosis.find(diagnosis), std::string::npos) << v.diagnosis;
  }

  // The naive softmax is right on small logits and overflows on large ones.
  const ExerciseCase& large = cases[1];
  const std::vector<Mat> big = members(large);
  ASSERT_GT(big[0].max(), 700);
  const Mat naive = (naive_softmax(big[0]) + naive_softmax(big[1])) / 2;
  const Verdict v = judge("lab11.ensemble", large, probabilities(naive));
  EXPECT_EQ(v.credit, 0);
  EXPECT_NE(v.diagnosis.find("overflows"), std::string::npos) << v.diagnosis;
  const Mat naive_small = (naive_softmax(logits[0]) + naive_softmax(logits[1]) + naive_softmax(logits[2])) / 3;
  EXPECT_EQ(judge("lab11.ensemble", several, probabilities(naive_small)).credit, 1);
}

TEST(Lab11Ensemble, AMisshapenAnswerSaysWhatShapeWasExpected) {
  const ExerciseCase c = exercise("lab11.ensemble").cases(1)[0];
  const Verdict v = judge("lab11.ensemble", c, probabilities(Mat(2, 2, arma::fill::zeros)));
  EXPECT_EQ(v.credit, 0);
  EXPECT_NE(v.message.find("expected 6x4"), std::string::npos) << v.message;
  EXPECT_EQ(judge("lab11.ensemble", c, Message()).credit, 0);
}

// ---- lab11.fashion: the judge on made-up scores ----

TEST(Lab11Fashion, CreditFollowsTheAccuracyOnLabelsTheWorkerNeverSees) {
  const ExerciseCase c = exercise("lab11.fashion").cases(1)[0];
  EXPECT_FALSE(c.request.has("y_test"));
  EXPECT_FALSE(c.request.has("Y_test"));
  const Mat& X_test = c.request.matrix("X_test");
  ASSERT_EQ(X_test.n_rows, 500u);
  Message constant;  // always class 0: about chance
  Mat scores(500, 10, arma::fill::zeros);
  scores.col(0).fill(1);
  constant.set_matrix("scores", scores);
  const Verdict v = judge("lab11.fashion", c, constant);
  EXPECT_LT(v.credit, 0.1);
  EXPECT_NE(v.message.find("needed 75.0%"), std::string::npos) << v.message;
  Message nan_scores;
  nan_scores.set_matrix("scores", Mat(500, 10, arma::fill::value(NAN)));
  EXPECT_EQ(judge("lab11.fashion", c, nan_scores).credit, 0);
}

// ---- each probe, run by the real worker ----

Verdict through_worker(const std::string& name, const ExerciseCase& c) {
  Message request = c.request;
  request.set_string("kind", "probe");
  request.set_string("target", name);
  const grader::WorkerReply reply = grader::testing::run_real_worker(request);
  if (!reply.response) throw std::runtime_error("no response: " + reply.problem);
  const std::string& status = reply.response->string("status");
  if (status != "ok") {
    Verdict v;
    v.message = status + ": " + reply.response->string("error");
    return v;
  }
  return exercise(name).judge(c, *reply.response, nullptr, 1e-9);
}

TEST(LabProbes, TheReferenceEarnsFullCreditAndTheStubsSayNotImplemented) {
  for (const std::string name : {"lab09.schedules", "lab11.ensemble", "lab11.fashion"}) {
    for (const ExerciseCase& c : exercise(name).cases(2)) {
      SCOPED_TRACE(name + ": " + c.name);
      const Verdict v = through_worker(name, c);
      if (NN_SOLUTION_BUILD) {
        EXPECT_EQ(v.credit, 1) << v.message;
      } else {
        EXPECT_EQ(v.credit, 0);
        EXPECT_EQ(v.message.rfind("not_implemented: ", 0), 0u) << v.message;
      }
    }
  }
}

// The reference network against the thresholds, over case seeds 1 .. n (n = 2, or
// NN_CALIBRATION_SEEDS): prints each accuracy; every one must clear its threshold.
TEST(LabProbes, ReferenceFashionNetworkClearsBothThresholds) {
  if (!NN_SOLUTION_BUILD) GTEST_SKIP() << "needs the reference network";
  const char* env = std::getenv("NN_CALIBRATION_SEEDS");
  const int seeds = env ? std::atoi(env) : 2;
  for (const bool held_out : {false, true}) {
    if (held_out && !std::filesystem::exists(nn::data::fashion_mnist_dir)) {
      std::printf("lab11.fashion_heldout: skipped, no full Fashion-MNIST in %s\n",
                  nn::data::fashion_mnist_dir);
      continue;
    }
    const std::string name = held_out ? "lab11.fashion_heldout" : "lab11.fashion";
    const double threshold = held_out ? grader::lab11::kHeldOutThreshold : grader::lab11::kFashionThreshold;
    std::string line = name + ":";
    for (int seed = 1; seed <= seeds; ++seed) {
      const ExerciseCase c = exercise(name).cases(seed)[0];
      Message request = c.request;
      request.set_string("kind", "probe");
      request.set_string("target", name);
      const grader::WorkerReply reply = grader::testing::run_real_worker(request);
      ASSERT_TRUE(reply.response) << reply.problem;
      ASSERT_EQ(reply.response->string("status"), "ok");
      const nn::Labels y = grader::lab11::fashion_data(held_out, seed).test.y;
      const double accuracy = nn::metrics::accuracy(reply.response->matrix("scores"), y);
      line += fmt::format(" {:.3f}", accuracy);
      EXPECT_GE(accuracy, threshold) << name << " seed " << seed;
      EXPECT_EQ(exercise(name).judge(c, *reply.response, nullptr, 0).credit, 1);
    }
    std::printf("%s\n", line.c_str());
  }
}

}  // namespace
