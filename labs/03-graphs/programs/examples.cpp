// lab 03: the worked examples of the handout, node by node. For each
// expression it builds the graph, runs your backward() and prints every node:
// its operation, inputs, forward value and gradient d f / d node.
//
//   ./build/student/labs/lab03_examples
#include <fmt/format.h>

#include <cstdio>
#include <exception>

#include "03-graphs/graph.hpp"
#include "nn/core/errors.hpp"

namespace {

using namespace lab03;

std::string name_of(const Graph& g, Id id) {
  const Node& n = g.node(id);
  return n.label.empty() ? fmt::format("n{}", id) : n.label;
}

std::string formula(const Graph& g, Id id) {
  const Node& n = g.node(id);
  switch (input_count(n.op)) {
    case 0: return "input";
    case 1:
      return n.op == Op::Pow ? fmt::format("pow({}, {})", name_of(g, n.a), n.exponent)
                             : fmt::format("{}({})", to_string(n.op), name_of(g, n.a));
    default: return fmt::format("{}({}, {})", to_string(n.op), name_of(g, n.a), name_of(g, n.b));
  }
}

void print(const std::string& title, Value f) {
  const Graph& g = *f.graph;
  backward(f);
  fmt::print("{}\n", title);
  fmt::print("  {:>4}  {:<6}  {:<16}  {:>12}  {:>12}\n", "node", "name", "operation", "value",
             "d f / d node");
  for (Id id = 0; id < g.size(); ++id)
    fmt::print("  {:>4}  {:<6}  {:<16}  {:>12.6f}  {:>12.6f}\n", id, name_of(g, id),
               formula(g, id), g.node(id).value, g.node(id).grad);
  fmt::print("\n");
}

// Names an intermediate node in the tables.
Value named(Value v, const char* name) {
  v.graph->node(v.id).label = name;
  return v;
}

void run() {
  {
    Graph g;
    Value x = g.input(-2, "x"), y = g.input(5, "y"), z = g.input(-4, "z");
    Value q = named(x + y, "q");
    print("f = (x + y) z at x = -2, y = 5, z = -4", named(q * z, "f"));
  }
  {
    Graph g;
    Value x = g.input(2, "x");
    Value r = named(1 / x, "r");  // a constant node 1, then the division
    print("f = exp(1/x) at x = 2, one node per step", named(exp(r), "f"));
  }
  {
    Graph g;
    Value x = g.input(2, "x");
    Value p = named(pow(x, 2), "p");
    Value h = named(0.5 * p, "h");
    print("f = sin(0.5 x^2) at x = 2", named(sin(h), "f"));
  }
  {
    Graph g;
    Value x = g.input(3, "x");
    Value m = named(x * x, "m");
    print("f = x x + x at x = 3: x is used three times, its gradients add", named(m + x, "f"));
  }
  {
    Graph g;
    Value w = g.input(1, "w"), x = g.input(2, "x"), v = g.input(3, "v"), y = g.input(4, "y");
    Value u = g.input(2, "u");
    Value wx = named(w * x, "wx");
    Value vy = named(v * y, "vy");
    Value h = named(wx + vy, "h");
    Value c = named(u * h, "c");
    print("L = 3 c with c = u h, h = w x + v y, at w = 1, x = 2, v = 3, y = 4, u = 2",
          named(3 * c, "L"));
  }
}

}  // namespace

int main() {
  try {
    run();
  } catch (const nn::NotImplemented& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
