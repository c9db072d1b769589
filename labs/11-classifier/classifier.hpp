// lab 11: classifiers of your design for two data sets of 10 classes, the UCI
// handwritten digits (8 x 8 images) and Fashion-MNIST (28 x 28 images of
// clothing). You choose each network and how to train it; the programs
// lab11_train_digits and lab11_train_fashion run them, and the grader trains
// them on its own splits and checks their accuracy on held-out images.
#pragma once

#include <cstdint>
#include <memory>

#include "nn/core/sequential.hpp"
#include "nn/optim/optimizer.hpp"
#include "nn/train/fit.hpp"

namespace lab11 {

constexpr nn::Index kInputs = 64;          // digits: 8 x 8 pixels, scaled to [0, 1]
constexpr nn::Index kFashionInputs = 784;  // Fashion-MNIST: 28 x 28 pixels, scaled to [0, 1]
constexpr nn::Index kClasses = 10;         // both: classes 0-9

// How to train a network: the optimizer and the options of nn::fit (epochs,
// batch size, early stopping ...). The loss is nn::SoftmaxCrossEntropyLoss.
struct Plan {
  std::unique_ptr<nn::Optimizer> optimizer;
  nn::FitOptions options;
};

// The digits network: N x 64 inputs -> N x 10 logits (the loss applies the
// softmax). Every random thing in it must come from `seed`.
std::unique_ptr<nn::Sequential> make_model(std::uint64_t seed);
Plan make_plan();

// The Fashion-MNIST network: N x 784 inputs -> N x 10 logits, every random
// thing from `seed`; and how to train it.
std::unique_ptr<nn::Sequential> make_fashion_model(std::uint64_t seed);
Plan make_fashion_plan();

}  // namespace lab11
