// Time of the library's gradient check (nn/gradcheck/gradcheck.hpp) on a
// 784-W-10 network, W = 256 by default. bench/run_gradcheck.py runs it beside
// bench/torch_gradcheck.py, which checks the same function with
// torch.autograd.gradcheck.
//
//   bench_gradcheck --method full|directional [--width W] [--batch N] [--directions D]
//                   [--repeat R]
//
// The network: Linear(784, W), Tanh, Linear(W, 10) (Tanh: no kinks, so every
// element passes), seeds 1 and 2; X: N x 784 standard normal (N = 4 by default).
// nn::gradcheck::check_layer on it checks dX and every weight and bias (W1, b1,
// W2, b2) of L = sum(model(X) o G), G a fixed N x 10 standard normal matrix:
//   full         central differences on every element: 2 forward passes each
//   directional  D random unit directions per tensor (default 4): 2 passes each
// in double, step 1e-6. Prints per check "check <wall seconds> cpu <CPU seconds>
// elements <compared> passed <0|1> rel_error <the largest of the tensors'>",
// R times (default 1); exits 1 if a check fails. One BLAS thread, as nn::fit trains
// steps this small.
#include "nn/gradcheck/gradcheck.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <stdexcept>
#include <string>

#include "nn/core/rng.hpp"
#include "nn/core/sequential.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/train/training_runtime.hpp"

namespace {

struct Config {
  std::string method = "full";
  nn::Index width = 256, batch = 4, directions = 4, repeat = 1;
};

[[noreturn]] void usage_error(const std::string& message) {
  fmt::print(stderr,
             "bench_gradcheck: {}\nusage: bench_gradcheck --method full|directional "
             "[--width W] [--batch N] [--directions D] [--repeat R]\n",
             message);
  std::exit(2);
}

Config parse(int argc, char** argv) {
  Config c;
  for (int i = 1; i < argc; i += 2) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) usage_error("missing value after " + arg);
    const std::string value = argv[i + 1];
    if (arg == "--method") {
      c.method = value;
      continue;
    }
    const long n = std::strtol(value.c_str(), nullptr, 10);
    if (n < 1) usage_error(arg + " needs a whole number >= 1");
    if (arg == "--width") {
      c.width = n;
    } else if (arg == "--batch") {
      c.batch = n;
    } else if (arg == "--directions") {
      c.directions = n;
    } else if (arg == "--repeat") {
      c.repeat = n;
    } else {
      usage_error("unknown argument " + arg);
    }
  }
  if (c.method != "full" && c.method != "directional")
    usage_error("--method is full or directional");
  return c;
}

void run(const Config& c) {
  nn::Sequential model;
  model.add<nn::Linear>(784, c.width, 1);
  model.add<nn::Tanh>();
  model.add<nn::Linear>(c.width, 10, 2);
  nn::Rng rng(3);
  const nn::Mat X = rng.normal(c.batch, 784);  // N x 784
  nn::gradcheck::Options options;
  options.method =
      c.method == "full" ? nn::gradcheck::Method::Full : nn::gradcheck::Method::Directional;
  options.directions = c.directions;
  const nn::TrainingRuntime runtime(0);  // one BLAS thread (products of 4 rows), memory reuse

  for (nn::Index r = 0; r < c.repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    const nn::gradcheck::Report report = nn::gradcheck::check_layer(model, X, options);
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!report.error.empty()) throw std::runtime_error(report.error);
    nn::Index elements = 0;
    nn::Real worst = 0;
    for (const nn::gradcheck::TensorResult& t : report.tensors) {
      elements += t.checked;
      worst = std::max(worst, t.rel_error);
    }
    fmt::print("check {:.4f} cpu {:.4f} elements {} passed {:d} rel_error {:.2e}\n", wall, cpu,
               elements, report.passed(), worst);
    std::fflush(stdout);
    if (!report.passed())  // the time of a check that fails on correct code means nothing
      throw std::runtime_error("the check failed:\n" + nn::gradcheck::to_text(report));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Config c = parse(argc, argv);
  try {
    run(c);
  } catch (const std::exception& e) {
    fmt::print(stderr, "bench_gradcheck: {}\n", e.what());
    return 1;
  }
  return 0;
}
