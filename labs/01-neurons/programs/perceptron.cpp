// lab 01: the perceptron learning rule on AND, OR and XOR.
//
//   build/<preset>/labs/lab01_perceptron     prints each epoch, writes perceptron.svg here
//
// Every run starts from w = (0, 0), b = 0 with learning rate 1 and visits the
// four inputs in the order (0, 0), (0, 1), (1, 0), (1, 1); at most 20 epochs.
#include "01-neurons/perceptron.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include "nn/core/errors.hpp"
#include "nn/plot/svg.hpp"

namespace {

constexpr nn::Real kLearningRate = 1;
constexpr int kMaxEpochs = 20;

struct Problem {
  std::string name;
  nn::Mat t;  // 4 x 1
};

const nn::Mat kInputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

// One panel: the four inputs (filled when the target is 1), the line x w + b = 0
// where the final perceptron switches, and a red ring round each input it gets wrong.
std::string panel(const Problem& problem, const lab01::Perceptron& p, double left) {
  const nn::plot::Panel box{left, 40, 220, 220, -0.5, 1.5, -0.5, 1.5};
  std::string s = box.axes("x1", "x2", problem.name);
  // The boundary w1 x1 + w2 x2 + b = 0 where it crosses the panel's edges.
  const nn::Real w1 = p.w(0), w2 = p.w(1), b = p.b;
  std::vector<std::pair<nn::Real, nn::Real>> ends;
  for (nn::Real x1 : {box.x_lo, box.x_hi})
    if (w2 != 0) {
      const nn::Real x2 = -(b + w1 * x1) / w2;
      if (x2 >= box.y_lo && x2 <= box.y_hi) ends.emplace_back(x1, x2);
    }
  for (nn::Real x2 : {box.y_lo, box.y_hi})
    if (w1 != 0) {
      const nn::Real x1 = -(b + w2 * x2) / w1;
      if (x1 > box.x_lo && x1 < box.x_hi) ends.emplace_back(x1, x2);
    }
  if (ends.size() >= 2)
    s += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#1f77b4\" "
        "stroke-width=\"2\"/>\n",
        box.px(ends[0].first), box.py(ends[0].second), box.px(ends[1].first),
        box.py(ends[1].second));
  const nn::Mat y = p.predict(kInputs);
  for (nn::Index n = 0; n < kInputs.n_rows; ++n) {
    const double cx = box.px(kInputs(n, 0)), cy = box.py(kInputs(n, 1));
    s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"7\" fill=\"{}\" stroke=\"#000\"/>\n",
                     cx, cy, problem.t(n) == 1 ? "#000" : "#fff");
    if (y(n) != problem.t(n))
      s += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"12\" fill=\"none\" stroke=\"#d62728\" "
          "stroke-width=\"2\"/>\n",
          cx, cy);
  }
  return s;
}

}  // namespace

int main() {
  const std::vector<Problem> problems = {{"AND", arma::vec{0.0, 0.0, 0.0, 1.0}},
                                         {"OR", arma::vec{0.0, 1.0, 1.0, 1.0}},
                                         {"XOR", arma::vec{0.0, 1.0, 1.0, 0.0}}};
  try {
    fmt::print("learning rate {}, start w = (0, 0), b = 0, at most {} epochs\n", kLearningRate,
               kMaxEpochs);
    std::string svg = nn::plot::svg_begin(900, 320);
    double left = 60;
    for (const Problem& problem : problems) {
      lab01::Perceptron p{nn::Mat(2, 1, arma::fill::zeros), 0};
      const lab01::TrainingRun run = lab01::train(p, kInputs, problem.t, kLearningRate, kMaxEpochs);
      fmt::print("\n{}\n{:>5} {:>6} {:>6} {:>6} {:>6}\n", problem.name, "epoch", "errors", "w1",
                 "w2", "b");
      for (std::size_t e = 0; e < run.errors.size(); ++e)
        fmt::print("{:>5} {:>6} {:>6g} {:>6g} {:>6g}\n", e + 1, run.errors[e], run.w[e](0),
                   run.w[e](1), run.b[e]);
      if (run.converged())
        fmt::print("converged after {} epochs\n", run.errors.size());
      else
        fmt::print("no epoch without error in {} epochs\n", run.errors.size());
      svg += panel(problem, p, left);
      left += 290;
    }
    svg += nn::plot::svg_end();
    nn::plot::save("perceptron.svg", svg);
    fmt::print("\nwrote perceptron.svg\n");
  } catch (const nn::NotImplemented& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 1;
  }
  return 0;
}
