// Lab 03 (labs/03-graphs): a scalar computational graph and its backward pass.
//
// Every case is an expression program (grader/worker/probes/lab03_expression.hpp);
// the probe returns the student's gradient of the output with respect to every
// node, and the topological order. The judge compares each node's gradient with
// the reference's and, to say where a mistake is, evaluates the expression
// itself: the local derivative of each step by central differences of the
// grader's own forward pass (no formula from the lab), and the first step whose
// result is wrong while everything after it is right.
//
//   lab03.examples          the handout's worked examples (both student files)
//   lab03.local_derivatives one operation per case, two points per operation
//   lab03.backprop          chains, a node used twice, nodes the output does not
//                           use, backward run twice; and the topological order
//   lab03.random            random expressions over every operation (hidden)
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "../../worker/probes/lab03_expression.hpp"
#include "exercise.hpp"
#include "exercises/generator.hpp"

namespace grader {

namespace {

using lab03::Record;

// ---- the cases -------------------------------------------------------------

Record input(double value) { return {"input", 0, 0, value}; }
Record op(const std::string& name, std::size_t a, std::size_t b = 0) { return {name, a, b, 0}; }
Record power(std::size_t a, double exponent) { return {"pow", a, 0, exponent}; }

ExerciseCase make_case(const std::string& name, const std::vector<Record>& program,
                       std::int64_t backward_calls = 1) {
  ExerciseCase c;
  c.name = name;
  c.request.set_string("program", lab03::write_program(program));
  if (backward_calls != 1) c.request.set_integer("backward_calls", backward_calls);
  return c;
}

std::vector<ExerciseCase> example_cases(std::uint64_t) {
  return {
      make_case("f = (x + y) z at x = -2, y = 5, z = -4",
                {input(-2), input(5), input(-4), op("add", 0, 1), op("mul", 3, 2)}),
      make_case("f = exp(1/x) at x = 2", {input(2), input(1), op("div", 1, 0), op("exp", 2)}),
      make_case("f = sin(0.5 x^2) at x = 2",
                {input(2), power(0, 2), input(0.5), op("mul", 2, 1), op("sin", 3)}),
      make_case("f = x x + x at x = 3 (x used three times)",
                {input(3), op("mul", 0, 0), op("add", 1, 0)}),
      make_case("L = 3 u (w x + v y) at w = 1, x = 2, v = 3, y = 4, u = 2",
                {input(1), input(2), input(3), input(4), input(2), op("mul", 0, 1),
                 op("mul", 2, 3), op("add", 5, 6), op("mul", 4, 7), input(3), op("mul", 9, 8)}),
  };
}

std::vector<ExerciseCase> local_derivative_cases(std::uint64_t) {
  std::vector<ExerciseCase> cases;
  auto binary = [&](const std::string& name, double a, double b) {
    cases.push_back(make_case(fmt::format("{} at a = {}, b = {}", name, a, b),
                              {input(a), input(b), op(name, 0, 1)}));
  };
  auto unary = [&](const std::string& name, double a) {
    cases.push_back(make_case(fmt::format("{} at a = {}", name, a), {input(a), op(name, 0)}));
  };
  auto pow_case = [&](double a, double p) {
    cases.push_back(make_case(fmt::format("pow at a = {}, exponent {}", a, p),
                              {input(a), power(0, p)}));
  };
  binary("add", 1.5, -0.5), binary("add", -2, 3);
  binary("sub", 1.5, -0.5), binary("sub", 0.25, 2);
  binary("mul", 1.5, -0.5), binary("mul", -2, 3);
  binary("div", 1.5, -0.5), binary("div", -2, 4);
  unary("exp", 0.5), unary("exp", -1.2);
  unary("log", 0.7), unary("log", 2.5);
  unary("sin", 0.4), unary("sin", 2.2);
  pow_case(1.7, 3), pow_case(2.5, -0.5);
  unary("sigmoid", 0.3), unary("sigmoid", -1.4);
  unary("tanh", 0.6), unary("tanh", -1.1);
  return cases;
}

std::vector<ExerciseCase> backprop_cases(std::uint64_t) {
  return {
      make_case("a chain: tanh(exp(sin(x))) at x = 0.5",
                {input(0.5), op("sin", 0), op("exp", 1), op("tanh", 2)}),
      make_case("x used by two nodes: sin(x) exp(x) at x = 0.8",
                {input(0.8), op("sin", 0), op("exp", 0), op("mul", 1, 2)}),
      make_case("nodes the output does not use: f = x x + x, beside y and exp(y)",
                {input(1.5), input(-0.7), op("exp", 1), op("mul", 0, 0), op("add", 3, 0)}),
      make_case("backward run twice on f = (x + y) z: the same gradients",
                {input(-2), input(5), input(-4), op("add", 0, 1), op("mul", 3, 2)}, 2),
      make_case("L = 3 u (w x + v y) at w = 1, x = 2, v = 3, y = 4, u = 2",
                {input(1), input(2), input(3), input(4), input(2), op("mul", 0, 1),
                 op("mul", 2, 3), op("add", 5, 6), op("mul", 4, 7), input(3), op("mul", 9, 8)}),
  };
}

// An earlier node of `count`, recent ones more often (deeper expressions).
std::size_t operand(Generator& g, std::size_t count) {
  return count - 1 - std::min(g.below(count), g.below(count));
}

// Whether the new node r keeps the expression well away from domain edges,
// saturation and overflow (so that every derivative is well conditioned).
bool well_behaved(const Record& r, const std::vector<double>& v) {
  const double a = v[r.a], b = v[r.b];
  if (r.op == "div" && std::abs(b) < 0.3) return false;
  if (r.op == "log" && a < 0.2) return false;
  if (r.op == "exp" && a > 3) return false;
  if ((r.op == "sigmoid" || r.op == "tanh") && std::abs(a) > 4) return false;
  if (r.op == "pow" && r.number != std::round(r.number) && a < 0.2) return false;
  if (r.op == "pow" && r.number < 0 && std::abs(a) < 0.3) return false;
  const double out = lab03::apply(r, a, b);
  return std::isfinite(out) && std::abs(out) <= 20;
}

std::vector<Record> random_program(Generator& g) {
  static const char* kOps[] = {"add", "sub", "mul", "div", "exp",
                               "log", "sin", "pow", "sigmoid", "tanh"};
  static const double kExponents[] = {2, 3, -1, 0.5, 1.5};
  std::vector<Record> p;
  const std::size_t inputs = 2 + g.below(3);
  for (std::size_t i = 0; i < inputs; ++i) {
    double x = std::round(g.uniform(-2, 2) * 100) / 100;
    if (std::abs(x) < 0.2) x += x < 0 ? -0.5 : 0.5;
    p.push_back(input(x));
  }
  const std::size_t ops = 6 + g.below(6);
  for (std::size_t k = 0; k < ops; ++k) {
    for (int attempt = 0; attempt < 200; ++attempt) {
      Record r = op(kOps[g.below(10)], operand(g, p.size()), operand(g, p.size()));
      if (lab03::operand_count(r.op) == 1) r.b = 0;
      if (r.op == "pow") r.number = kExponents[g.below(5)];
      if (well_behaved(r, lab03::evaluate(p))) {
        p.push_back(r);
        break;
      }
    }
  }
  // One output: the sum of every operation that nothing else uses.
  std::vector<bool> used(p.size(), false);
  for (const Record& r : p) {
    const int n = lab03::operand_count(r.op);
    if (n >= 1) used[r.a] = true;
    if (n == 2) used[r.b] = true;
  }
  std::vector<std::size_t> sinks;
  for (std::size_t i = inputs; i < p.size(); ++i)
    if (!used[i]) sinks.push_back(i);
  for (std::size_t i = 1; i < sinks.size(); ++i) {
    p.push_back(op("add", i == 1 ? sinks[0] : p.size() - 1, sinks[i]));
  }
  return p;
}

std::vector<ExerciseCase> random_cases(std::uint64_t seed) {
  Generator g(seed);
  std::vector<ExerciseCase> cases;
  for (int i = 1; i <= 6; ++i) {
    const std::vector<Record> p = random_program(g);
    cases.push_back(make_case(fmt::format("random expression {} ({} nodes)", i, p.size()), p));
  }
  return cases;
}

// ---- the judge ---------------------------------------------------------------

std::string describe(const std::vector<Record>& p, std::size_t k) {
  const Record& r = p[k];
  switch (lab03::operand_count(r.op)) {
    case 0: return fmt::format("node {} (input {:.6g})", k, r.number);
    case 1:
      return r.op == "pow" ? fmt::format("node {} = pow(node {}, {})", k, r.a, r.number)
                           : fmt::format("node {} = {}(node {})", k, r.op, r.a);
    default: return fmt::format("node {} = {}(node {}, node {})", k, r.op, r.a, r.b);
  }
}

// The nodes the output (the last node) depends on.
std::vector<bool> needed_by_output(const std::vector<Record>& p) {
  std::vector<bool> needed(p.size(), false);
  needed.back() = true;
  for (std::size_t k = p.size(); k-- > 0;) {
    if (!needed[k]) continue;
    const int n = lab03::operand_count(p[k].op);
    if (n >= 1) needed[p[k].a] = true;
    if (n == 2) needed[p[k].b] = true;
  }
  return needed;
}

// A row of `count` numbers named `name` in `m`, or "" with `problem` set.
const nn::Mat* row_entry(const Message& m, const std::string& name, std::size_t count,
                         std::string& problem) {
  const auto it = m.entries().find(name);
  if (it == m.entries().end()) {
    problem = name + ": missing from your code's answer";
    return nullptr;
  }
  const nn::Mat* row = std::get_if<nn::Mat>(&it->second);
  if (row == nullptr || row->n_rows != 1 || (count > 0 && row->n_cols != count)) {
    problem = fmt::format("{}: expected a row of {} numbers", name, count);
    return nullptr;
  }
  return row;
}

// "" when `order` is a topological order of the nodes the output depends on.
std::string order_problem(const std::vector<Record>& p, const std::vector<bool>& needed,
                          const Message& student) {
  std::string problem;
  const nn::Mat* order = row_entry(student, "order", 0, problem);
  if (order == nullptr) return problem;
  std::vector<long> position(p.size(), -1);
  for (nn::Index i = 0; i < order->n_elem; ++i) {
    const double v = (*order)(i);
    if (!(v >= 0 && v < static_cast<double>(p.size())) || v != std::floor(v))
      return fmt::format("the order's entry {} is {}, not a node id", i, v);
    const auto k = static_cast<std::size_t>(v);
    if (position[k] >= 0) return fmt::format("node {} appears twice in the order", k);
    position[k] = static_cast<long>(i);
  }
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (needed[k] && position[k] < 0)
      return fmt::format("node {} is missing from the order, yet the output depends on it", k);
    if (!needed[k] && position[k] >= 0)
      return fmt::format("node {} is in the order, but the output does not depend on it", k);
  }
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (position[k] < 0) continue;
    const int n = lab03::operand_count(p[k].op);
    for (int slot = 0; slot < n; ++slot) {
      const std::size_t in = slot == 0 ? p[k].a : p[k].b;
      if (position[in] > position[k])
        return fmt::format("node {} comes before its input, node {}, in the order", k, in);
    }
  }
  return "";
}

