// lab 02: gradient descent for one sigmoid neuron on the points (0.5, 0.2) and
// (2.5, 0.9), from w = b = -2 with learning rate 1 for 1000 epochs.
//
//   build/<preset>/labs/lab02_descent     prints the descent, writes loss_surface.svg here
#include "02-one-neuron/descent.hpp"

#include <fmt/format.h>

#include <vector>

#include "02-one-neuron/surface_plot.hpp"
#include "nn/core/errors.hpp"
#include "nn/plot/svg.hpp"

int main() {
  const lab02::Points data = lab02::two_points();
  try {
    const lab02::Gradient g = lab02::gradient(-2, -2, data);
    fmt::print("at w = b = -2: L = {:.9f}, dL/dw = {:.9f}, dL/db = {:.9f}\n\n",
               lab02::loss(-2, -2, data), g.dw, g.db);

    const std::vector<lab02::State> path = lab02::descend(-2, -2, 1.0, 1000, data);
    fmt::print("{:>6} {:>12} {:>12} {:>14}\n", "epoch", "w", "b", "L(w, b)");
    for (int epoch : {0, 1, 2, 10, 50, 60, 70, 80, 90, 100, 200, 500, 1000})
      fmt::print("{:>6} {:>12.6f} {:>12.6f} {:>14.6e}\n", epoch, path[epoch].w, path[epoch].b,
                 path[epoch].loss);
    const lab02::State& end = path.back();
    fmt::print(
        "\nfitted: sigma({:.4f} * 0.5 + {:.4f}) = {:.6f}, sigma({:.4f} * 2.5 + {:.4f}) = {:.6f}\n",
        end.w, end.b, lab02::sigmoid(end.w * 0.5 + end.b), end.w, end.b,
        lab02::sigmoid(end.w * 2.5 + end.b));

    nn::plot::save("loss_surface.svg", lab02::loss_surface(data, path));
    fmt::print("wrote loss_surface.svg\n");
  } catch (const nn::NotImplemented& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 1;
  }
  return 0;
}
