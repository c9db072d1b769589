// The student build: every update rule and learning-rate schedule of
// labs/09-optimizers is a stub that says so, naming the method and the lab.
// (SGD is complete: see test_optimizer_base.cpp; reduce-on-plateau, test_schedules.cpp.)
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "nn/optim/adadelta.hpp"
#include "nn/optim/adagrad.hpp"
#include "nn/optim/adam.hpp"
#include "nn/optim/averaged_momentum.hpp"
#include "nn/optim/exponential_decay.hpp"
#include "nn/optim/inverse_time_decay.hpp"
#include "nn/optim/momentum.hpp"
#include "nn/optim/nesterov.hpp"
#include "nn/optim/rmsprop.hpp"
#include "nn/optim/step_decay.hpp"
#include "optim_fixture.hpp"

namespace nn {
namespace {

TEST(OptimizerStubs, EachUpdateRuleThrowsNotImplementedNamingItsLab) {
  std::vector<std::pair<std::string, std::unique_ptr<Optimizer>>> stubs;
  stubs.emplace_back("Momentum::step", std::make_unique<Momentum>());
  stubs.emplace_back("AveragedMomentum::step", std::make_unique<AveragedMomentum>());
  stubs.emplace_back("Nesterov::step", std::make_unique<Nesterov>());
  stubs.emplace_back("AdaGrad::step", std::make_unique<AdaGrad>());
  stubs.emplace_back("RMSProp::step", std::make_unique<RMSProp>());
  stubs.emplace_back("AdaDelta::step", std::make_unique<AdaDelta>());
  stubs.emplace_back("Adam::step", std::make_unique<Adam>());
  for (auto& [method, optimizer] : stubs) {
    testing::TinyProblem p;
    try {
      optimizer->step(p.params());
      ADD_FAILURE() << method << " did not throw NotImplemented";
    } catch (const NotImplemented& e) {
      EXPECT_EQ(e.method, method);
      EXPECT_EQ(e.lab, "labs/09-optimizers");
      const std::string message = e.what();
      EXPECT_NE(message.find(method), std::string::npos) << message;
      EXPECT_NE(message.find("labs/09-optimizers"), std::string::npos) << message;
    }
  }
}

TEST(OptimizerStubs, EachScheduleThrowsNotImplementedNamingItsLab) {
  std::vector<std::pair<std::string, std::unique_ptr<EpochSchedule>>> stubs;
  stubs.emplace_back("StepDecay::learning_rate", std::make_unique<StepDecay>(0.1, 0.5, 5));
  stubs.emplace_back("ExponentialDecay::learning_rate", std::make_unique<ExponentialDecay>(0.1, 0.5));
  stubs.emplace_back("InverseTimeDecay::learning_rate", std::make_unique<InverseTimeDecay>(0.1, 0.5));
  for (auto& [method, schedule] : stubs) {
    try {
      schedule->learning_rate(3);
      ADD_FAILURE() << method << " did not throw NotImplemented";
    } catch (const NotImplemented& e) {
      EXPECT_EQ(e.method, method);
      EXPECT_EQ(e.lab, "labs/09-optimizers");
    }
  }
}

}  // namespace
}  // namespace nn
