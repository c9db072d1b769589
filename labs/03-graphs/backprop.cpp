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
  throw nn::NotImplemented("lab03::topological_order", "labs/03-graphs");
  // ---- END YOUR CODE ----
}

void backward([[maybe_unused]] Graph& graph, [[maybe_unused]] Id output) {
  // ---- YOUR CODE (labs/03-graphs): grads 0, output 1, chain rule in reverse order ----
  throw nn::NotImplemented("lab03::backward", "labs/03-graphs");
  // ---- END YOUR CODE ----
}

}  // namespace lab03
