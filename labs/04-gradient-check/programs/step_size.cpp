// lab 04: how the numerical gradient's error depends on the step h, and
// method 1 (the gradient recovered from one gradient-descent step).
//
//   ./build/student/labs/lab04_step_size [--out DIR]     (writes DIR/step_size.svg)
//
// The function is L(W) = sum(sin(X W) % G) for fixed X (4x3) and G (4x2), so
// its exact gradient is known: dL/dW = X^T (cos(X W) % G). For h from 1e-1 down
// to 1e-12 it prints the relative error of your central differences and of
// one-sided differences (L(W + h) - L(W)) / h against that exact gradient.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "04-gradient-check/gradient_check.hpp"
#include "nn/core/errors.hpp"
#include "nn/core/rng.hpp"
#include "nn/optim/sgd.hpp"
#include "nn/plot/svg.hpp"

namespace {

using lab04::Mat;
using lab04::Real;

struct Curve {
  const char* label;
  const char* colour;
  std::vector<Real> errors;  // one per step h
};

// A log-log picture of the curves: log10 of the relative error against log10 h.
std::string picture(const std::vector<Real>& steps, const std::vector<Curve>& curves) {
  const nn::plot::Panel panel{70, 40, 520, 320, -12.5, -0.5, -13, 1};
  std::string svg = nn::plot::svg_begin(640, 420);
  svg += panel.axes("log10 h (the step)", "log10 relative error",
                    "Numerical gradient error against the step h");
  Real legend_y = panel.top + 20;
  for (const Curve& c : curves) {
    std::string points;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const Real e = std::max(c.errors[i], Real{1e-13});  // an exact 0 sits on the floor
      points += fmt::format("{:.1f},{:.1f} ", panel.px(std::log10(steps[i])),
                            panel.py(std::log10(e)));
    }
    svg += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n",
                       points, c.colour);
    const Real x = panel.left + panel.width - 230;
    svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
                       "stroke=\"{}\" stroke-width=\"2\"/>\n",
                       x, legend_y - 4, x + 20, legend_y - 4, c.colour);
    svg += nn::plot::text(x + 26, legend_y, c.label, "start");
    legend_y += 18;
  }
  return svg + nn::plot::svg_end();
}

void run(const std::string& out_dir) {
  nn::Rng rng(4);
  const Mat X = rng.uniform(4, 3, -1, 1), G = rng.uniform(4, 2, -1, 1);
  Mat W = rng.uniform(3, 2, -1, 1);
  const auto loss = [&] { return arma::accu(arma::sin(X * W) % G); };
  const Mat exact = X.t() * (arma::cos(X * W) % G);

  std::vector<Real> steps;
  Curve central{"central (L(w+h) - L(w-h)) / 2h", "#1f77b4", {}};
  Curve one_sided{"one-sided (L(w+h) - L(w)) / h", "#d62728", {}};
  fmt::print("relative error against the exact gradient, L(W) = sum(sin(X W) % G)\n");
  fmt::print("  {:>7}  {:>12}  {:>12}\n", "h", "central", "one-sided");
  for (int k = 1; k <= 12; ++k) {
    const Real h = std::pow(10.0, -k);
    const Mat numeric = lab04::numerical_gradient(loss, W, h);
    Mat forward(W.n_rows, W.n_cols);
    const Real base = loss();
    for (nn::Index i = 0; i < W.n_elem; ++i) {
      const Real original = W(i);
      W(i) = original + h;
      forward(i) = (loss() - base) / h;
      W(i) = original;
    }
    steps.push_back(h);
    central.errors.push_back(lab04::relative_error(exact, numeric));
    one_sided.errors.push_back(lab04::relative_error(exact, forward));
    fmt::print("  {:>7.0e}  {:>12.2e}  {:>12.2e}\n", h, central.errors.back(),
               one_sided.errors.back());
  }
  std::filesystem::create_directories(out_dir);
  const std::string path = out_dir + "/step_size.svg";
  nn::plot::save(path, picture(steps, {central, one_sided}));
  fmt::print("wrote {}\n\n", path);

  // Method 1: one plain gradient-descent step, then the gradient it used.
  const Real rate = 0.1;
  const Mat numeric = lab04::numerical_gradient(loss, W, 1e-6);
  Mat dW = exact;
  auto recovered_after_step = [&] {
    const Mat before = W;
    nn::SGD sgd(rate);
    sgd.step({{"W", W, dW}});
    const Mat recovered = lab04::recovered_gradient(before, W, rate);
    W = before;  // undo the step for the next experiment
    return recovered;
  };
  fmt::print("method 1: the gradient recovered from one SGD step (learning rate {})\n", rate);
  const Real good = lab04::relative_error(recovered_after_step(), numeric);
  fmt::print("  gradient set once:                 relative error {:.2e}  {}\n", good,
             good <= 1e-6 ? "PASS" : "FAIL");
  dW += exact;  // a training loop that forgot to zero the gradient: it holds two
  const Real doubled = lab04::relative_error(recovered_after_step(), numeric);
  fmt::print("  gradient added twice (no zeroing): relative error {:.2e}  {}\n", doubled,
             doubled <= 1e-6 ? "PASS" : "FAIL");
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir = ".";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
      out_dir = argv[++i];
    } else {
      std::fprintf(stderr, "usage: %s [--out DIR]\n", argv[0]);
      return 2;
    }
  }
  try {
    run(out_dir);
  } catch (const nn::NotImplemented& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
