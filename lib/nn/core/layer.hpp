// The interface every layer implements.
//
//   forward(X)   X: N x D_in  -> Y: N x D_out   (caches what backward needs)
//   backward(dY) dY: N x D_out -> dX: N x D_in   (dY = dLoss/dY; adds parameter
//                gradients into each Param's grad with +=, never =)
//
// One row per sample, whole-batch matrix operations, no per-sample loops.
#pragma once

#include <string>

#include "nn/core/errors.hpp"
#include "nn/core/types.hpp"

namespace nn {

class Layer {
 public:
  virtual ~Layer() = default;

  virtual Mat forward(const Mat& X) = 0;
  virtual Mat backward(const Mat& dY) = 0;
  virtual Params params() { return {}; }  // learnable tensors, none by default
  virtual std::string name() const = 0;   // e.g. "Linear(784->128)"

  // Training mode changes what some layers do (Dropout drops only in training).
  virtual void train(bool on = true) { training_ = on; }
  void eval() { train(false); }
  bool training() const { return training_; }

  // While frozen, a layer that draws random numbers (Dropout) reuses its last
  // draw, so that repeated forward passes compute the same function. Gradient
  // checks need this.
  virtual void freeze_random_state(bool /*frozen*/) {}

  // Whether backward must compute dX. nn::fit turns it off for a network's first
  // layer while it trains: nothing uses the gradient with respect to the data. A
  // layer may then skip that work and return zeros of dX's shape (Linear skips
  // its largest product). On unless turned off.
  virtual void set_input_grad_needed(bool needed) { input_grad_needed_ = needed; }
  bool input_grad_needed() const { return input_grad_needed_; }

 protected:
  // Throws ShapeError "<name()>.forward: input is RxC, expected N x <cols>".
  void require_input_cols(const Mat& X, Index cols) const;
  // Throws unless forward() has run (cache not empty) and dY has the shape of
  // forward's output, rows x cols.
  void require_grad_shape(const Mat& dY, const Mat& cache, Index rows, Index cols) const;

  bool training_ = true;
  bool input_grad_needed_ = true;
};

}  // namespace nn
