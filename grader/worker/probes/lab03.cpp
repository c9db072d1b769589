// Lab 03's probe: builds the student's graph from an expression program
// (lab03_expression.hpp), runs their backward() and returns what it computed.
//
//   request:  program (string), backward_calls (integer, optional, default 1)
//   response: grad  (1 x K: d output / d node for every node, the output = the last)
//             order (1 x M: topological_order(graph, output), the node ids)
//             value (the output's forward value)
#include <cstdint>
#include <stdexcept>

#include "03-graphs/graph.hpp"
#include "lab03_expression.hpp"
#include "probe.hpp"

namespace {

lab03::Op op_named(const std::string& name) {
  for (lab03::Op op : {lab03::Op::Add, lab03::Op::Sub, lab03::Op::Mul, lab03::Op::Div,
                       lab03::Op::Exp, lab03::Op::Log, lab03::Op::Sin, lab03::Op::Pow,
                       lab03::Op::Sigmoid, lab03::Op::Tanh})
    if (lab03::to_string(op) == name) return op;
  throw std::invalid_argument("no operation named \"" + name + "\"");
}

void run_graph(const grader::Message& request, grader::Message& response) {
  const std::vector<grader::lab03::Record> program =
      grader::lab03::parse_program(request.string("program"));
  std::int64_t calls = request.has("backward_calls") ? request.integer("backward_calls") : 1;
  if (calls < 1 || calls > 3) throw std::invalid_argument("backward_calls out of range");

  lab03::Graph graph;
  for (const grader::lab03::Record& r : program) {
    if (r.op == "input")
      graph.input(r.number);
    else
      graph.add_node(op_named(r.op), r.a, r.b, r.number);
  }
  const lab03::Id output = graph.size() - 1;

  const std::vector<lab03::Id> order = lab03::topological_order(graph, output);
  nn::Mat order_row(1, order.size());
  for (std::size_t i = 0; i < order.size(); ++i) order_row(i) = static_cast<double>(order[i]);

  for (std::int64_t call = 0; call < calls; ++call) lab03::backward(graph, output);
  nn::Mat grad(1, graph.size());
  for (lab03::Id id = 0; id < graph.size(); ++id) grad(id) = graph.node(id).grad;

  response.set_matrix("grad", grad);
  response.set_matrix("order", order_row);
  response.set_real("value", graph.node(output).value);
}

}  // namespace

// One probe for every lab 03 item: they differ in their cases and judges only.
GRADER_PROBE("lab03.examples", run_graph);
GRADER_PROBE("lab03.local_derivatives", run_graph);
GRADER_PROBE("lab03.backprop", run_graph);
GRADER_PROBE("lab03.random", run_graph);
