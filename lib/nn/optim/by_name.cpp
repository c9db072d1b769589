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

std::unique_ptr<Optimizer> make_optimizer(const std::string& name, Real lr) {
  if (name == "SGD") return std::make_unique<SGD>(lr);
  if (name == "Momentum") return std::make_unique<Momentum>(lr);
  if (name == "AveragedMomentum") return std::make_unique<AveragedMomentum>(lr);
  if (name == "Nesterov") return std::make_unique<Nesterov>(lr);
  if (name == "AdaGrad") return std::make_unique<AdaGrad>(lr);
  if (name == "RMSProp") return std::make_unique<RMSProp>(lr);
  if (name == "AdaDelta") return std::make_unique<AdaDelta>(lr);
  if (name == "Adam") return std::make_unique<Adam>(lr);
  throw std::out_of_range("no optimizer named '" + name + "'");
}

}  // namespace nn
