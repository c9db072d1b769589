// lab 07: softmax written two ways, and log-sum-exp. Each works row by row on
// logits Z (N x K, one sample per row):
//
//   softmax(z)_k   = e^(z_k) / sum_j e^(z_j)
//   log_sum_exp(z) = log sum_j e^(z_j)
//
// e^z overflows a double for z > 709.78 (it becomes inf) and underflows to 0 for
// z < -745.13; README.md shows how to compute both without either.
#pragma once

#include "nn/core/types.hpp"

namespace lab07 {

// Softmax exactly as the formula reads: e^Z, divided by each row's sum. N x K.
nn::Mat naive_softmax(const nn::Mat& Z);

// log sum_k e^(Z_nk) for each row n, finite for any finite logits. N x 1.
nn::Mat log_sum_exp(const nn::Mat& Z);

// Softmax that neither overflows nor divides 0 by 0, for any finite logits. N x K.
nn::Mat stable_softmax(const nn::Mat& Z);

}  // namespace lab07
