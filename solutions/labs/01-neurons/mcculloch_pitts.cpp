#include "01-neurons/mcculloch_pitts.hpp"

#include <stdexcept>
#include <string>

#include "nn/core/errors.hpp"

namespace lab01 {

int fires(const McCullochPitts& unit, const std::vector<int>& x) {
  if (x.size() != unit.inhibitory.size())
    throw std::invalid_argument("fires: " + std::to_string(x.size()) + " inputs for a unit of " +
                                std::to_string(unit.inhibitory.size()));
  // ---- YOUR CODE (labs/01-neurons): 0 if an inhibitory input is on, else sum(x) >= threshold ----
  int sum = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (unit.inhibitory[i] && x[i] == 1) return 0;
    sum += x[i];
  }
  return sum >= unit.threshold ? 1 : 0;
  // ---- END YOUR CODE ----
}

McCullochPitts and_unit() {
  // ---- YOUR CODE (labs/01-neurons): two inputs; choose threshold and inhibitory flags ----
  return {2, {false, false}};
  // ---- END YOUR CODE ----
}

McCullochPitts or_unit() {
  // ---- YOUR CODE (labs/01-neurons): two inputs ----
  return {1, {false, false}};
  // ---- END YOUR CODE ----
}

McCullochPitts nor_unit() {
  // ---- YOUR CODE (labs/01-neurons): two inputs; it fires only when both are 0 ----
  return {0, {true, true}};
  // ---- END YOUR CODE ----
}

McCullochPitts not_unit() {
  // ---- YOUR CODE (labs/01-neurons): one input ----
  return {0, {true}};
  // ---- END YOUR CODE ----
}

}  // namespace lab01
