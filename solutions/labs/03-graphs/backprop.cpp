// lab 03: backpropagation over a graph.
//
// topological_order lists the nodes the output depends on so that every node
// comes after its inputs; backward walks that list from the end (the output)
// to the start, passing each node's gradient on to its inputs with the chain
// rule. A node used by several others receives a contribution from each of
// them: the contributions add up.
#include <functional>
#include <vector>

#include "03-graphs/graph.hpp"
#include "nn/core/errors.hpp"

namespace lab03 {

std::vector<Id> topological_order([[maybe_unused]] const Graph& graph,
                                  [[maybe_unused]] Id output) {
  std::vector<Id> order;
  // ---- YOUR CODE (labs/03-graphs): fill order (inputs first, each node once) ----
  std::vector<bool> visited(graph.size(), false);
  std::function<void(Id)> visit = [&](Id id) {
    if (visited[id]) return;
    visited[id] = true;
    const Node& node = graph.node(id);
    if (input_count(node.op) >= 1) visit(node.a);
    if (input_count(node.op) == 2) visit(node.b);
    order.push_back(id);  // after everything it depends on
  };
  visit(output);
  return order;
  // ---- END YOUR CODE ----
}

void backward([[maybe_unused]] Graph& graph, [[maybe_unused]] Id output) {
  // ---- YOUR CODE (labs/03-graphs): grads 0, output 1, chain rule in reverse order ----
  for (Id id = 0; id < graph.size(); ++id) graph.node(id).grad = 0;
  graph.node(output).grad = 1;  // d output / d output
  const std::vector<Id> order = topological_order(graph, output);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Node& node = graph.node(*it);
    const int inputs = input_count(node.op);
    if (inputs == 0) continue;
    const Real b = inputs == 2 ? graph.node(node.b).value : 0;
    const LocalDerivatives local = local_derivatives(node, graph.node(node.a).value, b);
    graph.node(node.a).grad += local.d_a * node.grad;  // += : a node may feed several others
    if (inputs == 2) graph.node(node.b).grad += local.d_b * node.grad;
  }
  // ---- END YOUR CODE ----
}

}  // namespace lab03
