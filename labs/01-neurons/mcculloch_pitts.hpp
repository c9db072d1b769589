// lab 01: the McCulloch-Pitts unit, the first model of a neuron.
//
// Its inputs are bits (0 or 1), each either excitatory or inhibitory, and it has
// one integer threshold theta. It fires (outputs 1) when no inhibitory input is
// on and the sum of its inputs reaches the threshold:
//
//   y = 1  if no inhibitory input is 1 and x_1 + ... + x_n >= theta
//   y = 0  otherwise
//
// There are no weights to learn: a unit is chosen by hand, by its threshold and
// by which inputs inhibit it.
#pragma once

#include <vector>

namespace lab01 {

struct McCullochPitts {
  int threshold = 0;             // theta
  std::vector<bool> inhibitory;  // one flag per input; its size is the number of inputs
};

// The unit's output (0 or 1) for the inputs x (each 0 or 1, one per input of the
// unit). Throws std::invalid_argument if x has not one value per input.
int fires(const McCullochPitts& unit, const std::vector<int>& x);

// Units that compute the Boolean functions of their inputs: and_unit, or_unit and
// nor_unit take two inputs, not_unit one.
McCullochPitts and_unit();
McCullochPitts or_unit();
McCullochPitts nor_unit();
McCullochPitts not_unit();

}  // namespace lab01
