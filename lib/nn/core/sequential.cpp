#include "nn/core/sequential.hpp"

#include <fmt/format.h>

namespace nn {

void Sequential::require_one_row_per_sample(const Layer& layer, const Mat& dX, Index rows) {
  if (dX.n_rows != rows)
    throw_shape_error(layer.name() + ".backward", "the returned dX", dX,
                      fmt::format("{} rows, one per sample", rows));
}

// X: N x D_in. Layer k receives what layer k-1 returned; the first receives X.
Mat Sequential::forward([[maybe_unused]] const Mat& X) {
  // ---- YOUR CODE (labs/08-training): each layer's forward in order; N x D_out ----
  throw NotImplemented("Sequential::forward", "labs/08-training");
  // ---- END YOUR CODE ----
}

// dY = dLoss/d(output): N x D_out. The last layer receives dY; each layer before it
// receives the dX the layer after it returned. Returns the first layer's dX,
// dLoss/dX: N x D_in. Check each returned dX with require_one_row_per_sample.
Mat Sequential::backward([[maybe_unused]] const Mat& dY) {
  // ---- YOUR CODE (labs/08-training): each layer's backward, last first; N x D_in ----
  throw NotImplemented("Sequential::backward", "labs/08-training");
  // ---- END YOUR CODE ----
}

Params Sequential::params() {
  Params all;
  for (std::size_t i = 0; i < layers_.size(); ++i)
    for (const Param& p : layers_[i]->params())
      all.push_back({fmt::format("{}.{}", i, p.name), p.value, p.grad});
  return all;
}

std::string Sequential::name() const {
  std::string s = "Sequential(";
  for (std::size_t i = 0; i < layers_.size(); ++i) s += (i ? ", " : "") + layers_[i]->name();
  return s + ")";
}

void Sequential::train(bool on) {
  Layer::train(on);
  for (auto& layer : layers_) layer->train(on);
}

void Sequential::freeze_random_state(bool frozen) {
  for (auto& layer : layers_) layer->freeze_random_state(frozen);
}

void Sequential::set_input_grad_needed(bool needed) {
  Layer::set_input_grad_needed(needed);
  if (!layers_.empty()) layers_.front()->set_input_grad_needed(needed);
}

void Sequential::zero_grad() {
  for (Param& p : params()) p.grad.zeros();
}

}  // namespace nn
