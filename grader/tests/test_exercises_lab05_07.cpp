// The exercises of labs 05 and 07, judged in process: the reference worker's
// answers (solution build) get full credit, the stubs say "not implemented"
// (student build), and planted mistakes lose credit with the right diagnosis
// or none. Expected numbers come from the handouts (derived by hand).
#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>

#include "exercise.hpp"
#include "worker_runner.hpp"

using grader::ExerciseCase;
using grader::Message;
using grader::Verdict;
using nn::Mat;

namespace {

const grader::Exercise& exercise(const std::string& name) {
  const grader::Exercise* e = grader::find_exercise(name);
  if (!e) throw std::runtime_error("no exercise " + name);
  return *e;
}

// The worker's answer to one case, or nullopt when its code is a stub.
std::optional<Message> ask_worker(const std::string& target, const ExerciseCase& c) {
  Message request = c.request;
  request.set_string("kind", "probe");
  request.set_string("target", target);
  const grader::WorkerReply reply = grader::testing::run_real_worker(request);
  EXPECT_TRUE(reply.response.has_value()) << reply.problem;
  if (!reply.response) return std::nullopt;
  const std::string& status = reply.response->string("status");
  if (!NN_SOLUTION_BUILD) {
    EXPECT_EQ(status, "not_implemented") << c.name;
    return std::nullopt;
  }
  EXPECT_EQ(status, "ok") << c.name;
  return reply.response;
}

Verdict judge(const std::string& name, const ExerciseCase& c, const Message& answer,
              double tolerance = 1e-9) {
  return exercise(name).judge(c, answer, nullptr, tolerance);
}

}  // namespace

// ---- lab 05: one training step ----

TEST(Lab05Exercise, WorkedExamplesFromTheHandoutsNumbers) {
  const std::vector<ExerciseCase> cases = exercise("lab05.worked_examples").cases(1);
  ASSERT_EQ(cases.size(), 2u);
  // The 2-2-2 network's numbers as the handout prints them, to 9 decimals.
  Message m;
  m.set_matrix("start_W1", Mat{{0.15, 0.25}, {0.20, 0.30}});
  m.set_matrix("start_b1", Mat{{0.35, 0.35}});
  m.set_matrix("start_W2", Mat{{0.40, 0.50}, {0.45, 0.55}});
  m.set_matrix("start_b2", Mat{{0.60, 0.60}});
  m.set_matrix("hidden", Mat{{0.593269992, 0.596884378}});
  m.set_matrix("output", Mat{{0.751365070, 0.772928465}});
  m.set_real("loss", 0.298371109);
  m.set_matrix("delta_output", Mat{{0.138498562, -0.038098237}});
  m.set_matrix("delta_hidden", Mat{{0.008771355, 0.009954255}});
  m.set_matrix("W1", Mat{{0.149780716, 0.249751144}, {0.199561432, 0.299502287}});
  m.set_matrix("b1", Mat{{0.345614323, 0.345022873}});
  m.set_matrix("W2", Mat{{0.358916480, 0.511301270}, {0.408666186, 0.561370121}});
  m.set_matrix("b2", Mat{{0.530750719, 0.619049118}});
  const Verdict v = judge("lab05.worked_examples", cases[0], m, 1e-8);
  EXPECT_EQ(v.credit, 1) << v.message;
  // The same to the 3 decimals of the textbook table fails at the item's tolerance.
  m.set_matrix("W2", Mat{{0.359, 0.511}, {0.409, 0.561}});
  EXPECT_LT(judge("lab05.worked_examples", cases[0], m).credit, 1);
}

