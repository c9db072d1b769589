// Regression metrics over all entries of a prediction and its target, both
// N x K (one row per sample), averaged over all N*K entries:
//   MSE  = mean((pred - target)^2)
//   MAE  = mean(|pred - target|)
//   RMSE = sqrt(MSE)
// Each throws nn::ShapeError if the shapes differ, std::invalid_argument if empty.
#pragma once

#include "nn/core/types.hpp"

namespace nn::metrics {

Real mse(const Mat& pred, const Mat& target);
Real mae(const Mat& pred, const Mat& target);
Real rmse(const Mat& pred, const Mat& target);

}  // namespace nn::metrics
