// Lab 03's probe: builds the student's graph from an expression program
// (lab03_expression.hpp), runs their backward() and returns what it computed.
//
//   request:  program (string), backward_calls (integer, optional, default 1)
//   response: grad  (1 x K: d output / d node for every node, the output = the last)
//             first_grad (1 x K, when backward_calls > 1: the same after the first call)
//             order (1 x M: topological_order(graph, output), the node ids)
//             value (the output's forward value)
//
// lab03.local_derivatives (one operation on its inputs) calls the student's
// local_derivatives() directly, without their backward(), so that it counts as
// soon as that function is written; its answer has the same entries.
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

// The request's program, built in the student's Graph.
void build(const grader::Message& request, lab03::Graph& graph) {
  for (const grader::lab03::Record& r : grader::lab03::parse_program(request.string("program"))) {
    if (r.op == "input")
      graph.input(r.number);
    else
      graph.add_node(op_named(r.op), r.a, r.b, r.number);
  }
}

void run_graph(const grader::Message& request, grader::Message& response) {
  std::int64_t calls = request.has("backward_calls") ? request.integer("backward_calls") : 1;
  if (calls < 1 || calls > 3) throw std::invalid_argument("backward_calls out of range");

  lab03::Graph graph;
  build(request, graph);
  const lab03::Id output = graph.size() - 1;

  const std::vector<lab03::Id> order = lab03::topological_order(graph, output);
  nn::Mat order_row(1, order.size());
  for (std::size_t i = 0; i < order.size(); ++i) order_row(i) = static_cast<double>(order[i]);

  auto gradients = [&graph] {
    nn::Mat grad(1, graph.size());
    for (lab03::Id id = 0; id < graph.size(); ++id) grad(id) = graph.node(id).grad;
    return grad;
  };
  lab03::backward(graph, output);
  if (calls > 1) response.set_matrix("first_grad", gradients());
  for (std::int64_t call = 1; call < calls; ++call) lab03::backward(graph, output);
  const nn::Mat grad = gradients();

  response.set_matrix("grad", grad);
  response.set_matrix("order", order_row);
  response.set_real("value", graph.node(output).value);
}

// One operation, the last node, on input nodes: d output / d node is 1 for the
// output and the local derivative for each input; the nodes in creation order.
void run_local_derivatives(const grader::Message& request, grader::Message& response) {
  lab03::Graph graph;
  build(request, graph);
  const lab03::Id output = graph.size() - 1;
  const lab03::Node& node = graph.node(output);
  const int inputs = lab03::input_count(node.op);
  if (inputs == 0) throw std::invalid_argument("the program's last node is not an operation");
  const nn::Real b = inputs == 2 ? graph.node(node.b).value : 0;
  const lab03::LocalDerivatives local = lab03::local_derivatives(node, graph.node(node.a).value, b);
  nn::Mat grad(1, graph.size(), arma::fill::zeros), order(1, graph.size());
  for (lab03::Id id = 0; id < graph.size(); ++id) order(id) = static_cast<double>(id);
  grad(output) = 1;
  grad(node.a) += local.d_a;
  if (inputs == 2) grad(node.b) += local.d_b;
  response.set_matrix("grad", grad);
  response.set_matrix("order", order);
  response.set_real("value", node.value);
}

}  // namespace

// Every lab 03 item but local_derivatives runs the student's backward; they
// differ in their cases and judges only.
GRADER_PROBE("lab03.examples", run_graph);
GRADER_PROBE("lab03.local_derivatives", run_local_derivatives);
GRADER_PROBE("lab03.backprop", run_graph);
GRADER_PROBE("lab03.random", run_graph);