TEST(Lab05Exercise, ReferenceGetsFullCreditAndMistakesAreNamed) {
  for (const char* name : {"lab05.worked_examples", "lab05.train_step"}) {
    const std::vector<ExerciseCase> cases = exercise(name).cases(7);
    for (const ExerciseCase& c : cases) {
      const std::optional<Message> right = ask_worker(name, c);
      if (!right) continue;
      Verdict v = judge(name, c, *right);
      EXPECT_EQ(v.credit, 1) << c.name << ": " << v.message;
      EXPECT_EQ(v.diagnosis, "");

      const nn::Real lr = c.request.real("learning_rate");
      const auto start = [&](const std::string& p) {
        return c.request.has("W1") ? c.request.matrix(p) : right->matrix("start_" + p);
      };
      // Uphill: w + lr dE/dw.
      Message wrong = *right;
      for (const char* p : {"W1", "b1", "W2", "b2"})
        wrong.set_matrix(p, 2 * start(p) - right->matrix(p));
      v = judge(name, c, wrong);
      EXPECT_NEAR(v.credit, c.request.has("W1") ? 5.0 / 9 : 9.0 / 13, 1e-12) << c.name;
      EXPECT_NE(v.diagnosis.find("uphill"), std::string::npos) << c.name << ": " << v.diagnosis;

      // Biases never updated.
      wrong = *right;
      wrong.set_matrix("b1", start("b1"));
      wrong.set_matrix("b2", start("b2"));
      v = judge(name, c, wrong);
      EXPECT_NE(v.diagnosis.find("biases were not updated"), std::string::npos) << v.diagnosis;

      // Han & Kamber's Err_j (= -dE/dZ) in the delta fields.
      wrong = *right;
      wrong.set_matrix("delta_output", -right->matrix("delta_output"));
      wrong.set_matrix("delta_hidden", -right->matrix("delta_hidden"));
      v = judge(name, c, wrong);
      EXPECT_NE(v.diagnosis.find("-dE/dZ"), std::string::npos) << v.diagnosis;

      // W2 updated before layer 2's backward: the hidden delta goes through the new W2.
      const Mat& H = right->matrix("hidden");
      const Mat late = (right->matrix("delta_output") * right->matrix("W2").t()) % H % (1 - H);
      wrong = *right;
      wrong.set_matrix("delta_hidden", late);
      wrong.set_matrix("W1", start("W1") - lr * c.request.matrix("X").t() * late);
      wrong.set_matrix("b1", start("b1") - lr * arma::sum(late, 0));
      v = judge(name, c, wrong);
      EXPECT_NE(v.diagnosis.find("after W2 was updated"), std::string::npos) << v.diagnosis;

      // dE/dO reported as the output delta (the sigmoid's backward skipped).
      wrong = *right;
      wrong.set_matrix("delta_output", (right->matrix("output") - c.request.matrix("T")) /
                                           double(c.request.matrix("X").n_rows));
      v = judge(name, c, wrong);
      EXPECT_NE(v.diagnosis.find("sigmoid's output"), std::string::npos) << v.diagnosis;

      // A mistake no candidate explains: "differs" only, no diagnosis.
      wrong = *right;
      wrong.set_matrix("W1", right->matrix("W1") + 0.01);
      v = judge(name, c, wrong);
      EXPECT_LT(v.credit, 1);
      EXPECT_EQ(v.diagnosis, "");
      EXPECT_NE(v.message.find("W1"), std::string::npos);
    }
  }
}

TEST(Lab05Exercise, TransposedStartingWeightsAreNamed) {
  const ExerciseCase c = exercise("lab05.worked_examples").cases(1)[0];
  const std::optional<Message> right = ask_worker("lab05.worked_examples", c);
  if (!right) return;
  Message wrong = *right;
  wrong.set_matrix("start_W1", right->matrix("start_W1").t());
  const Verdict v = judge("lab05.worked_examples", c, wrong);
  EXPECT_LT(v.credit, 1);
  EXPECT_NE(v.diagnosis.find("transposed"), std::string::npos) << v.diagnosis;
  // train_step itself was right for the weights given: the message says so only
  // when it is (here the step's numbers are those of the right weights, so it is not).
  EXPECT_EQ(v.message.find("right for the starting weights you wrote"), std::string::npos);
}

TEST(Lab05Exercise, MalformedAnswersCostCreditWithoutThrowing) {
  const ExerciseCase c = exercise("lab05.train_step").cases(3)[2];
  Message empty;
  Verdict v = judge("lab05.train_step", c, empty);
  EXPECT_EQ(v.credit, 0);
  EXPECT_NE(v.message.find("missing"), std::string::npos);
  Message odd;
  odd.set_string("W1", "not a matrix");
  odd.set_matrix("hidden", Mat(7, 1).fill(arma::datum::nan));
  odd.set_real("loss", arma::datum::inf);
  v = judge("lab05.train_step", c, odd);
  EXPECT_EQ(v.credit, 0);
}

TEST(Lab05Exercise, HiddenCasesDifferBySeedAndIncludeABatch) {
  const auto a = exercise("lab05.train_step").cases(1), b = exercise("lab05.train_step").cases(2);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_GT(arma::abs(a[0].request.matrix("W1") - b[0].request.matrix("W1")).max(), 0);
  EXPECT_EQ(grader::encode(a[1].request), grader::encode(exercise("lab05.train_step").cases(1)[1].request));
  EXPECT_EQ(a[2].request.matrix("X").n_rows, 3u);
}

// ---- lab 07: stable softmax and log-sum-exp ----

namespace {

Message softmax_answer(const Mat& Z, const arma::vec& shift, bool add_back = true) {
  Mat S = Z;
  S.each_col() -= shift;
  Mat P = arma::exp(S);
  const arma::vec sums = arma::sum(P, 1);
  P.each_col() /= sums;
  Message m;
  m.set_matrix("softmax", P);
  m.set_matrix("log_sum_exp", add_back ? Mat(shift + arma::log(sums)) : Mat(arma::log(sums)));
  return m;
}

}  // namespace

