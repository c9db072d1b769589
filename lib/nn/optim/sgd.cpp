#include "nn/optim/sgd.hpp"

#include <fmt/format.h>

namespace nn {

void SGD::step(const Params& params) {
  begin_step(params);
  for (const Param& p : params) p.value -= learning_rate * gradient(p);  // R x C
}

std::string SGD::name() const { return fmt::format("SGD(lr={})", learning_rate); }

}  // namespace nn
