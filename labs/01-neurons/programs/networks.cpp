// lab 01: the McCulloch-Pitts gates, the XOR network and the sign network,
// each printed as a table.
//
//   build/<preset>/labs/lab01_networks
#include <fmt/format.h>

#include <string>
#include <vector>

#include "01-neurons/mcculloch_pitts.hpp"
#include "01-neurons/threshold_network.hpp"
#include "nn/core/errors.hpp"

namespace {

void print_gate(const std::string& name, const lab01::McCullochPitts& unit) {
  fmt::print("{} (threshold {}, inhibitory:", name, unit.threshold);
  for (bool flag : unit.inhibitory) fmt::print(" {}", flag ? "yes" : "no");
  fmt::print(")\n");
  if (unit.inhibitory.size() == 1) {
    for (int x1 : {0, 1}) fmt::print("  {} -> {}\n", x1, lab01::fires(unit, {x1}));
    return;
  }
  for (int x1 : {0, 1})
    for (int x2 : {0, 1}) fmt::print("  {} {} -> {}\n", x1, x2, lab01::fires(unit, {x1, x2}));
}

}  // namespace

int main() {
  try {
    print_gate("AND", lab01::and_unit());
    print_gate("OR", lab01::or_unit());
    print_gate("NOR", lab01::nor_unit());
    print_gate("NOT", lab01::not_unit());

    const nn::Mat bits = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    const std::vector<nn::Mat> xor_outputs =
        lab01::forward(lab01::xor_network(), bits, lab01::Threshold::Step);
    fmt::print("\nXOR network (hidden units, output)\n");
    for (nn::Index n = 0; n < bits.n_rows; ++n) {
      fmt::print("  {:g} {:g} ->", bits(n, 0), bits(n, 1));
      for (nn::Index j = 0; j < xor_outputs[0].n_cols; ++j)
        fmt::print(" {:g}", xor_outputs[0](n, j));
      fmt::print(" -> {:g}\n", xor_outputs[1](n, 0));
    }

    const nn::Mat points = {{0, 0}, {-1, -1}, {1, -5}, {-3, 2}, {4, -5}};
    const std::vector<nn::Mat> H =
        lab01::forward(lab01::sign_network(), points, lab01::Threshold::Sign);
    fmt::print("\nsign network\n{:>12} {:>12} {:>9} {:>4}\n", "x", "layer 1", "layer 2", "f(x)");
    for (nn::Index n = 0; n < points.n_rows; ++n)
      fmt::print("{:>12} {:>12} {:>9} {:>4g}\n",
                 fmt::format("({:g}, {:g})", points(n, 0), points(n, 1)),
                 fmt::format("{:+g} {:+g} {:+g}", H[0](n, 0), H[0](n, 1), H[0](n, 2)),
                 fmt::format("{:+g} {:+g}", H[1](n, 0), H[1](n, 1)), H[2](n, 0));
  } catch (const nn::NotImplemented& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 1;
  }
  return 0;
}
