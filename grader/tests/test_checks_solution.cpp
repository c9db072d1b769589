// run_check against the real worker built from the reference code (solution
// build only): full marks everywhere, and a crash costs only its own case.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "checks.hpp"
#include "worker_runner.hpp"

namespace grader {
namespace {

using testing::make_item;
using testing::run_real_worker;

constexpr std::uint64_t kMaster = 20261121;

// The worker of this build runs the reference code: it is also the reference.
void expect_full_marks(const RubricItem& item) {
  const Item result = run_check(item, kMaster, run_real_worker, run_real_worker);
  EXPECT_EQ(result.status, Status::Passed) << item.target << ": " << result.message;
  EXPECT_DOUBLE_EQ(result.points, result.max_points) << item.target;
  EXPECT_TRUE(result.diagnoses.empty()) << item.target << ": " << result.message;
}

TEST(ChecksSolution, LayersPass) {
  expect_full_marks(make_item(CheckKind::LayerGradient, "Linear", {{1, 3}, {4, 5}, {40, 20}}));
  expect_full_marks(make_item(CheckKind::LayerGradient, "Sigmoid"));
  expect_full_marks(make_item(CheckKind::LayerGradient, "Softmax"));
  expect_full_marks(make_item(CheckKind::LayerGradient, "Dropout"));
}

TEST(ChecksSolution, LossesAndPenaltiesPass) {
  expect_full_marks(make_item(CheckKind::LossGradient, "MSELoss(mean)"));
  expect_full_marks(make_item(CheckKind::LossGradient, "SoftmaxCrossEntropyLoss"));
  expect_full_marks(make_item(CheckKind::PenaltyGradient, "L2Penalty"));
  expect_full_marks(make_item(CheckKind::PenaltyGradient, "L1Penalty"));
}

TEST(ChecksSolution, OptimizersPass) {
  for (const char* name : {"SGD", "Momentum", "AveragedMomentum", "Nesterov", "AdaGrad", "RMSProp",
                           "AdaDelta", "Adam"})
    expect_full_marks(make_item(CheckKind::OptimizerStep, name, {}, {1, 2}));
}

TEST(ChecksSolution, TrainingReachesTheThreshold) {
  RubricItem item = make_item(CheckKind::Training, "circle", {}, {1});
  item.threshold = 0.95;
  expect_full_marks(item);
}

TEST(ChecksSolution, SpiralTrainingReachesTheThreshold) {
  RubricItem item = make_item(CheckKind::Training, "spiral", {}, {1});
  item.threshold = 0.97;
  const Item result = run_check(item, kMaster, run_real_worker);
  std::printf("%s\n", result.message.c_str());
  EXPECT_EQ(result.status, Status::Passed) << result.message;
}

TEST(ChecksSolution, CrashCostsOnlyItsCase) {
  int calls = 0;
  const Item result =
      run_check(make_item(CheckKind::LayerGradient, "Linear", {{1, 3}, {4, 5}}, {1}), kMaster,
                [&](const Message& request) {
                  if (++calls == 2) {
                    WorkerReply reply;
                    reply.run.outcome = Outcome::Crashed;
                    reply.run.message = "your code crashed: segmentation fault (SIGSEGV)";
                    return reply;
                  }
                  return run_real_worker(request);
                });
  EXPECT_EQ(result.status, Status::Crashed);
  EXPECT_DOUBLE_EQ(result.points, 5);  // 3 of 6 tensors: dX, W, b of the first case
  EXPECT_NE(result.message.find("SIGSEGV"), std::string::npos) << result.message;
  ASSERT_EQ(result.gradients.size(), 2u);
  EXPECT_TRUE(result.gradients[0].passed());
  EXPECT_FALSE(result.gradients[1].error.empty());
}

// A worker whose optimizer update is mangled by `mangle` (step, delta) -> delta.
WorkerRunner mangled_optimizer(std::function<nn::Mat(std::int64_t, const nn::Mat&)> mangle) {
  return [mangle](const Message& request) {
    WorkerReply reply = run_real_worker(request);
    if (!reply.response) return reply;
    Message& response = *reply.response;
    for (std::int64_t k = 0; k < 2; ++k) {
      nn::Mat before = request.matrix("param." + std::to_string(k));
      nn::Mat shift(before.n_rows, before.n_cols, arma::fill::zeros);
      for (std::int64_t s = 0; s < request.integer("steps"); ++s) {
        const std::string name = "value." + std::to_string(s) + "." + std::to_string(k);
        const nn::Mat after = response.matrix(name);
        const nn::Mat delta = after - before;
        shift += mangle(s, delta) - delta;
        response.set_matrix(name, after + shift);
        before = after;
      }
    }
    return reply;
  };
}

TEST(ChecksSolution, OptimizerSignErrorIsDiagnosed) {
  const Item result =
      run_check(make_item(CheckKind::OptimizerStep, "Momentum", {}, {1}), kMaster,
                mangled_optimizer([](std::int64_t, const nn::Mat& d) { return nn::Mat(-d); }),
                run_real_worker);
  EXPECT_EQ(result.status, Status::Failed);
  ASSERT_FALSE(result.diagnoses.empty());
  EXPECT_EQ(result.diagnoses[0].diagnosis.code, code::kWrongSign);
  EXPECT_NE(result.message.find("wrong way"), std::string::npos) << result.message;
}

TEST(ChecksSolution, AdamWithoutBiasCorrectionIsDiagnosed) {
  const Item result = run_check(make_item(CheckKind::OptimizerStep, "Adam", {}, {1}), kMaster,
                                mangled_optimizer([](std::int64_t s, const nn::Mat& d) {
                                  return s == 0 ? nn::Mat(d * 3.16) : d;
                                }),
                                run_real_worker);
  EXPECT_EQ(result.status, Status::Partial);
  EXPECT_DOUBLE_EQ(result.points, 10.0 * 4 / 6);
  ASSERT_FALSE(result.diagnoses.empty());
  EXPECT_EQ(result.diagnoses[0].diagnosis.code, "adam_bias_correction");
}

}  // namespace
}  // namespace grader
