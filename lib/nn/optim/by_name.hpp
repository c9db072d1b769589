// Every optimizer by its class name ("SGD", "Momentum", ..., "Adam"), with its
// default hyper-parameters and the given learning rate.
#pragma once

#include <memory>
#include <string>

#include "nn/optim/optimizer.hpp"

namespace nn {

// Throws std::out_of_range naming an unknown optimizer.
std::unique_ptr<Optimizer> make_optimizer(const std::string& name, Real learning_rate);

}  // namespace nn
