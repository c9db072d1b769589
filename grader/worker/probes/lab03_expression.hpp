// Lab 03's expressions as the grader sends them: a small program, one node per
// line, each line an operation and its operands; the last node is the output.
//
//   input -2        node 0: a variable (or a constant) with its value
//   input 5         node 1
//   input -4        node 2
//   add 0 1         node 3 = node 0 + node 1      (sub, mul, div alike)
//   mul 3 2         node 4 = node 3 * node 2: the output
//   pow 3 0.5       node 3 ^ 0.5                  (the exponent is a number)
//   exp 4           exp(node 4)                   (log, sin, sigmoid, tanh alike)
//
// Operands refer to earlier nodes only. Numbers are written with 17 significant
// digits, so a program read back gives the same values bit for bit. The probe
// builds the student's graph from it; the judge evaluates it with its own
// forward pass (evaluate() below) for central differences.
#pragma once

#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace grader::lab03 {

struct Record {
  std::string op;           // input, add, sub, mul, div, exp, log, sin, pow, sigmoid, tanh
  std::size_t a = 0, b = 0;  // operands (node ids)
  double number = 0;         // input: its value; pow: the exponent
};

// How many node operands `op` takes (0 for input, 1 or 2), or -1 if it is no op.
inline int operand_count(const std::string& op) {
  if (op == "input") return 0;
  if (op == "add" || op == "sub" || op == "mul" || op == "div") return 2;
  if (op == "exp" || op == "log" || op == "sin" || op == "pow" || op == "sigmoid" || op == "tanh")
    return 1;
  return -1;
}

inline std::string number_text(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", x);
  return buffer;
}

inline std::string write_program(const std::vector<Record>& program) {
  std::string text;
  for (const Record& r : program) {
    text += r.op;
    const int n = operand_count(r.op);
    if (n >= 1) text += " " + std::to_string(r.a);
    if (n == 2) text += " " + std::to_string(r.b);
    if (r.op == "input" || r.op == "pow") text += " " + number_text(r.number);
    text += "\n";
  }
  return text;
}

// Throws std::invalid_argument naming the line for anything malformed.
inline std::vector<Record> parse_program(const std::string& text) {
  std::vector<Record> program;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const std::string where = "line " + std::to_string(program.size() + 1) + " \"" + line + "\"";
    std::istringstream words(line);
    Record r;
    words >> r.op;
    const int n = operand_count(r.op);
    if (n < 0) throw std::invalid_argument(where + ": unknown operation");
    if (n >= 1) words >> r.a;
    if (n == 2) words >> r.b;
    if (r.op == "input" || r.op == "pow") words >> r.number;
    std::string extra;
    if (words.fail() || (words >> extra) || (n >= 1 && r.a >= program.size()) ||
        (n == 2 && r.b >= program.size()))
      throw std::invalid_argument(where + ": malformed");
    program.push_back(r);
  }
  if (program.empty()) throw std::invalid_argument("an empty program");
  return program;
}

// The value of one operation.
inline double apply(const Record& r, double a, double b) {
  if (r.op == "add") return a + b;
  if (r.op == "sub") return a - b;
  if (r.op == "mul") return a * b;
  if (r.op == "div") return a / b;
  if (r.op == "exp") return std::exp(a);
  if (r.op == "log") return std::log(a);
  if (r.op == "sin") return std::sin(a);
  if (r.op == "pow") return std::pow(a, r.number);
  if (r.op == "sigmoid") return 1 / (1 + std::exp(-a));
  if (r.op == "tanh") return std::tanh(a);
  return r.number;  // input
}

// Every node's value; node `fixed` (if < size) takes `fixed_value` instead of
// its own, and the nodes after it follow (for central differences).
inline std::vector<double> evaluate(const std::vector<Record>& program, std::size_t fixed = -1,
                                    double fixed_value = 0) {
  std::vector<double> v(program.size());
  for (std::size_t i = 0; i < program.size(); ++i) {
    const Record& r = program[i];
    const int n = operand_count(r.op);
    v[i] = i == fixed ? fixed_value : apply(r, n >= 1 ? v[r.a] : 0, n == 2 ? v[r.b] : 0);
  }
  return v;
}

}  // namespace grader::lab03
