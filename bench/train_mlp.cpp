// Training throughput of the library: an MLP 784-256-128-10 (ReLU, softmax
// cross-entropy) trained with nn::fit, seconds per epoch. bench/run.py runs it
// beside bench/torch_mlp.py, which trains the same network with PyTorch.
//
//   bench_train_mlp --optimizer sgd|adam --batch B [--epochs E] [--data DIR|synthetic]
//                   [--samples N]
//   bench_train_mlp --gemm --batch B [--epochs E] [--samples N]
//
// Training prints one line per epoch, "epoch <k> <wall seconds> cpu <CPU seconds> ... threads <T>"
// (T: the OpenBLAS threads nn::fit chose, nn/train/training_runtime.hpp):
// the CPU time (all threads of the process) is the steadier figure on a shared machine. The data are the
// Fashion-MNIST training images (60000 x 784, pixels / 255) from DIR (default: the
// Debian package's folder), or with --data synthetic a uniform random set of the
// same shape: the time of an epoch does not depend on the pixel values.
// --samples N (synthetic data and --gemm only) makes the set N x 784 instead of
// 60000 x 784: for a quick test that the program runs.
//
// --gemm times only the matrix products one training step cannot avoid, on the
// same shapes, for as many batches as an epoch has: forward X W for the three
// layers, dW = X^T dZ for the three, dX = dZ W^T for the last two (the input
// needs no gradient), on as many OpenBLAS threads as nn::fit uses. Prints the same
// lines: the arithmetic limit of an epoch on this machine.
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "nn/core/sequential.hpp"
#include "nn/data/fashion_mnist.hpp"
#include "nn/data/labels.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/relu.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/optim/adam.hpp"
#include "nn/optim/sgd.hpp"
#include "nn/train/fit.hpp"
#include "nn/train/training_runtime.hpp"

// OpenBLAS's own function, declared weak: null with another BLAS.
extern "C" int openblas_get_num_threads() __attribute__((weak));

// The BLAS threads in use: OpenBLAS's count, or 0 with another BLAS.
int blas_threads() { return openblas_get_num_threads ? openblas_get_num_threads() : 0; }

namespace {

constexpr nn::Index kSamples = 60000, kInputs = 784, kClasses = 10;
const std::vector<nn::Index> kWidths = {kInputs, 256, 128, kClasses};

struct Config {
  std::string optimizer = "sgd";
  nn::Index batch = 64;
  nn::Index epochs = 2;
  nn::Index samples = kSamples;
  std::string data = nn::data::fashion_mnist_dir;
  bool gemm = false;
};

[[noreturn]] void usage_error(const std::string& message) {
  fmt::print(stderr,
             "bench_train_mlp: {}\nusage: bench_train_mlp --optimizer sgd|adam --batch B "
             "[--epochs E] [--data DIR|synthetic]\n       bench_train_mlp --gemm --batch B "
             "[--epochs E]\n",
             message);
  std::exit(2);
}

Config parse(int argc, char** argv) {
  Config c;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--gemm") {
      c.gemm = true;
      continue;
    }
    if (i + 1 >= argc) usage_error("missing value after " + arg);
    const std::string value = argv[++i];
    if (arg == "--optimizer") {
      c.optimizer = value;
    } else if (arg == "--data") {
      c.data = value;
    } else if (arg == "--batch" || arg == "--epochs" || arg == "--samples") {
      const long n = std::strtol(value.c_str(), nullptr, 10);
      if (n < 1) usage_error(arg + " needs a whole number >= 1");
      (arg == "--batch" ? c.batch : arg == "--epochs" ? c.epochs : c.samples) =
          static_cast<nn::Index>(n);
    } else {
      usage_error("unknown argument " + arg);
    }
  }
  if (c.optimizer != "sgd" && c.optimizer != "adam") usage_error("--optimizer is sgd or adam");
  if (c.samples != kSamples && !c.gemm && c.data != "synthetic")
    usage_error("--samples needs --data synthetic or --gemm");
  return c;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU time of the process (every thread) since `start`, a std::clock() value.
