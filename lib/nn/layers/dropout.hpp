// Inverted dropout (labs/10-regularisation): in training, each activation is set
// to zero with probability p and the survivors are scaled by 1 / (1 - p), so
// that nothing needs rescaling at test time. In eval mode Y = X.
// The mask is drawn from the layer's own seeded generator: a run is reproducible.
#pragma once

#include <cstdint>

#include "nn/core/rng.hpp"
#include "nn/layers/activation.hpp"

namespace nn {

class Dropout : public Activation {
 public:
  explicit Dropout(Real p = 0.5, std::uint64_t seed = 1);

  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  std::string name() const override;
  void freeze_random_state(bool frozen) override { frozen_ = frozen; }

 private:
  Real p_;
  Rng rng_;
  bool frozen_ = false;
  Mat mask_;  // N x D: 0 for a dropped unit, 1 / (1 - p) for a kept one (all 1 in eval)
};

}  // namespace nn