// d node m / d its operand `slot` (0: a, 1: b), by central differences of the
// grader's own forward pass at the expression's values.
double local_derivative(const Record& r, const std::vector<double>& v, int slot) {
  const double a = v[r.a], b = lab03::operand_count(r.op) == 2 ? v[r.b] : 0;
  const double x = slot == 0 ? a : b, h = 1e-6 * std::max(1.0, std::abs(x));
  auto at = [&](double t) { return slot == 0 ? lab03::apply(r, t, b) : lab03::apply(r, a, t); };
  return (at(x + h) - at(x - h)) / (2 * h);
}

// d output / d input node k, by central differences (for the messages).
double numeric_gradient(const std::vector<Record>& p, std::size_t k) {
  const double x = p[k].number, h = 1e-6 * std::max(1.0, std::abs(x));
  return (lab03::evaluate(p, k, x + h).back() - lab03::evaluate(p, k, x - h).back()) / (2 * h);
}

struct Edge {
  std::size_t consumer;
  int slot;            // 0: the consumer's a, 1: its b
  double contribution;  // what reaches the node through this edge (reference)
};

// The likely mistake behind the wrong gradients, or "" when the evidence names none.
std::string diagnose(const std::vector<Record>& p, const std::vector<bool>& needed,
                     const nn::Mat& got, const nn::Mat& want, const std::vector<bool>& wrong,
                     std::int64_t calls, const nn::Mat* first, double tolerance, bool order_ok) {
  std::size_t operations = 0;
  for (const Record& r : p) operations += r.op != "input";
  const bool single_operation = operations == 1;
  const std::size_t out = p.size() - 1;
  if (arma::all(arma::vectorise(got) == 0))
    return "every gradient is 0: set the output's gradient to 1 (d f / d f) before the chain rule";
  if (calls > 1 && first != nullptr) {
    bool first_right = true;
    for (std::size_t k = 0; k < p.size(); ++k)
      first_right = first_right && relative_difference((*first)(k), want(k)) <= tolerance;
    if (first_right)
      return fmt::format("the first backward gave the right gradients and the next {} changed "
                         "them: set every grad to 0 before the chain rule",
                         calls - 1 == 1 ? std::string("one") : std::to_string(calls - 1));
  }
  if (calls > 1) {
    bool scaled = true;
    for (std::size_t k = 0; k < p.size(); ++k)
      if (needed[k] && relative_difference(got(k), calls * want(k)) > tolerance) scaled = false;
    if (scaled)
      return fmt::format("backward ran {} times and the gradients came out {} times too large: "
                         "set every grad to 0 before the chain rule",
                         calls, calls);
  }
  if (wrong[out])
    return fmt::format("the output's gradient is {:.6g}; it must be 1 (d f / d f)", got(out));
  for (std::size_t k = 0; k < p.size(); ++k)
    if (!needed[k] && wrong[k])
      return fmt::format("the output does not depend on node {}, so its gradient must be 0, "
                         "not {:.6g}",
                         k, got(k));
  if (!order_ok) return "";
  // The last wrong node (closest to the output) whose consumers are all right:
  // the step from those consumers to it is where the mistake is.
  const std::vector<double> v = lab03::evaluate(p);
  for (std::size_t k = out; k-- > 0;) {
    if (!wrong[k]) continue;
    std::vector<Edge> edges;
    bool consumers_right = true;
    for (std::size_t m = k + 1; m < p.size(); ++m) {
      if (!needed[m]) continue;
      const int n = lab03::operand_count(p[m].op);
      for (int slot = 0; slot < n; ++slot)
        if ((slot == 0 ? p[m].a : p[m].b) == k) {
          edges.push_back({m, slot, want(m) * local_derivative(p[m], v, slot)});
          consumers_right = consumers_right && !wrong[m];
        }
    }
    if (!consumers_right || edges.empty()) continue;
    const double close = std::max(tolerance, 1e-6);
    if (edges.size() == 1) {
      const Edge& e = edges[0];
      const Record& m = p[e.consumer];
      const std::string input = e.slot == 0 ? "a" : "b";
      if (want(e.consumer) == 0) return "";
      std::string text = fmt::format(
          "the step through {} is wrong: d out / d {} should be {:.6g} there, yours acts as "
          "{:.6g}: check the local derivative of {}",
          describe(p, e.consumer), input, e.contribution / want(e.consumer),
          got(k) / want(e.consumer), m.op);
      // With several operations, a traversal that visits a node too early shows the same way.
      if (!single_operation)
        text += fmt::format(" (if it is right: does backward reach node {} only after every "
                            "node that uses it?)",
                            e.consumer);
      return text;
    }
    // A node used several times whose gradient is exactly the sum of some of
    // its uses' contributions: the others never arrived.
    if (edges.size() > 8) return "";
    for (std::size_t subset = 1; subset + 1 < (std::size_t{1} << edges.size()); ++subset) {
      double sum = 0;
      std::vector<const Edge*> missing;
      for (std::size_t e = 0; e < edges.size(); ++e)
        if (subset & (std::size_t{1} << e))
          sum += edges[e].contribution;
        else
          missing.push_back(&edges[e]);
      if (relative_difference(got(k), sum) > close) continue;
      std::set<std::string> ops;
      std::vector<std::string> from;
      for (const Edge* e : missing) {
        ops.insert(p[e->consumer].op);
        from.push_back(describe(p, e->consumer));
      }
      // Either the contributions are not added up (= for +=, perhaps for one
      // input only), or the missing uses pass back 0 (a wrong local derivative
      // that vanishes here): the evidence cannot tell, so the diagnosis says both.
      const std::string op = ops.size() == 1 ? *ops.begin() : "";
      std::string text = fmt::format(
          "node {} is used {} times, but its gradient holds only part of what they pass back "
          "(nothing from {}): gradients must add up (+=)",
          k, edges.size(), fmt::join(from, ", "));
      if (!op.empty()) text += "; if yours do, check the local derivative of " + op;
      return text;
    }
    return "";
  }
  return "";
}

