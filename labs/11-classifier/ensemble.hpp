// lab 11: an ensemble of networks. Several networks, trained apart (here from
// different seeds), each give every sample a probability per class; the ensemble
// predicts the class with the highest mean probability.
#pragma once

#include <vector>

#include "nn/core/types.hpp"

namespace lab11 {

// member_logits: K >= 1 matrices, each N x C, the logits of one member (what its
// last Linear layer outputs). Returns N x C: the softmax of each member's rows
// (each row of probabilities sums to 1), averaged over the K members.
// Must stay finite for any finite logits, however large.
nn::Mat average_probabilities(const std::vector<nn::Mat>& member_logits);

}  // namespace lab11
