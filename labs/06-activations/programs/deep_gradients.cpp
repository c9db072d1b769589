// lab 06: what depth does to gradients. Three networks of 10 hidden layers
// (32 units each, the library's Xavier initialisation) differ only in their
// activation: sigmoid, tanh or ReLU. For each, one batch of the two-arm spiral
// goes forward and back, and the program prints the size of every layer's
// weight gradient ||dW|| (layer 1 is next to the input). Then it trains the
// ReLU network for a while with a large learning rate and counts, per layer,
// the dead units: units whose output is 0 for every sample of the data.
//
//   ./build/student/labs/lab06_deep_gradients [out.svg]   (default: lab06_deep_gradients.svg)
#include <fmt/format.h>

#include <cmath>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "nn/data/labels.hpp"
#include "nn/data/synthetic.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/relu.hpp"
#include "nn/layers/sigmoid.hpp"
#include "nn/layers/softmax.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/plot/svg.hpp"

namespace {

using nn::Index;
using nn::Mat;
using nn::Real;

constexpr Index kDepth = 10, kWidth = 32, kSamples = 512;
constexpr int kTrainSteps = 300;
constexpr Real kRates[] = {0.1, 3.0};  // a moderate learning rate and one too large

// 2 inputs -> kDepth x (Linear, activation) -> Linear -> 2 logits, seeded layer by
// layer. The program chains the layers itself (Sequential is lab 08's).
struct DeepNetwork {
  std::vector<nn::Linear> linears;                     // kDepth + 1
  std::vector<std::unique_ptr<nn::Layer>> activations;  // kDepth

  Mat forward(Mat A) {
    for (Index l = 0; l < kDepth; ++l) A = activations[l]->forward(linears[l].forward(A));
    return linears[kDepth].forward(A);
  }
  void backward(Mat dA) {
    dA = linears[kDepth].backward(dA);
    for (Index l = kDepth; l-- > 0;) dA = linears[l].backward(activations[l]->backward(dA));
  }
};

template <class Activation>
DeepNetwork deep_network() {
  DeepNetwork net;
  Index in = 2;
  for (Index l = 0; l < kDepth; ++l) {
    net.linears.emplace_back(in, kWidth, /*seed=*/100 + l);
    net.activations.push_back(std::make_unique<Activation>());
    in = kWidth;
  }
  net.linears.emplace_back(kWidth, 2, /*seed=*/100 + kDepth);
  return net;
}

// Forward, loss, backward on the whole batch, the gradients zeroed first; returns the
// loss. The loss is softmax cross-entropy, whose gradient is (P - Y) / N (lab 07).
Real forward_backward(DeepNetwork& net, const Mat& X, const Mat& Y) {
  const Mat logits = net.forward(X);
  nn::SoftmaxCrossEntropyLoss loss;
  const Real L = loss.forward(logits, Y);
  nn::Softmax softmax;
  for (nn::Linear& layer : net.linears) {
    layer.dW.zeros();
    layer.db.zeros();
  }
  net.backward((softmax.forward(logits) - Y) / Real(X.n_rows));
  return L;
}

// w <- w - rate dL/dw for every weight and bias.
void descend(DeepNetwork& net, Real rate) {
  for (nn::Linear& layer : net.linears) {
    layer.W -= rate * layer.dW;
    layer.b -= rate * layer.db;
  }
}

// ||dW|| (Frobenius norm) of each hidden layer, input side first.
std::vector<Real> gradient_norms(const DeepNetwork& net) {
  std::vector<Real> norms;
  for (Index l = 0; l < kDepth; ++l) norms.push_back(arma::norm(net.linears[l].dW, "fro"));
  return norms;
}

// The fraction of each hidden layer's units whose output is 0 for every row of X.
std::vector<Real> dead_fractions(DeepNetwork& net, const Mat& X) {
  std::vector<Real> dead;
  Mat A = X;
  for (Index l = 0; l < kDepth; ++l) {
    A = net.activations[l]->forward(net.linears[l].forward(A));  // N x kWidth
    const arma::urowvec active = arma::any(A > 0, 0);
    dead.push_back(1.0 - Real(arma::accu(active)) / Real(kWidth));
  }
  return dead;
}

struct Series {
  std::string label, colour;
  std::vector<Real> values;  // one per layer
};

// One panel: each series against the layer number, with dots, and its legend
// with its top left corner at (legend_x, legend_y) in pixels.
std::string panel(const nn::plot::Panel& frame, const std::vector<Series>& series,
                  const std::string& y_label, const std::string& title, Real legend_x,
                  Real legend_y) {
  std::string s = frame.axes("layer (1 = next to the input)", y_label, title);
  legend_y += 14;
  for (const Series& line : series) {
    std::string points;
    for (std::size_t l = 0; l < line.values.size(); ++l) {
      const Real x = frame.px(Real(l + 1)), y = frame.py(line.values[l]);
      points += fmt::format("{:.1f},{:.1f} ", x, y);
      s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\"/>\n", x, y,
                       line.colour);
    }
    s += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n",
                     points, line.colour);
    const Real x = legend_x;
    s += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
                     "stroke-width=\"2\"/>\n",
                     x, legend_y - 4, x + 20, legend_y - 4, line.colour);
    s += nn::plot::text(x + 26, legend_y, line.label, "start");
    legend_y += 18;
  }
  return s;
}