double cpu_seconds_since(std::clock_t start) {
  return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

void train(const Config& c) {
  nn::Mat X, Y;  // 60000 x 784, 60000 x 10
  if (c.data == "synthetic") {
    arma::arma_rng::set_seed(1);
    X.randu(c.samples, kInputs);
    Y = nn::data::one_hot(arma::randi<nn::Labels>(c.samples, arma::distr_param(0, 9)), kClasses);
    fmt::print("data synthetic {}x{}\n", c.samples, kInputs);
  } else {
    nn::data::TrainTest data = nn::data::load_fashion_mnist(c.data);
    X = std::move(data.train.X);
    Y = nn::data::one_hot(data.train.y, kClasses);
    fmt::print("data fashion-mnist {}x{}\n", X.n_rows, X.n_cols);
  }
  nn::Sequential model;
  for (std::size_t k = 0; k + 1 < kWidths.size(); ++k) {
    if (k > 0) model.add<nn::ReLU>();
    model.add<nn::Linear>(kWidths[k], kWidths[k + 1], k + 1);
  }
  nn::SoftmaxCrossEntropyLoss loss;
  nn::SGD sgd(0.01);
  nn::Adam adam(1e-3);
  nn::Optimizer& optimizer = c.optimizer == "sgd" ? static_cast<nn::Optimizer&>(sgd) : adam;
  nn::FitOptions options;
  options.epochs = c.epochs;
  options.batch_size = c.batch;
  options.progress = nn::FitOptions::Progress::Never;
  std::clock_t cpu_start = std::clock();
  options.on_epoch = [&cpu_start](const nn::EpochRecord& r) {
    fmt::print("epoch {} {:.4f} cpu {:.4f} loss {:.4f} threads {}\n", r.epoch + 1, r.seconds,
               cpu_seconds_since(cpu_start), r.train_loss, blas_threads());
    std::fflush(stdout);
    cpu_start = std::clock();
  };
  nn::fit(model, loss, optimizer, X, Y, options);
}

// The unavoidable products of one epoch (see the top of the file), on random data.
void gemm_limit(const Config& c) {
  const nn::Index layers = kWidths.size() - 1;
  std::vector<nn::Mat> W, A, dZ, dW, dA;  // per layer: D_k x D_k+1, B x D_k, B x D_k+1, ...
  for (nn::Index k = 0; k < layers; ++k) {
    W.push_back(arma::randu<nn::Mat>(kWidths[k], kWidths[k + 1]));
    A.push_back(arma::randu<nn::Mat>(c.batch, kWidths[k]));
    dZ.push_back(arma::randu<nn::Mat>(c.batch, kWidths[k + 1]));
    dW.push_back(nn::Mat(kWidths[k], kWidths[k + 1], arma::fill::zeros));
    dA.push_back(nn::Mat(c.batch, kWidths[k], arma::fill::zeros));
  }
  double weights = 0;
  for (nn::Index k = 0; k < layers; ++k) weights += double(kWidths[k] + 1) * double(kWidths[k + 1]);
  const nn::TrainingRuntime runtime(weights * double(c.batch));  // the BLAS threads nn::fit uses
  nn::Mat Z;
  const nn::Index batches = (c.samples + c.batch - 1) / c.batch;
  for (nn::Index epoch = 0; epoch < c.epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    for (nn::Index b = 0; b < batches; ++b) {
      for (nn::Index k = 0; k < layers; ++k) Z = A[k] * W[k];
      for (nn::Index k = layers; k-- > 0;) {
        dW[k] = A[k].t() * dZ[k];
        if (k > 0) dA[k] = dZ[k] * W[k].t();
      }
    }
    fmt::print("epoch {} {:.4f} cpu {:.4f} threads {}\n", epoch + 1, seconds_since(start),
               cpu_seconds_since(cpu_start), blas_threads());
    std::fflush(stdout);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Config c = parse(argc, argv);
  try {
    if (c.gemm)
      gemm_limit(c);
    else
      train(c);
  } catch (const std::exception& e) {
    fmt::print(stderr, "bench_train_mlp: {}\n", e.what());
    return 1;
  }
  return 0;
}
