// lab 01: networks of threshold units, evaluated a whole batch at a time.
//
// A layer takes a batch X (N x in, one sample per row) to
//
//   Z = X W + B    (N x out; B is the row b repeated on every row)
//   H = h(Z)       (h applied to each element)
//
// and the next layer takes H as its input. The threshold functions h:
//
//   step(z) = 1 if z >= 0, else 0      (a perceptron's output)
//   sign(z) = 1 if z >= 0, else -1
#pragma once

#include <vector>

#include "nn/core/types.hpp"

namespace lab01 {

enum class Threshold { Step, Sign };

struct ThresholdLayer {
  nn::Mat W;  // in x out: W(i, j) is the weight from input i to unit j
  nn::Mat b;  // 1 x out: one bias per unit
};

// Every layer's output H for the batch X (N x in), first layer first: the
// result has one N x out matrix per layer, the last one being the network's
// output. Throws nn::ShapeError if a layer's W or b does not fit its input.
std::vector<nn::Mat> forward(const std::vector<ThresholdLayer>& layers, const nn::Mat& X,
                             Threshold h);

// Two layers of step units (2 inputs -> hidden units -> 1 output) that compute
// XOR: forward(xor_network(), X, Threshold::Step) gives 1 exactly for the rows
// (0, 1) and (1, 0).
std::vector<ThresholdLayer> xor_network();

// The 2 -> 3 -> 2 -> 1 network of sign units from the handout, whose weights
// are written as the column form h = sign(M x + c):
//
//        [3 4]         [5]
//   M1 = [1 2]    c1 = [8]    M2 = [3 4 1]   c2 = [9]    M3 = [5 3]   c3 = [6]
//        [9 7]         [6]         [5 2 7]        [1]
//
// returned in the batch form above (W = M transposed, b = c as a row).
std::vector<ThresholdLayer> sign_network();

}  // namespace lab01
