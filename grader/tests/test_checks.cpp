// run_check against fake workers (no process: crashes, time-outs, garbage and
// forged answers) and, in the student build, against the real worker built
// from the stubs. Builds in both builds; test_checks_solution.cpp has the
// reference's full marks.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "check_common.hpp"
#include "checks.hpp"
#include "worker_runner.hpp"

namespace grader {
namespace {

using nn::Mat;
using testing::make_item;
using testing::run_real_worker;

constexpr std::uint64_t kMaster = 20261121;

WorkerReply ok_reply(Message response) {
  WorkerReply reply;
  reply.run.outcome = Outcome::Ok;
  reply.run.exit_code = 0;
  response.set_string("status", "ok");
  reply.response = std::move(response);
  return reply;
}

// The correct Sigmoid backward, from the formula (not from nn).
Mat sigmoid_dX(const Message& request) {
  const Mat& X = request.matrix("X");
  const Mat S = 1 / (1 + arma::exp(-X));
  return request.matrix("G") % S % (1 - S);
}

// A worker that answers every Sigmoid request with answer(request).
WorkerRunner forging(std::function<Mat(const Message&)> answer) {
  return [answer](const Message& request) {
    Message response;
    response.set_matrix("dX", answer(request));
    return ok_reply(std::move(response));
  };
}

RubricItem sigmoid_item() { return make_item(CheckKind::LayerGradient, "Sigmoid"); }

TEST(Checks, ForgedCorrectGradientPasses) {
  const Item item = run_check(sigmoid_item(), kMaster, forging(sigmoid_dX));
  EXPECT_EQ(item.status, Status::Passed) << item.message;
  EXPECT_DOUBLE_EQ(item.points, 10);
  EXPECT_EQ(item.gradients.size(), 4u);  // 2 shapes x 2 seeds
  EXPECT_EQ(item.seeds.size(), 4u);
  EXPECT_TRUE(item.diagnoses.empty());
}

TEST(Checks, ZeroGradientFailsWithDiagnosisZero) {
  const Item item =
      run_check(sigmoid_item(), kMaster, forging([](const Message& r) {
                  return Mat(r.matrix("X").n_rows, r.matrix("X").n_cols, arma::fill::zeros);
                }));
  EXPECT_EQ(item.status, Status::Failed);
  EXPECT_DOUBLE_EQ(item.points, 0);
  ASSERT_EQ(item.diagnoses.size(), 4u);
  for (const TensorDiagnosis& d : item.diagnoses) EXPECT_EQ(d.diagnosis.code, code::kZero);
  EXPECT_NE(item.message.find("dX is wrong"), std::string::npos) << item.message;
}

TEST(Checks, SigmoidDerivativeAtOutputIsDiagnosed) {
  const Item item = run_check(sigmoid_item(), kMaster, forging([](const Message& r) {
                                const Mat Y = 1 / (1 + arma::exp(-r.matrix("X")));
                                const Mat S = 1 / (1 + arma::exp(-Y));
                                return Mat(r.matrix("G") % S % (1 - S));
                              }));
  EXPECT_EQ(item.status, Status::Failed);
  ASSERT_FALSE(item.diagnoses.empty());
  EXPECT_EQ(item.diagnoses[0].diagnosis.code, "sigmoid_derivative_at_output");
  // the message names the mistake once, with the number of cases it was seen in
  const std::string line = "dX is wrong: Sigmoid derivative taken at the output (in 4 cases";
  EXPECT_NE(item.message.find(line), std::string::npos) << item.message;
  EXPECT_EQ(item.message.find("Sigmoid derivative taken at the output",
                              item.message.find(line) + line.size()),
            std::string::npos)
      << item.message;
}

// A worker whose code throws nn::NotImplemented(method, lab) for every request.
WorkerRunner unwritten(const std::string& method, const std::string& lab) {
  return [=](const Message&) {
    WorkerReply reply;
    reply.run.outcome = Outcome::Ok;
    Message response;
    response.set_string("status", "not_implemented");
    response.set_string("error", method + " is not implemented yet");
    response.set_string("method", method);
    response.set_string("lab", lab);
    reply.response = std::move(response);
    return reply;
  };
}

TEST(Checks, AnotherLabsUnwrittenCodeIsNotTheItemsTodo) {
  RubricItem item = make_item(CheckKind::Training, "circle", {}, {1});
  item.lab = "labs/11-classifier";
  item.threshold = 0.9;
  const Item waits = run_check(item, kMaster, unwritten("Adam::step", "labs/09-optimizers"));
  EXPECT_EQ(waits.status, Status::Blocked) << waits.message;
  EXPECT_EQ(waits.needs, "Adam::step (labs/09-optimizers)");
  EXPECT_NE(waits.message.find("runs your Adam::step (labs/09-optimizers), which is not written"),
            std::string::npos)
      << waits.message;
  const Item todo = run_check(item, kMaster, unwritten("lab11::make_model", "labs/11-classifier"));
  EXPECT_EQ(todo.status, Status::NotImplemented) << todo.message;
  EXPECT_TRUE(todo.needs.empty());
}

TEST(Checks, OneWrongCaseGivesPartialCredit) {
  int calls = 0;
  const Item item = run_check(sigmoid_item(), kMaster, forging([&](const Message& r) {
                                Mat dX = sigmoid_dX(r);
                                if (++calls == 3) dX *= -1;
                                return dX;
                              }));
  EXPECT_EQ(item.status, Status::Partial);
  EXPECT_DOUBLE_EQ(item.points, 7.5);
  ASSERT_EQ(item.diagnoses.size(), 1u);
  EXPECT_EQ(item.diagnoses[0].diagnosis.code, code::kWrongSign);
}

TEST(Checks, NaNGradientFails) {
  const Item item = run_check(sigmoid_item(), kMaster, forging([](const Message& r) {
                                Mat dX = sigmoid_dX(r);
                                dX(0, 0) = std::numeric_limits<double>::quiet_NaN();
                                return dX;
                              }));
  EXPECT_EQ(item.status, Status::Failed);
  EXPECT_DOUBLE_EQ(item.points, 0);
  ASSERT_FALSE(item.diagnoses.empty());
  EXPECT_EQ(item.diagnoses[0].diagnosis.code, code::kNonFinite);
}

TEST(Checks, WrongShapeFailsAndSaysSo) {
  const Item item = run_check(sigmoid_item(), kMaster,
                              forging([](const Message& r) { return Mat(sigmoid_dX(r).t()); }));
  EXPECT_EQ(item.status, Status::Failed);
  EXPECT_DOUBLE_EQ(item.points, 0);
  EXPECT_NE(item.message.find("dX is 3x1, expected 1x3"), std::string::npos) << item.message;
  ASSERT_FALSE(item.diagnoses.empty());
  EXPECT_EQ(item.diagnoses[0].diagnosis.code, code::kTransposed);
}

TEST(Checks, MissingEntryIsAnError) {
  const Item item =
      run_check(sigmoid_item(), kMaster, [](const Message&) { return ok_reply(Message()); });
  EXPECT_EQ(item.status, Status::Error);
  EXPECT_DOUBLE_EQ(item.points, 0);
  EXPECT_NE(item.message.find("\"dX\""), std::string::npos) << item.message;
}

TEST(Checks, MissingStatusIsAnError) {
  const Item item = run_check(sigmoid_item(), kMaster, [](const Message&) {
    WorkerReply reply = ok_reply(Message());
    reply.response = Message();
    return reply;
  });
  EXPECT_EQ(item.status, Status::Error);
  EXPECT_NE(item.message.find("status"), std::string::npos) << item.message;
}

TEST(Checks, UnreadableResponseIsAnError) {
  const Item item = run_check(sigmoid_item(), kMaster, [](const Message&) {
    WorkerReply reply;
    reply.run.outcome = Outcome::Ok;
    reply.problem = "response.msg: bad magic";
    return reply;
  });
  EXPECT_EQ(item.status, Status::Error);
  EXPECT_NE(item.message.find("bad magic"), std::string::npos) << item.message;
}

TEST(Checks, TimeOutCostsTheCase) {
  int calls = 0;
  const Item item = run_check(sigmoid_item(), kMaster, [&](const Message& r) {
    if (++calls == 2) {
      WorkerReply reply;
      reply.run.outcome = Outcome::TimedOut;
      reply.run.message = "your code was stopped after 10 s";
      return reply;
    }
    return forging(sigmoid_dX)(r);
  });
  EXPECT_EQ(item.status, Status::TimedOut);
  EXPECT_DOUBLE_EQ(item.points, 7.5);
  EXPECT_NE(item.message.find("stopped after 10 s"), std::string::npos) << item.message;
}

TEST(Checks, CrashEverywhereGivesZero) {
  const Item item = run_check(sigmoid_item(), kMaster, [](const Message&) {
    WorkerReply reply;
    reply.run.outcome = Outcome::Crashed;
    reply.run.message = "your code crashed: segmentation fault (SIGSEGV)";
    return reply;
  });
  EXPECT_EQ(item.status, Status::Crashed);
  EXPECT_DOUBLE_EQ(item.points, 0);
  EXPECT_NE(item.message.find("SIGSEGV"), std::string::npos) << item.message;
  ASSERT_EQ(item.gradients.size(), 4u);
  EXPECT_FALSE(item.gradients[0].error.empty());
}

TEST(Checks, StudentExceptionFailsTheCase) {
  const Item item = run_check(sigmoid_item(), kMaster, [](const Message&) {
    WorkerReply reply = ok_reply(Message());
    reply.response->set_string("status", "error");
    reply.response->set_string("error", "Sigmoid.backward: dY is 2x2, expected 1x3");
    return reply;
  });
  EXPECT_EQ(item.status, Status::Failed);
  EXPECT_NE(item.message.find("dY is 2x2"), std::string::npos) << item.message;
}

TEST(Checks, SeedsAreReproducibleAndDependOnTheMasterSeed) {
  const Item a = run_check(sigmoid_item(), kMaster, forging(sigmoid_dX));
  const Item b = run_check(sigmoid_item(), kMaster, forging(sigmoid_dX));
  const Item c = run_check(sigmoid_item(), kMaster + 1, forging(sigmoid_dX));
  EXPECT_EQ(a.seeds, b.seeds);
  EXPECT_NE(a.seeds, c.seeds);
  EXPECT_EQ(a.seeds[0].first, "N=1 D=3 seed=1");
}

TEST(Checks, UnknownTargetIsAnError) {
  const Item item =
      run_check(make_item(CheckKind::LayerGradient, "Nope"), kMaster, forging(sigmoid_dX));
  EXPECT_EQ(item.status, Status::Error);
  EXPECT_NE(item.message.find("Nope"), std::string::npos);
}

TEST(Checks, ForgedTrainingScoresAreJudgedOnHeldOutLabels) {
  // A worker that answers with constant scores gets chance accuracy: no credit.
  RubricItem item = make_item(CheckKind::Training, "circle", {}, {1});
  item.threshold = 0.95;
  const Item result = run_check(item, kMaster, [](const Message& r) {
    Message response;
    response.set_matrix("scores", Mat(r.matrix("X_test").n_rows, 2, arma::fill::ones));
    return ok_reply(std::move(response));
  });
  EXPECT_NE(result.status, Status::Passed);
  EXPECT_LT(result.points, 1.0);
  EXPECT_NE(result.message.find("held-out accuracy"), std::string::npos) << result.message;
}

// A fake optimizer worker: plain gradient descent p -= 0.1 g, with the update
// of step `wrong_step` (0-based; -1: none) multiplied by `factor`.
WorkerRunner descending(std::int64_t wrong_step = -1, double factor = 1) {
  return [=](const Message& r) {
    Message response;
    for (std::int64_t k = 0; k < r.integer("param_count"); ++k) {
      Mat p = r.matrix("param." + std::to_string(k));
      for (std::int64_t s = 0; s < r.integer("steps"); ++s) {
        Mat update = -r.real("learning_rate") *
                     r.matrix("grad." + std::to_string(s) + "." + std::to_string(k));
        if (s == wrong_step) update *= factor;
        p += update;
        response.set_matrix("value." + std::to_string(s) + "." + std::to_string(k), p);
      }
    }
    return ok_reply(std::move(response));
  };
}

TEST(Checks, OptimizerIsJudgedAgainstTheReferenceAnswer) {
  const RubricItem item = make_item(CheckKind::OptimizerStep, "SGD", {}, {1});
  EXPECT_TRUE(needs_reference(item));
  const Item right = run_check(item, kMaster, descending(), descending());
  EXPECT_EQ(right.status, Status::Passed) << right.message;
  EXPECT_DOUBLE_EQ(right.points, 10);
  // The second update is twice the reference's: W and b of that step are wrong.
  const Item wrong = run_check(item, kMaster, descending(1, 2), descending());
  EXPECT_EQ(wrong.status, Status::Partial);
  EXPECT_DOUBLE_EQ(wrong.points, 10.0 * 4 / 6);
  EXPECT_NE(wrong.message.find("step 2, W: The update is 2 times the expected one"),
            std::string::npos)
      << wrong.message;
}

TEST(Checks, OptimizerWithoutAReferenceIsAnError) {
  const RubricItem item = make_item(CheckKind::OptimizerStep, "SGD", {}, {1});
  const Item none = run_check(item, kMaster, descending());
  EXPECT_EQ(none.status, Status::Error);
  EXPECT_DOUBLE_EQ(none.points, 0);
  EXPECT_NE(none.message.find("no reference"), std::string::npos) << none.message;
  const Item missing = run_check(item, kMaster, descending(), [](const Message&) {
    WorkerReply reply;
    reply.problem = "the handout has no reference answer for this case";
    return reply;
  });
  EXPECT_EQ(missing.status, Status::Error);
  EXPECT_NE(missing.message.find("the handout has no reference answer"), std::string::npos)
      << missing.message;
}

#if !NN_SOLUTION_BUILD
// The student build's worker runs the stubs: every backward is not implemented.
TEST(ChecksStudentBuild, StubsAreNotImplemented) {
  using K = CheckKind;
  const std::vector<RubricItem> items{
      make_item(K::LayerGradient, "Linear"),
      make_item(K::LayerGradient, "Sigmoid"),
      make_item(K::LayerGradient, "Softmax"),
      make_item(K::LossGradient, "MSELoss(mean)"),
      make_item(K::LossGradient, "SoftmaxCrossEntropyLoss"),
      make_item(K::PenaltyGradient, "L2Penalty"),
      make_item(K::OptimizerStep, "Adam", {}, {1}),
      make_item(K::OptimizerStep, "Momentum", {}, {1}),
  };
  for (const RubricItem& item : items) {
    const Item result = run_check(item, kMaster, run_real_worker);
    EXPECT_EQ(result.status, Status::NotImplemented) << item.target << ": " << result.message;
    EXPECT_DOUBLE_EQ(result.points, 0) << item.target;
    EXPECT_NE(result.message.find("not implemented yet"), std::string::npos) << result.message;
  }
}

// The real worker says which method is unwritten and in which lab.
TEST(ChecksStudentBuild, AStubOfAnotherLabBlocksTheItem) {
  RubricItem item = sigmoid_item();
  item.lab = "labs/06-activations";
  EXPECT_EQ(run_check(item, kMaster, run_real_worker).status, Status::NotImplemented);
  item.lab = "labs/11-classifier";
  const Item waits = run_check(item, kMaster, run_real_worker);
  EXPECT_EQ(waits.status, Status::Blocked) << waits.message;
  EXPECT_EQ(waits.needs, "Sigmoid::backward (labs/06-activations)");
}

TEST(ChecksStudentBuild, TrainingWithStubsDoesNotCrash) {
  RubricItem item = make_item(CheckKind::Training, "circle", {}, {1});
  item.threshold = 0.95;
  const Item result = run_check(item, kMaster, run_real_worker);
  EXPECT_NE(result.status, Status::Crashed) << result.message;
  EXPECT_NE(result.status, Status::Error) << result.message;
  EXPECT_DOUBLE_EQ(result.points, 0);
}
#endif

}  // namespace
}  // namespace grader

