// Weight penalties added to a loss to regularise (labs/10-regularisation):
//   L2: J = Loss + lambda sum_w w^2      dJ/dw = dLoss/dw + 2 lambda w
//   L1: J = Loss + lambda sum_w |w|      dJ/dw = dLoss/dw + lambda sign(w)
// They apply to weights only, the parameters named "W" (or "<layer>.W" in a
// Sequential), never to biases.
#pragma once

#include "nn/core/types.hpp"

namespace nn {

// True for a weight matrix: the parameter "W", or "<prefix>.W".
bool is_weight(const Param& p);

class Penalty {
 public:
  explicit Penalty(Real lambda) : lambda(lambda) {}
  virtual ~Penalty() = default;
  virtual Real value(const Params& params) const = 0;  // the term added to the loss
  virtual void backward(Params& params) const = 0;     // adds its gradient into each weight's grad
  virtual std::string name() const = 0;

  Real lambda;
};

class L2Penalty : public Penalty {
 public:
  using Penalty::Penalty;
  Real value(const Params& params) const override;
  void backward(Params& params) const override;
  std::string name() const override;
};

class L1Penalty : public Penalty {
 public:
  using Penalty::Penalty;
  Real value(const Params& params) const override;
  void backward(Params& params) const override;
  std::string name() const override;
};

}  // namespace nn