std::string picture(const std::vector<Series>& norms, const std::vector<Series>& dead) {
  Real lo = 0, hi = 0;  // the range of log10 ||dW||, in whole decades
  for (const Series& s : norms)
    for (Real v : s.values) lo = std::min(lo, std::floor(v)), hi = std::max(hi, std::ceil(v));
  const nn::plot::Panel left{80, 50, 360, 280, 1, Real(kDepth), lo, hi};
  const nn::plot::Panel right{560, 50, 360, 280, 1, Real(kDepth), 0, 1};
  std::string svg = nn::plot::svg_begin(980, 390);
  svg += panel(left, norms, "log10 ||dW||", "Gradient size per layer, at the start",
               left.left + left.width - 100, left.top + left.height - 66);
  svg += panel(right, dead, "fraction of dead units", "ReLU units that never fire",
               right.left + 12, right.top + 8);
  return svg + nn::plot::svg_end();
}

void run(const std::string& svg_path) {
  const nn::data::Dataset data = nn::data::make_spiral(kSamples, 0.2, /*seed=*/3);
  const Mat X = data.X, Y = nn::data::one_hot(data.y, 2);

  DeepNetwork sigmoid_net = deep_network<nn::Sigmoid>();
  DeepNetwork tanh_net = deep_network<nn::Tanh>();
  DeepNetwork relu_net = deep_network<nn::ReLU>();
  std::vector<Series> norms = {{"sigmoid", "#d62728", {}}, {"tanh", "#1f77b4", {}},
                               {"ReLU", "#2ca02c", {}}};
  DeepNetwork* nets[] = {&sigmoid_net, &tanh_net, &relu_net};
  Real relu_start_loss = 0;
  for (int k = 0; k < 3; ++k) {
    relu_start_loss = forward_backward(*nets[k], X, Y);  // the last one is the ReLU network's
    norms[k].values = gradient_norms(*nets[k]);
  }
  fmt::print("Gradient size ||dW|| of each hidden layer, one batch of {} samples, at the start\n",
             kSamples);
  fmt::print("{:>6} {:>12} {:>12} {:>12}\n", "layer", "sigmoid", "tanh", "ReLU");
  for (Index l = 0; l < kDepth; ++l)
    fmt::print("{:>6} {:>12.3e} {:>12.3e} {:>12.3e}\n", l + 1, norms[0].values[l],
               norms[1].values[l], norms[2].values[l]);
  fmt::print("{:>6} {:>12.3e} {:>12.3e} {:>12.3e}   (layer 1 / layer {})\n\n", "ratio",
             norms[0].values[0] / norms[0].values[kDepth - 1],
             norms[1].values[0] / norms[1].values[kDepth - 1],
             norms[2].values[0] / norms[2].values[kDepth - 1], kDepth);

  std::vector<Series> dead = {{"at the start", "#7f7f7f", dead_fractions(relu_net, X)}};
  std::vector<Real> losses;
  const char* colours[] = {"#2ca02c", "#d62728"};
  for (int r = 0; r < 2; ++r) {
    DeepNetwork net = deep_network<nn::ReLU>();
    Real loss = 0;
    for (int step = 0; step < kTrainSteps; ++step) {
      loss = forward_backward(net, X, Y);
      descend(net, kRates[r]);
    }
    losses.push_back(loss);
    dead.push_back({fmt::format("{} steps at rate {:g}", kTrainSteps, kRates[r]), colours[r],
                    dead_fractions(net, X)});
  }
  fmt::print("ReLU network: fraction of dead units (0 for all {} samples) per hidden layer\n",
             kSamples);
  fmt::print("{:>6} {:>14} {:>14} {:>14}\n", "layer", "at the start",
             fmt::format("rate {:g}", kRates[0]), fmt::format("rate {:g}", kRates[1]));
  for (Index l = 0; l < kDepth; ++l)
    fmt::print("{:>6} {:>14.2f} {:>14.2f} {:>14.2f}\n", l + 1, dead[0].values[l],
               dead[1].values[l], dead[2].values[l]);
  fmt::print("{:>6} {:>14.4f} {:>14.4f} {:>14.4f}   (training loss; ln 2 = 0.6931 is a coin toss)\n",
             "loss", relu_start_loss, losses[0], losses[1]);

  for (Series& s : norms)
    for (Real& v : s.values) v = std::log10(v);
  nn::plot::save(svg_path, picture(norms, dead));
  fmt::print("\nwrote {}\n", svg_path);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    run(argc > 1 ? argv[1] : "lab06_deep_gradients.svg");
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 1;
  }
}
