#include "nn/optim/optimizer.hpp"

#include <fmt/format.h>

namespace nn {

namespace {

// Weights are the parameters named "W", or "<prefix>.W" in a Sequential.
bool is_weight(const std::string& name) { return !name.empty() && name.back() == 'W'; }

}  // namespace

void Optimizer::begin_step(const Params& params) {
  if (steps_taken_ == 0) {
    shapes_.clear();
    for (const Param& p : params) shapes_.emplace_back(p.value.n_rows, p.value.n_cols);
    init_state(params);
  }
  require_same_params(params);
  ++steps_taken_;
}

const Mat& Optimizer::gradient(const Param& p) {
  if (weight_decay == 0 || !is_weight(p.name)) return p.grad;
  decayed_gradient_ = p.grad + 2 * weight_decay * p.value;
  return decayed_gradient_;
}

void Optimizer::zero_grad(const Params& params) const {
  for (const Param& p : params) p.grad.zeros();
}

std::vector<Mat> Optimizer::zeros_like(const Params& params) {
  std::vector<Mat> zeros;
  for (const Param& p : params)
    zeros.emplace_back(p.value.n_rows, p.value.n_cols, arma::fill::zeros);
  return zeros;
}

// Runs at every step: the messages are put together only when a check fails.
void Optimizer::require_same_params(const Params& params) const {
  if (params.size() != shapes_.size())
    throw std::invalid_argument(fmt::format(
        "{}.step: given {} parameters, but {} at the first step. An optimizer keeps state per "
        "parameter position: give it the same parameters every step (a new model needs a new "
        "optimizer).",
        name(), params.size(), shapes_.size()));
  for (Index i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    const auto [rows, cols] = shapes_[i];
    if (p.value.n_rows != rows || p.value.n_cols != cols)
      throw_shape_error(
          name() + ".step", fmt::format("parameter {} (\"{}\")", i, p.name), p.value,
          fmt::format("{}x{} as at the first step (same parameters, same order)", rows, cols));
    if (p.grad.n_rows != rows || p.grad.n_cols != cols)
      throw_shape_error(name() + ".step",
                        fmt::format("the gradient of parameter {} (\"{}\")", i, p.name), p.grad,
                        fmt::format("{}x{}, the shape of its value", rows, cols));
  }
}

}  // namespace nn
