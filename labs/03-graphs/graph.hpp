// lab 03: a scalar computational graph with reverse-mode backpropagation.
//
// A Graph owns its nodes in a vector; a Value is a handle to one of them (the
// graph and the node's index), cheap to copy and never dangling while its graph
// lives. Building an expression records one node per operation and computes its
// value at once (the forward pass):
//
//   lab03::Graph g;
//   lab03::Value x = g.input(-2, "x"), y = g.input(5, "y"), z = g.input(-4, "z");
//   lab03::Value q = x + y;   // node 3: Add of nodes 0 and 1, value 3
//   lab03::Value f = q * z;   // node 4: Mul of nodes 3 and 2, value -12
//   lab03::backward(f);       // every node's grad = d f / d node
//   x.grad();                 // -4
//
// You write the local derivative of each operation (local_derivatives.cpp) and
// the backward pass over the graph (backprop.cpp).
#pragma once

#include <string>
#include <vector>

#include "nn/core/types.hpp"

namespace lab03 {

using nn::Real;
using Id = std::size_t;  // a node's index in its graph

enum class Op { Input, Add, Sub, Mul, Div, Exp, Log, Sin, Pow, Sigmoid, Tanh };
std::string to_string(Op op);  // "add", "exp", ...

// One operation. Binary operations read inputs a and b, unary ones only a;
// Input nodes (the variables and the constants) have no inputs.
struct Node {
  Op op = Op::Input;
  Real value = 0;     // the forward value, computed when the node is made
  Real grad = 0;      // d output / d this node, filled by backward()
  Id a = 0, b = 0;    // the inputs' ids (meaningful only for the ops that have them)
  Real exponent = 0;  // Pow only: value = a^exponent
  std::string label;  // e.g. "x", or "" for an intermediate node
};

// How many inputs a node of this op reads: 0, 1 or 2.
int input_count(Op op);

class Graph;

// A handle to one node of a graph.
struct Value {
  Graph* graph = nullptr;
  Id id = 0;

  Real value() const;
  Real grad() const;
  const Node& node() const;
};

class Graph {
 public:
  Graph() = default;
  Graph(const Graph&) = delete;  // Values point at their graph: it must not move
  Graph& operator=(const Graph&) = delete;

  // A variable (or a constant) with this value.
  Value input(Real value, const std::string& label = "");
  // A new node computing `op` of the inputs a (and b); returns its handle.
  Value add_node(Op op, Id a, Id b = 0, Real exponent = 0);

  Node& node(Id id);
  const Node& node(Id id) const;
  std::size_t size() const { return nodes_.size(); }

 private:
  std::vector<Node> nodes_;
};

// The operations. A plain number on one side becomes an Input node (a constant).
Value operator+(Value a, Value b);
Value operator-(Value a, Value b);
Value operator*(Value a, Value b);
Value operator/(Value a, Value b);
Value operator+(Value a, Real b);
Value operator+(Real a, Value b);
Value operator-(Value a, Real b);
Value operator-(Real a, Value b);
Value operator*(Value a, Real b);
Value operator*(Real a, Value b);
Value operator/(Value a, Real b);
Value operator/(Real a, Value b);
Value exp(Value a);
Value log(Value a);
Value sin(Value a);
Value pow(Value a, Real exponent);  // a^exponent, the exponent a fixed number
Value sigmoid(Value a);
Value tanh(Value a);

// ---- what you write ----

// The partial derivatives of one node's value with respect to its inputs, at
// the current values: d_a = d node / d a and d_b = d node / d b (0 for an input
// the op does not have).
struct LocalDerivatives {
  Real d_a = 0;
  Real d_b = 0;
};

// local_derivatives.cpp: `node` is the operation, `a` and `b` its inputs'
// values (b unused by unary ops); node.value is its own (output) value.
LocalDerivatives local_derivatives(const Node& node, Real a, Real b);

// backprop.cpp: the ids of the nodes `output` depends on (itself included),
// each once, every node after all of its inputs.
std::vector<Id> topological_order(const Graph& graph, Id output);

// backprop.cpp: sets every node's grad to d output / d node: 0 everywhere,
// then 1 at the output, then the chain rule from the output back to the inputs.
void backward(Graph& graph, Id output);
void backward(Value output);  // the same, for output's graph

}  // namespace lab03
