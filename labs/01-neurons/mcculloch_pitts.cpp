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
  throw nn::NotImplemented("lab01::fires", "labs/01-neurons");
  // ---- END YOUR CODE ----
}

McCullochPitts and_unit() {
  // ---- YOUR CODE (labs/01-neurons): two inputs; choose threshold and inhibitory flags ----
  throw nn::NotImplemented("lab01::and_unit", "labs/01-neurons");
  // ---- END YOUR CODE ----
}

McCullochPitts or_unit() {
  // ---- YOUR CODE (labs/01-neurons): two inputs ----
  throw nn::NotImplemented("lab01::or_unit", "labs/01-neurons");
  // ---- END YOUR CODE ----
}

McCullochPitts nor_unit() {
  // ---- YOUR CODE (labs/01-neurons): two inputs; it fires only when both are 0 ----
  throw nn::NotImplemented("lab01::nor_unit", "labs/01-neurons");
  // ---- END YOUR CODE ----
}

McCullochPitts not_unit() {
  // ---- YOUR CODE (labs/01-neurons): one input ----
  throw nn::NotImplemented("lab01::not_unit", "labs/01-neurons");
  // ---- END YOUR CODE ----
}

}  // namespace lab01
