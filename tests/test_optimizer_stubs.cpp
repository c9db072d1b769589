// The student build: every update rule of labs/09-optimizers is a stub that says
// so, naming the method and the lab. (SGD is complete: see test_optimizer_base.cpp.)
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "nn/optim/adadelta.hpp"
#include "nn/optim/adagrad.hpp"
#include "nn/optim/adam.hpp"
#include "nn/optim/averaged_momentum.hpp"
#include "nn/optim/momentum.hpp"
#include "nn/optim/nesterov.hpp"
#include "nn/optim/rmsprop.hpp"
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

}  // namespace
}  // namespace nn
