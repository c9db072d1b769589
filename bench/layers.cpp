// Micro-benchmarks (Google Benchmark) of single layers, losses and optimizer
// steps at the shapes of the MLP 784-256-128-10: forward and backward separately,
// batch 64 and 256. Run: build/solution/bench/bench_layers (--benchmark_filter=Linear).
// Times are for comparing one build with another on the same machine, not targets.
#include <benchmark/benchmark.h>

#include "nn/data/labels.hpp"
#include "nn/data/row_gather.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/relu.hpp"
#include "nn/layers/sigmoid.hpp"
#include "nn/losses/mse.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/optim/adam.hpp"
#include "nn/optim/sgd.hpp"
#include "nn/train/training_runtime.hpp"

namespace {

nn::Mat random(nn::Index rows, nn::Index cols) { return arma::randn<nn::Mat>(rows, cols); }

// Arguments: batch N, inputs D, outputs M.
void LinearForward(benchmark::State& state) {
  nn::Linear layer(state.range(1), state.range(2), 1);
  const nn::Mat X = random(state.range(0), state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(layer.forward(X));
}
void LinearBackward(benchmark::State& state) {
  nn::Linear layer(state.range(1), state.range(2), 1);
  const nn::Mat X = random(state.range(0), state.range(1));
  const nn::Mat dZ = random(state.range(0), state.range(2));
  layer.forward(X);
  for (auto _ : state) benchmark::DoNotOptimize(layer.backward(dZ));
}
BENCHMARK(LinearForward)->Args({64, 784, 256})->Args({256, 784, 256})->Args({64, 256, 128});
BENCHMARK(LinearBackward)->Args({64, 784, 256})->Args({256, 784, 256})->Args({64, 256, 128});

// Arguments: batch N, width D.
template <class Activation>
void ActivationForward(benchmark::State& state) {
  Activation layer;
  const nn::Mat X = random(state.range(0), state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(layer.forward(X));
}
template <class Activation>
void ActivationBackward(benchmark::State& state) {
  Activation layer;
  const nn::Mat X = random(state.range(0), state.range(1));
  const nn::Mat dY = random(state.range(0), state.range(1));
  layer.forward(X);
  for (auto _ : state) benchmark::DoNotOptimize(layer.backward(dY));
}
BENCHMARK_TEMPLATE(ActivationForward, nn::ReLU)->Args({64, 256})->Args({256, 256});
BENCHMARK_TEMPLATE(ActivationBackward, nn::ReLU)->Args({64, 256})->Args({256, 256});
BENCHMARK_TEMPLATE(ActivationForward, nn::Sigmoid)->Args({64, 256});
BENCHMARK_TEMPLATE(ActivationBackward, nn::Sigmoid)->Args({64, 256});

// Arguments: batch N, classes C.
void SoftmaxCrossEntropy(benchmark::State& state) {
  nn::SoftmaxCrossEntropyLoss loss;
  const nn::Mat Z = random(state.range(0), state.range(1));
  const nn::Mat Y = nn::data::one_hot(
      arma::randi<nn::Labels>(state.range(0), arma::distr_param(0, int(state.range(1)) - 1)),
      state.range(1));
  for (auto _ : state) {
    benchmark::DoNotOptimize(loss.forward(Z, Y));
    benchmark::DoNotOptimize(loss.backward());
  }
}
void MSE(benchmark::State& state) {
  nn::MSELoss loss;
  const nn::Mat P = random(state.range(0), state.range(1));
  const nn::Mat T = random(state.range(0), state.range(1));
  for (auto _ : state) {
    benchmark::DoNotOptimize(loss.forward(P, T));
    benchmark::DoNotOptimize(loss.backward());
  }
}
BENCHMARK(SoftmaxCrossEntropy)->Args({64, 10})->Args({256, 10});
BENCHMARK(MSE)->Args({64, 10})->Args({256, 10});

// One optimizer step on the parameters of Linear(784 -> 256).
template <class Optimizer>
void OptimizerStep(benchmark::State& state) {
  nn::Linear layer(784, 256, 1);
  for (nn::Param& p : layer.params()) p.grad = random(p.grad.n_rows, p.grad.n_cols);
  Optimizer optimizer(1e-3);
  for (auto _ : state) optimizer.step(layer.params());
}
BENCHMARK_TEMPLATE(OptimizerStep, nn::SGD);
BENCHMARK_TEMPLATE(OptimizerStep, nn::Adam);

// One shuffled mini-batch of B rows out of a 60000 x 784 matrix, as nn::fit takes them.
// Argument: batch B.
void BatchGather(benchmark::State& state) {
  const nn::Mat X = random(60000, 784);
  nn::data::RowGather gather(X);
  const arma::uvec order = arma::randperm(X.n_rows);
  const nn::Index batch = state.range(0);
  nn::Mat Xb;
  nn::Index start = 0;
  for (auto _ : state) {
    gather.rows(order, start, batch, Xb);
    start = (start + batch + batch <= X.n_rows) ? start + batch : 0;
  }
}
BENCHMARK(BatchGather)->Arg(64)->Arg(256);

}  // namespace

// As nn::fit trains small steps: one BLAS thread, freed memory kept for reuse.
int main(int argc, char** argv) {
  const nn::TrainingRuntime runtime(0);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
