#include "nn/optim/by_name.hpp"

#include <stdexcept>

#include "nn/optim/adadelta.hpp"
#include "nn/optim/adagrad.hpp"
#include "nn/optim/adam.hpp"
#include "nn/optim/averaged_momentum.hpp"
#include "nn/optim/momentum.hpp"
#include "nn/optim/nesterov.hpp"
#include "nn/optim/rmsprop.hpp"
#include "nn/optim/sgd.hpp"

namespace nn {

std::unique_ptr<Optimizer> make_optimizer(const std::string& name, const OptimizerSettings& s) {
  const Real lr = s.learning_rate, wd = s.weight_decay;
  if (name == "SGD") return std::make_unique<SGD>(lr, wd);
  if (name == "Momentum") return std::make_unique<Momentum>(lr, s.decay.value_or(0.9), wd);
  if (name == "AveragedMomentum")
    return std::make_unique<AveragedMomentum>(lr, s.decay.value_or(0.9), wd);
  if (name == "Nesterov") return std::make_unique<Nesterov>(lr, s.decay.value_or(0.9), wd);
  if (name == "AdaGrad") return std::make_unique<AdaGrad>(lr, 1e-8, wd);
  if (name == "RMSProp") return std::make_unique<RMSProp>(lr, s.decay.value_or(0.9), 1e-8, wd);
  if (name == "AdaDelta") return std::make_unique<AdaDelta>(lr, s.decay.value_or(0.95), 1e-6, wd);
  if (name == "Adam")
    return std::make_unique<Adam>(lr, s.decay.value_or(0.9), s.beta2.value_or(0.999), 1e-8, wd);
  throw std::out_of_range("no optimizer named '" + name + "'");
}

std::unique_ptr<Optimizer> make_optimizer(const std::string& name, Real learning_rate) {
  OptimizerSettings settings;
  settings.learning_rate = learning_rate;
  return make_optimizer(name, settings);
}

}  // namespace nn
