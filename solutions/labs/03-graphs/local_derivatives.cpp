// lab 03: the local derivative of each operation.
//
// A node computes out = op(a, b) from its inputs' values. Its local
// derivatives are d out / d a and d out / d b, evaluated at the current values;
// backward() multiplies them by the node's own gradient (the chain rule). Each
// case returns {d_a, d_b}; a unary op returns {d_a, 0}. Write each one with the
// values at hand: a, b, and out (the node's own value, already computed).
#include <cmath>
#include <stdexcept>

#include "03-graphs/graph.hpp"
#include "nn/core/errors.hpp"

namespace lab03 {

LocalDerivatives local_derivatives(const Node& node, [[maybe_unused]] Real a,
                                   [[maybe_unused]] Real b) {
  [[maybe_unused]] const Real out = node.value;
  switch (node.op) {
    case Op::Input:  // a variable or a constant: no inputs, nothing to pass on
      return {0, 0};
    case Op::Add:  // out = a + b
      // ---- YOUR CODE (labs/03-graphs): {d_a, d_b} ----
      return {1, 1};
      // ---- END YOUR CODE ----
    case Op::Sub:  // out = a - b
      // ---- YOUR CODE (labs/03-graphs): {d_a, d_b} ----
      return {1, -1};
      // ---- END YOUR CODE ----
    case Op::Mul:  // out = a * b
      // ---- YOUR CODE (labs/03-graphs): {d_a, d_b} ----
      return {b, a};
      // ---- END YOUR CODE ----
    case Op::Div:  // out = a / b
      // ---- YOUR CODE (labs/03-graphs): {d_a, d_b} ----
      return {1 / b, -a / (b * b)};
      // ---- END YOUR CODE ----
    case Op::Exp:  // out = exp(a)
      // ---- YOUR CODE (labs/03-graphs): {d_a, 0} ----
      return {out, 0};
      // ---- END YOUR CODE ----
    case Op::Log:  // out = log(a)
      // ---- YOUR CODE (labs/03-graphs): {d_a, 0} ----
      return {1 / a, 0};
      // ---- END YOUR CODE ----
    case Op::Sin:  // out = sin(a)
      // ---- YOUR CODE (labs/03-graphs): {d_a, 0} ----
      return {std::cos(a), 0};
      // ---- END YOUR CODE ----
    case Op::Pow:  // out = a^p, p = node.exponent (a fixed number)
      // ---- YOUR CODE (labs/03-graphs): {d_a, 0} ----
      return {node.exponent * std::pow(a, node.exponent - 1), 0};
      // ---- END YOUR CODE ----
    case Op::Sigmoid:  // out = 1 / (1 + exp(-a))
      // ---- YOUR CODE (labs/03-graphs): {d_a, 0} ----
      return {out * (1 - out), 0};
      // ---- END YOUR CODE ----
    case Op::Tanh:  // out = tanh(a)
      // ---- YOUR CODE (labs/03-graphs): {d_a, 0} ----
      return {1 - out * out, 0};
      // ---- END YOUR CODE ----
  }
  throw std::logic_error("local_derivatives: not an operation");
}

}  // namespace lab03