namespace grader {
namespace {

// An item with a case written and wrong beside one still unwritten is not "not
// implemented yet": the student must see the failure on its one-line summary.
TEST(Finish, AWrongCaseBesideAnUnwrittenOneIsAFailureNotATodo) {
  checks::Exchange unwritten;
  unwritten.answer = checks::Answer::NotImplemented;
  unwritten.text = "ExponentialDecay::learning_rate is not implemented yet";
  checks::Tally only_unwritten;
  only_unwritten.unanswered("case 1", unwritten, 1);
  Item todo;
  todo.max_points = 3;
  checks::finish(todo, only_unwritten, "schedules");
  EXPECT_EQ(todo.status, Status::NotImplemented);

  checks::Tally mixed = only_unwritten;
  mixed.checked += 1;
  mixed.lines.push_back("StepDecay: rate 1 at t = 1, expected 0.5");
  Item item;
  item.max_points = 3;
  checks::finish(item, mixed, "schedules");
  EXPECT_EQ(item.status, Status::Failed);
  EXPECT_EQ(item.message.rfind("schedules\nStepDecay", 0), 0u) << item.message;
  EXPECT_NE(item.message.find("Other cases: ExponentialDecay"), std::string::npos) << item.message;
}

}  // namespace
}  // namespace grader