// The gradients after the first of several backward calls, when the answer has them.
const nn::Mat* first_gradients(const Message& student, const std::vector<Record>& p) {
  if (!student.has("first_grad")) return nullptr;
  std::string problem;
  return row_entry(student, "first_grad", p.size(), problem);
}

Verdict judge(const ExerciseCase& c, const Message& student, const Message* reference,
              double tolerance, bool grade_order) {
  Verdict verdict;
  const std::vector<Record> p = lab03::parse_program(c.request.string("program"));
  const std::int64_t calls =
      c.request.has("backward_calls") ? c.request.integer("backward_calls") : 1;
  const std::vector<bool> needed = needed_by_output(p);
  std::string problem;
  const nn::Mat* want = row_entry(*reference, "grad", p.size(), problem);
  if (want == nullptr) {
    verdict.message = "the reference has no gradients (a grader bug): " + problem;
    return verdict;
  }
  const std::string order = order_problem(p, needed, student);
  const nn::Mat* got = row_entry(student, "grad", p.size(), problem);
  if (got == nullptr) {
    verdict.message = problem;
    return verdict;
  }

  std::vector<bool> wrong(p.size());
  std::vector<std::string> lines;
  std::size_t right = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    wrong[k] = !(relative_difference((*got)(k), (*want)(k)) <= tolerance);
    if (!wrong[k]) {
      ++right;
      continue;
    }
    if (lines.size() == 4) continue;
    std::string line = fmt::format("{}: d f / d node expected {:.9g}, got {:.9g}", describe(p, k),
                                   (*want)(k), (*got)(k));
    if (p[k].op == "input" && needed[k])
      line += fmt::format(" (central differences: {:.9g})", numeric_gradient(p, k));
    lines.push_back(std::move(line));
  }
  const double gradients = static_cast<double>(right) / static_cast<double>(p.size());
  verdict.credit = grade_order ? 0.5 * gradients + 0.5 * (order.empty() ? 1 : 0) : gradients;
  if (right < p.size())
    lines.insert(lines.begin(), fmt::format("{} of {} node gradients differ", p.size() - right,
                                            p.size()));
  if (grade_order && !order.empty()) lines.push_back("topological order: " + order);
  for (const std::string& line : lines) verdict.message += (verdict.message.empty() ? "" : "\n") + line;
  if (right < p.size())
    verdict.diagnosis = diagnose(p, needed, *got, *want, wrong, calls, first_gradients(student, p),
                                 tolerance, order.empty());
  else if (grade_order && !order.empty())
    verdict.diagnosis = order;
  return verdict;
}

Exercise make(const std::string& summary, std::vector<ExerciseCase> (*cases)(std::uint64_t),
              bool grade_order) {
  Exercise e;
  e.summary = summary;
  e.cases = cases;
  e.judge = [grade_order](const ExerciseCase& c, const Message& student,
                          const Message* reference, double tolerance) {
    return judge(c, student, reference, tolerance, grade_order);
  };
  return e;
}

Exercise examples() {
  return make("the worked examples: every node's gradient", example_cases, false);
}
Exercise local_derivatives() {
  return make("each operation's local derivatives, two points each", local_derivative_cases,
              false);
}
Exercise backprop() {
  return make("topological order and backward: chains, reuse, unused nodes, two calls",
              backprop_cases, true);
}
Exercise random_expressions() {
  return make("random expressions over every operation", random_cases, false);
}

}  // namespace

GRADER_EXERCISE("lab03.examples", examples);
GRADER_EXERCISE("lab03.local_derivatives", local_derivatives);
GRADER_EXERCISE("lab03.backprop", backprop);
GRADER_EXERCISE("lab03.random", random_expressions);

}  // namespace grader
