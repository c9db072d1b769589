// lab 11: a classifier for the UCI handwritten digits (8x8 images, 10 classes).
// You choose the network and how to train it; apps/train_digits runs it, and the
// grader trains it on a held-out split and checks its test accuracy.
#pragma once

#include <cstdint>
#include <memory>

#include "nn/core/sequential.hpp"
#include "nn/optim/optimizer.hpp"
#include "nn/train/fit.hpp"

namespace lab11 {

constexpr nn::Index kInputs = 64;   // 8 x 8 pixels, scaled to [0, 1]
constexpr nn::Index kClasses = 10;  // the digits 0-9

// The network: N x 64 inputs -> N x 10 logits (the loss applies the softmax).
// Every random thing in it must come from `seed`.
std::unique_ptr<nn::Sequential> make_model(std::uint64_t seed);

// How to train it: the optimizer and the options of nn::fit (epochs, batch size,
// early stopping ...). The loss is nn::SoftmaxCrossEntropyLoss.
struct Plan {
  std::unique_ptr<nn::Optimizer> optimizer;
  nn::FitOptions options;
};
Plan make_plan();

}  // namespace lab11
