// lab 05: the two worked examples, reproduced with the library's own layers.
//
// Both are networks of two sigmoid layers trained on one sample with the half
// sum of squares E = 1/2 sum_k (o_k - t_k)^2 (nn::HalfSSELoss), in the
// library's layout Z = X W + B:
//
//   Z1 = X W1 + b1    H = sigmoid(Z1)    X: N x in, W1: in x hidden, b1: 1 x hidden
//   Z2 = H W2 + b2    O = sigmoid(Z2)    W2: hidden x out, b2: 1 x out
//
// W(i, j) is the weight from unit i of the layer below to unit j of the layer above.
// README.md gives each example's starting weights and the numbers to reproduce.
#pragma once

#include "nn/core/types.hpp"

namespace lab05 {

struct Weights {
  nn::Mat W1, b1;  // in x hidden, 1 x hidden
  nn::Mat W2, b2;  // hidden x out, 1 x out
};

// The starting weights of each example, written in the layout above.
Weights two_two_two_start();  // the 2-2-2 network (w1 ... w8, b1, b2)
Weights han_kamber_start();   // the 3-2-1 network (w14 ... w56, theta4 ... theta6)

// What one training step computed, before and after its update.
struct Step {
  nn::Mat hidden;        // H: N x hidden, the hidden units' outputs
  nn::Mat output;        // O: N x out, the network's outputs
  nn::Real loss = 0;     // E = HalfSSELoss(O, T), before the update
  nn::Mat delta_output;  // dE/dZ2: N x out
  nn::Mat delta_hidden;  // dE/dZ1: N x hidden
  Weights updated;       // every weight and bias after w <- w - learning_rate dE/dw
};

// One step of gradient descent from `start` on the batch X (N x in) with
// targets T (N x out): forward, loss, backward, update.
Step train_step(const Weights& start, const nn::Mat& X, const nn::Mat& T, nn::Real learning_rate);

}  // namespace lab05
