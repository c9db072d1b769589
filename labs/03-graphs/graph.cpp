// Building a graph and its forward values (given: nothing to write here).
#include "03-graphs/graph.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace lab03 {

namespace {

// The forward value of one operation.
Real forward(Op op, Real a, Real b, Real exponent) {
  switch (op) {
    case Op::Input: break;
    case Op::Add: return a + b;
    case Op::Sub: return a - b;
    case Op::Mul: return a * b;
    case Op::Div: return a / b;
    case Op::Exp: return std::exp(a);
    case Op::Log: return std::log(a);
    case Op::Sin: return std::sin(a);
    case Op::Pow: return std::pow(a, exponent);
    case Op::Sigmoid: return 1 / (1 + std::exp(-a));
    case Op::Tanh: return std::tanh(a);
  }
  throw std::logic_error("forward: not an operation");
}

Graph& graph_of(Value a) {
  if (a.graph == nullptr) throw std::invalid_argument("a Value that belongs to no Graph");
  return *a.graph;
}

Graph& graph_of(Value a, Value b) {
  Graph& g = graph_of(a);
  if (&graph_of(b) != &g) throw std::invalid_argument("two Values from different Graphs");
  return g;
}

Value binary(Op op, Value a, Value b) { return graph_of(a, b).add_node(op, a.id, b.id); }
Value unary(Op op, Value a, Real exponent = 0) {
  return graph_of(a).add_node(op, a.id, 0, exponent);
}
Value constant(Value like, Real c) { return graph_of(like).input(c, fmt::format("{}", c)); }

}  // namespace

std::string to_string(Op op) {
  switch (op) {
    case Op::Input: return "input";
    case Op::Add: return "add";
    case Op::Sub: return "sub";
    case Op::Mul: return "mul";
    case Op::Div: return "div";
    case Op::Exp: return "exp";
    case Op::Log: return "log";
    case Op::Sin: return "sin";
    case Op::Pow: return "pow";
    case Op::Sigmoid: return "sigmoid";
    case Op::Tanh: return "tanh";
  }
  return "?";
}

int input_count(Op op) {
  switch (op) {
    case Op::Input: return 0;
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div: return 2;
    default: return 1;
  }
}

Real Value::value() const { return node().value; }
Real Value::grad() const { return node().grad; }
const Node& Value::node() const { return graph_of(*this).node(id); }

Value Graph::input(Real value, const std::string& label) {
  Node n;
  n.value = value;
  n.label = label;
  nodes_.push_back(n);
  return {this, nodes_.size() - 1};
}

Value Graph::add_node(Op op, Id a, Id b, Real exponent) {
  if (op == Op::Input) throw std::invalid_argument("add_node: use input() for an Input node");
  const int inputs = input_count(op);
  if (a >= size() || (inputs == 2 && b >= size()))
    throw std::out_of_range("add_node: an input id is not a node of this graph");
  Node n;
  n.op = op;
  n.a = a;
  n.b = inputs == 2 ? b : 0;
  n.exponent = exponent;
  n.value = forward(op, nodes_[a].value, inputs == 2 ? nodes_[b].value : 0, exponent);
  nodes_.push_back(n);
  return {this, nodes_.size() - 1};
}

Node& Graph::node(Id id) { return nodes_.at(id); }
const Node& Graph::node(Id id) const { return nodes_.at(id); }

Value operator+(Value a, Value b) { return binary(Op::Add, a, b); }
Value operator-(Value a, Value b) { return binary(Op::Sub, a, b); }
Value operator*(Value a, Value b) { return binary(Op::Mul, a, b); }
Value operator/(Value a, Value b) { return binary(Op::Div, a, b); }
Value operator+(Value a, Real b) { return a + constant(a, b); }
Value operator+(Real a, Value b) { return constant(b, a) + b; }
Value operator-(Value a, Real b) { return a - constant(a, b); }
Value operator-(Real a, Value b) { return constant(b, a) - b; }
Value operator*(Value a, Real b) { return a * constant(a, b); }
Value operator*(Real a, Value b) { return constant(b, a) * b; }
Value operator/(Value a, Real b) { return a / constant(a, b); }
Value operator/(Real a, Value b) { return constant(b, a) / b; }
Value exp(Value a) { return unary(Op::Exp, a); }
Value log(Value a) { return unary(Op::Log, a); }
Value sin(Value a) { return unary(Op::Sin, a); }
Value pow(Value a, Real exponent) { return unary(Op::Pow, a, exponent); }
Value sigmoid(Value a) { return unary(Op::Sigmoid, a); }
Value tanh(Value a) { return unary(Op::Tanh, a); }

void backward(Value output) { backward(graph_of(output), output.id); }

}  // namespace lab03