TEST(Lab07Exercise, ReferenceAndOtherCorrectFormsGetFullCredit) {
  for (const char* name : {"lab07.stable_softmax", "lab07.stable_softmax.other"})
    for (const ExerciseCase& c : exercise(name).cases(5)) {
      const Mat& Z = c.request.matrix("Z");
      // Right, written differently: shifted by the row maximum plus 3.
      Verdict v = judge(name, c, softmax_answer(Z, arma::max(Z, 1) + 3.0));
      EXPECT_EQ(v.credit, 1) << c.name << ": " << v.message;
      const std::optional<Message> right = ask_worker(name, c);
      if (!right) continue;
      v = judge(name, c, *right);
      EXPECT_EQ(v.credit, 1) << c.name << ": " << v.message;
    }
}

TEST(Lab07Exercise, NaiveSoftmaxOverflowsOnlyOnLargeLogits) {
  const std::vector<ExerciseCase> cases = exercise("lab07.stable_softmax").cases(5);
  ASSERT_EQ(cases.size(), 5u);
  std::vector<Verdict> verdicts;
  for (const ExerciseCase& c : cases)
    verdicts.push_back(judge("lab07.stable_softmax", c,
                             softmax_answer(c.request.matrix("Z"),
                                            arma::zeros<arma::vec>(c.request.matrix("Z").n_rows))));
  EXPECT_EQ(verdicts[0].credit, 1);  // ordinary logits: the formula as written is fine
  EXPECT_EQ(verdicts[1].credit, 0);  // near +1000: NaN softmax, inf log-sum-exp
  EXPECT_NE(verdicts[1].diagnosis.find("overflow: subtract the row maximum"), std::string::npos);
  EXPECT_EQ(verdicts[2].credit, 0);  // near -1000: 0 / 0
  EXPECT_NE(verdicts[2].diagnosis.find("underflow"), std::string::npos);
  EXPECT_LT(verdicts[3].credit, 1);
  EXPECT_NE(verdicts[3].diagnosis.find("overflow: subtract the row maximum"), std::string::npos);
  EXPECT_LT(verdicts[4].credit, 1);  // one logit near 1000 in each row
}

// Only the row's maximum keeps e^(z - shift) finite in a row whose logits lie 1000
// apart: shifted by its minimum or its mean, the row overflows.
TEST(Lab07Exercise, ARowShiftedByItsMinimumOrMeanOverflowsOnWideRows) {
  const ExerciseCase wide = exercise("lab07.stable_softmax").cases(5)[4];
  const Mat& Z = wide.request.matrix("Z");
  EXPECT_GT(arma::max(arma::max(Z, 1) - arma::min(Z, 1)), 900.0);
  EXPECT_EQ(judge("lab07.stable_softmax", wide, softmax_answer(Z, arma::max(Z, 1))).credit, 1);
  for (const arma::vec& shift : {arma::vec(arma::min(Z, 1)), arma::vec(arma::mean(Z, 1))}) {
    const Verdict v = judge("lab07.stable_softmax", wide, softmax_answer(Z, shift));
    EXPECT_EQ(v.credit, 0);  // e^(z - shift) is inf: softmax NaN, log-sum-exp inf
    EXPECT_NE(v.diagnosis.find("overflow: subtract the row maximum"), std::string::npos)
        << v.diagnosis;
  }
}

TEST(Lab07Exercise, GlobalMaximumAndMissingShiftAreNamed) {
  const ExerciseCase mixed = exercise("lab07.stable_softmax").cases(5)[3];
  const Mat& Z = mixed.request.matrix("Z");
  Verdict v = judge("lab07.stable_softmax", mixed,
                    softmax_answer(Z, arma::vec(Z.n_rows).fill(Z.max())));
  EXPECT_LT(v.credit, 1);
  EXPECT_NE(v.diagnosis.find("each row needs its own maximum"), std::string::npos) << v.diagnosis;

  const ExerciseCase large = exercise("lab07.stable_softmax").cases(5)[1];
  const Mat& L = large.request.matrix("Z");
  v = judge("lab07.stable_softmax", large, softmax_answer(L, arma::max(L, 1), false));
  EXPECT_EQ(v.credit, 0.5);  // the softmax is right
  EXPECT_NE(v.diagnosis.find("add the row maximum back"), std::string::npos) << v.diagnosis;

  // Wrong in a way no candidate explains: no diagnosis.
  Message off = softmax_answer(L, arma::max(L, 1));
  off.set_matrix("softmax", off.matrix("softmax") * 1.01);
  v = judge("lab07.stable_softmax", large, off);
  EXPECT_EQ(v.credit, 0.5);
  EXPECT_EQ(v.diagnosis, "");
}

TEST(Lab07Exercise, MalformedAnswersCostCreditWithoutThrowing) {
  const ExerciseCase c = exercise("lab07.stable_softmax").cases(5)[1];
  Message m;
  m.set_matrix("softmax", Mat(1, 1).fill(arma::datum::nan));
  m.set_string("log_sum_exp", "?");
  const Verdict v = judge("lab07.stable_softmax", c, m);
  EXPECT_EQ(v.credit, 0);
}
