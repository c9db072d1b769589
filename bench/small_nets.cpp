// Training speed of the library on small networks, where the cost of each call
// (not the arithmetic) decides: microseconds per training sample. bench/run_small_nets.py
// runs it beside bench/torch_small_nets.py, which trains the same networks with PyTorch.
//
//   bench_small_nets --net xor|spiral --batch B [--epochs E]
//
//   xor     2-4-1: Linear, Tanh, Linear, Sigmoid; mean squared error; 256 points of
//           nn::data::make_xor (target 1 where x1 x2 > 0, else 0), SGD(0.1)
//   spiral  2-16-16-3: Linear, ReLU, Linear, ReLU, Linear; softmax cross-entropy;
//           384 points of nn::data::make_spiral with 3 arms, SGD(0.05)
//
// The points are shuffled once and cut into fixed batches of B rows (B divides
// 256 and 384 for B = 1, 2, 4, ..., 32); an epoch is one nn::train_step per batch
// (zero the gradients, forward, loss, backward, SGD step), in the same order
// every epoch. One epoch runs first untimed (a warm-up), then E timed epochs.
// Prints "run <wall seconds> cpu <CPU seconds> samples <E x N> loss <last epoch's mean loss>";
// the CPU time (every thread of the process) is the steadier figure on a shared machine.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <string>
#include <vector>

#include "nn/core/rng.hpp"
#include "nn/core/sequential.hpp"
#include "nn/data/labels.hpp"
#include "nn/data/shuffle.hpp"
#include "nn/data/synthetic.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/relu.hpp"
#include "nn/layers/sigmoid.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/losses/mse.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/optim/sgd.hpp"
#include "nn/train/train_step.hpp"
#include "nn/train/training_runtime.hpp"

namespace {

struct Config {
  std::string net = "xor";
  nn::Index batch = 1;
  nn::Index epochs = 10;
};

[[noreturn]] void usage_error(const std::string& message) {
  fmt::print(stderr,
             "bench_small_nets: {}\nusage: bench_small_nets --net xor|spiral --batch B "
             "[--epochs E]\n",
             message);
  std::exit(2);
}

Config parse(int argc, char** argv) {
  Config c;
  for (int i = 1; i < argc; i += 2) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) usage_error("missing value after " + arg);
    const std::string value = argv[i + 1];
    if (arg == "--net") {
      c.net = value;
    } else if (arg == "--batch" || arg == "--epochs") {
      const long n = std::strtol(value.c_str(), nullptr, 10);
      if (n < 1) usage_error(arg + " needs a whole number >= 1");
      (arg == "--batch" ? c.batch : c.epochs) = static_cast<nn::Index>(n);
    } else {
      usage_error("unknown argument " + arg);
    }
  }
  if (c.net != "xor" && c.net != "spiral") usage_error("--net is xor or spiral");
  return c;
}

// The data set's points (N x 2) and targets (xor: N x 1 of 0 and 1; spiral: N x 3
// one-hot), in a fixed random order.
void make_data(const std::string& net, nn::Mat& X, nn::Mat& Y) {
  const nn::data::Dataset data =
      net == "xor" ? nn::data::make_xor(256, 0.0, 1) : nn::data::make_spiral(384, 0.1, 1, 3);
  nn::Rng rng(2);
  const arma::uvec order = nn::data::permutation(data.n_samples(), rng);
  X = data.X.rows(order);
  const nn::Labels y = data.y(order);
  Y = net == "xor" ? arma::conv_to<nn::Mat>::from(y) : nn::data::one_hot(y, 3);
}

void build(const std::string& net, nn::Sequential& model) {
  if (net == "xor") {
    model.add<nn::Linear>(2, 4, 1);
    model.add<nn::Tanh>();
    model.add<nn::Linear>(4, 1, 2);
    model.add<nn::Sigmoid>();
    return;
  }
  model.add<nn::Linear>(2, 16, 1);
  model.add<nn::ReLU>();
  model.add<nn::Linear>(16, 16, 2);
  model.add<nn::ReLU>();
  model.add<nn::Linear>(16, 3, 3);
}

void run(const Config& c) {
  nn::Mat X, Y;
  make_data(c.net, X, Y);
  if (X.n_rows % c.batch != 0)
    usage_error(fmt::format("--batch must divide the {} points", X.n_rows));
  std::vector<nn::Mat> Xs, Ys;  // the fixed batches, B x 2 and B x K
  for (nn::Index s = 0; s < X.n_rows; s += c.batch) {
    Xs.push_back(X.rows(s, s + c.batch - 1));
    Ys.push_back(Y.rows(s, s + c.batch - 1));
  }
  nn::Sequential model;
  build(c.net, model);
  nn::MSELoss mse;
  nn::SoftmaxCrossEntropyLoss cross_entropy;
  nn::Loss& loss = c.net == "xor" ? static_cast<nn::Loss&>(mse) : cross_entropy;
  nn::SGD sgd(c.net == "xor" ? 0.1 : 0.05);
  // as nn::fit trains small steps: one BLAS thread, memory reuse
  const nn::TrainingRuntime runtime(0);

  nn::Real loss_sum = 0;
  auto epoch = [&] {
    loss_sum = 0;
    for (std::size_t k = 0; k < Xs.size(); ++k)
      loss_sum += nn::train_step(model, loss, sgd, Xs[k], Ys[k]).loss;
  };
  epoch();  // warm-up, untimed
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  for (nn::Index e = 0; e < c.epochs; ++e) epoch();
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("run {:.4f} cpu {:.4f} samples {} loss {:.4f}\n", wall, cpu, c.epochs * X.n_rows,
             loss_sum / static_cast<nn::Real>(Xs.size()));
}

}  // namespace

int main(int argc, char** argv) {
  const Config c = parse(argc, argv);
  try {
    run(c);
  } catch (const std::exception& e) {
    fmt::print(stderr, "bench_small_nets: {}\n", e.what());
    return 1;
  }
  return 0;
}
