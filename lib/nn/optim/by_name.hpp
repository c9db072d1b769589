// Every optimizer by its class name ("SGD", "Momentum", ..., "Adam"), with the
// given learning rate and hyper-parameters.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "nn/optim/optimizer.hpp"

namespace nn {

// Hyper-parameters by role; one that is not set keeps the class's default.
struct OptimizerSettings {
  Real learning_rate = 0.01;
  Real weight_decay = 0;
  // The running average's factor: beta of Momentum, Nesterov and AveragedMomentum,
  // rho of RMSProp and AdaDelta, beta1 of Adam (SGD and AdaGrad have none).
  std::optional<Real> decay;
  std::optional<Real> beta2;  // Adam's second-moment factor
};

// Throws std::out_of_range naming an unknown optimizer.
std::unique_ptr<Optimizer> make_optimizer(const std::string& name, const OptimizerSettings& settings);
// The same with the default hyper-parameters.
std::unique_ptr<Optimizer> make_optimizer(const std::string& name, Real learning_rate);

}  // namespace nn
