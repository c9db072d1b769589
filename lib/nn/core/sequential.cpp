#include "nn/core/sequential.hpp"

#include <fmt/format.h>

namespace nn {

Mat Sequential::forward(const Mat& X) {
  Mat A = X;
  for (auto& layer : layers_) A = layer->forward(A);
  return A;
}

Mat Sequential::backward(const Mat& dY) {
  Mat dA = dY;
  for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) {
    const Index rows = dA.n_rows;
    dA = (*it)->backward(dA);
    // A wrong-shaped gradient would otherwise surface as a baffling error one layer down.
    require_shape(dA.n_rows == rows, (*it)->name() + ".backward", "the returned dX", dA,
                  fmt::format("{} rows, one per sample", rows));
  }
  return dA;
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

void Sequential::zero_grad() {
  for (Param& p : params()) p.grad.zeros();
}

}  // namespace nn
