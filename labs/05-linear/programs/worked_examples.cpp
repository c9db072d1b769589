// lab 05: prints the two worked examples as computed by your train_step
// (labs/05-linear/worked_examples.cpp), beside the numbers README.md gives.
//
//   ./build/student/labs/lab05_worked_examples
#include <fmt/format.h>

#include <cmath>
#include <exception>
#include <string>

#include "05-linear/worked_examples.hpp"

namespace {

int mismatches = 0;

// One table row: a name, your value, the expected one (to `decimals`), and whether they agree.
void row(const std::string& name, nn::Real yours, nn::Real expected, int decimals) {
  const bool ok = std::abs(yours - expected) <= 0.5 * std::pow(10.0, -decimals);
  if (!ok) ++mismatches;
  fmt::print("  {:<10} {:>14.{}f} {:>14.{}f}   {}\n", name, yours, decimals, expected, decimals,
             ok ? "ok" : "DIFFERS");
}

void header(const std::string& title) {
  fmt::print("\n{}\n  {:<10} {:>14} {:>14}\n", title, "", "yours", "expected");
}

void two_two_two() {
  const lab05::Step s =
      lab05::train_step(lab05::two_two_two_start(), {{0.05, 0.10}}, {{0.01, 0.99}}, 0.5);
  const lab05::Weights& w = s.updated;
  header("The 2-2-2 network: x = (0.05, 0.10), t = (0.01, 0.99), learning rate 0.5");
  row("out_h1", s.hidden(0, 0), 0.593269992, 9);
  row("out_h2", s.hidden(0, 1), 0.596884378, 9);
  row("out_o1", s.output(0, 0), 0.751365070, 9);
  row("out_o2", s.output(0, 1), 0.772928465, 9);
  row("E_total", s.loss, 0.298371109, 9);
  fmt::print("  after one step:\n");
  row("w1", w.W1(0, 0), 0.149780716, 9);
  row("w2", w.W1(1, 0), 0.199561432, 9);
  row("w3", w.W1(0, 1), 0.249751144, 9);
  row("w4", w.W1(1, 1), 0.299502287, 9);
  row("w5", w.W2(0, 0), 0.358916480, 9);
  row("w6", w.W2(1, 0), 0.408666186, 9);
  row("w7", w.W2(0, 1), 0.511301270, 9);
  row("w8", w.W2(1, 1), 0.561370121, 9);
}

void han_kamber() {
  const lab05::Step s = lab05::train_step(lab05::han_kamber_start(), {{1, 0, 1}}, nn::Mat(1, 1).fill(1), 0.9);
  const lab05::Weights& w = s.updated;
  header("The Han & Kamber network: x = (1, 0, 1), T = 1, learning rate 0.9");
  row("O_4", s.hidden(0, 0), 0.331812, 6);
  row("O_5", s.hidden(0, 1), 0.524979, 6);
  row("O_6", s.output(0, 0), 0.473889, 6);
  fmt::print("  errors, Err_j = -dE/dI_j:\n");
  row("Err_6", -s.delta_output(0, 0), 0.131169, 6);
  row("Err_5", -s.delta_hidden(0, 1), -0.006542, 6);
  row("Err_4", -s.delta_hidden(0, 0), -0.008725, 6);
  fmt::print("  after one step:\n");
  row("w46", w.W2(0, 0), -0.260829, 6);
  row("w56", w.W2(1, 0), -0.138025, 6);
  row("w14", w.W1(0, 0), 0.192148, 6);
  row("w15", w.W1(0, 1), -0.305888, 6);
  row("w24", w.W1(1, 0), 0.400000, 6);
  row("w25", w.W1(1, 1), 0.100000, 6);
  row("w34", w.W1(2, 0), -0.507852, 6);
  row("w35", w.W1(2, 1), 0.194112, 6);
  row("theta_6", w.b2(0, 0), 0.218052, 6);
  row("theta_5", w.b1(0, 1), 0.194112, 6);
  row("theta_4", w.b1(0, 0), -0.407852, 6);
}

}  // namespace

int main() {
  try {
    two_two_two();
    han_kamber();
  } catch (const std::exception& e) {
    fmt::print(stderr, "\n{}\n", e.what());
    return 1;
  }
  fmt::print("\n{}\n", mismatches == 0 ? "Every number agrees."
                                       : fmt::format("{} numbers differ.", mismatches));
  return mismatches == 0 ? 0 : 1;
}
