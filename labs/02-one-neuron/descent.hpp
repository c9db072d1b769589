// lab 02: gradient descent on the single neuron's loss L(w, b) (neuron.hpp).
//
//   w <- w - eta dL/dw,   b <- b - eta dL/db     (both from the same (w, b))
#pragma once

#include <vector>

#include "02-one-neuron/neuron.hpp"

namespace lab02 {

struct State {
  nn::Real w, b;
  nn::Real loss;  // L(w, b)
};

// Runs `epochs` steps of gradient descent from (w, b) with learning rate eta.
// Returns epochs + 1 states: element 0 is the start, element k the state after k steps.
std::vector<State> descend(nn::Real w, nn::Real b, nn::Real eta, int epochs, const Points& data);

}  // namespace lab02
