// Lab 09's experiment: how the learning rate and the optimizer change training.
//
//   build/<preset>/labs/lab09_optimizers [OUT_DIR]      (default: the current folder)
//
// One problem throughout: the circle (400 points, noise 0.3, standardised) and a
// 2-16-16-2 tanh network with softmax cross-entropy, always from the same initial
// weights. Three experiments, each a chart (SVG) and a table:
//   1. lr_sweep.svg    plain gradient descent (full batch) at six learning rates
//   2. optimizers.svg  every optimizer of lib/nn/optim, mini-batches of 32
//   3. schedules.svg   SGD with a constant rate and with the three decay schedules
// The student build stops at the first update rule or schedule still to write.
#include <fmt/format.h>

#include <cmath>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "09-optimizers/curves.hpp"
#include "nn/core/sequential.hpp"
#include "nn/data/standard_scaler.hpp"
#include "nn/data/synthetic.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/optim/by_name.hpp"
#include "nn/optim/exponential_decay.hpp"
#include "nn/optim/inverse_time_decay.hpp"
#include "nn/optim/sgd.hpp"
#include "nn/optim/step_decay.hpp"
#include "nn/plot/svg.hpp"
#include "nn/train/fit.hpp"

namespace {

using nn::Index;
using nn::Real;

struct Problem {
  nn::Mat X, Y;  // 400 x 2 standardised inputs, 400 x 2 one-hot targets
};

Problem circle() {
  const nn::data::Dataset data = nn::data::make_circle(400, 0.3, 1);
  nn::data::StandardScaler scaler;
  return {scaler.fit_transform(data.X), nn::data::one_hot(data.y, 2)};
}

// The same network, with the same initial weights, for every run.
nn::Sequential network() {
  nn::Sequential model;
  model.add<nn::Linear>(2, 16, 1);
  model.add<nn::Tanh>();
  model.add<nn::Linear>(16, 16, 2);
  model.add<nn::Tanh>();
  model.add<nn::Linear>(16, 2, 3);
  return model;
}

nn::History train(const Problem& p, nn::Optimizer& optimizer, Index epochs, Index batch_size,
                  nn::Schedule* schedule = nullptr) {
  nn::Sequential model = network();
  nn::SoftmaxCrossEntropyLoss loss;
  nn::FitOptions options;
  options.epochs = epochs;
  options.batch_size = batch_size;
  options.schedule = schedule;
  options.progress = nn::FitOptions::Progress::Never;
  return nn::fit(model, loss, optimizer, p.X, p.Y, options);
}

// The first epoch (1-based) whose training loss is below `target`, or "-" if none.
std::string epochs_to(const std::vector<Real>& losses, Real target) {
  for (std::size_t e = 0; e < losses.size(); ++e)
    if (losses[e] < target) return std::to_string(e + 1);
  return "-";
}

// How many epochs had a higher loss than the epoch before: a smooth descent has none.
Index rises(const std::vector<Real>& losses) {
  Index n = 0;
  for (std::size_t e = 1; e < losses.size(); ++e)
    if (!(losses[e] <= losses[e - 1])) ++n;
  return n;
}

void learning_rate_sweep(const Problem& p, const std::string& out) {
  fmt::print("1. Plain gradient descent (full batch, 200 epochs) at six learning rates\n");
  fmt::print("{:>8}  {:>10}  {:>10}  {:>10}  {:>6}  {:>9}\n", "lr", "epoch 1", "epoch 30",
             "epoch 200", "rises", "loss<0.3");
  std::vector<lab09::Curve> curves;
  for (Real lr : {0.01, 0.1, 0.5, 2.0, 5.0, 20.0}) {
    nn::SGD sgd(lr);
    const std::vector<Real> loss =
        lab09::values_of(train(p, sgd, 200, 0), &nn::EpochRecord::train_loss);
    fmt::print("{:>8g}  {:>10.4g}  {:>10.4g}  {:>10.4g}  {:>6}  {:>9}\n", lr, loss[0], loss[29],
               loss.back(), rises(loss), epochs_to(loss, 0.3));
    curves.push_back({fmt::format("lr = {:g}", lr), loss});
  }
  nn::plot::save(out + "/lr_sweep.svg",
                 lab09::chart(curves, "Gradient descent: the learning rate", "train loss", true));
}

void all_optimizers(const Problem& p, const std::string& out) {
  fmt::print("\n2. Every optimizer (mini-batches of 32, 60 epochs)\n");
  fmt::print("{:>17}  {:>6}  {:>10}  {:>9}  {:>9}\n", "optimizer", "lr", "final loss",
             "loss<0.3", "loss<0.05");
  const std::vector<std::pair<std::string, Real>> runs = {
      {"SGD", 0.1},      {"Momentum", 0.1}, {"AveragedMomentum", 0.1}, {"Nesterov", 0.1},
      {"AdaGrad", 0.1},  {"RMSProp", 0.01}, {"AdaDelta", 1.0},         {"Adam", 0.01}};
  std::vector<lab09::Curve> curves;
  for (const auto& [name, lr] : runs) {
    std::unique_ptr<nn::Optimizer> optimizer = nn::make_optimizer(name, lr);
    const std::vector<Real> loss =
        lab09::values_of(train(p, *optimizer, 60, 32), &nn::EpochRecord::train_loss);
    fmt::print("{:>17}  {:>6g}  {:>10.4f}  {:>9}  {:>9}\n", name, lr, loss.back(),
               epochs_to(loss, 0.3), epochs_to(loss, 0.05));
    curves.push_back({name, loss});
  }
  nn::plot::save(out + "/optimizers.svg",
                 lab09::chart(curves, "Every optimizer on the circle", "train loss", true));
}

void schedules(const Problem& p, const std::string& out) {
  fmt::print("\n3. SGD (lr0 = 2, mini-batches of 32, 60 epochs) with learning-rate schedules\n");
  fmt::print("{:>28}  {:>10}  {:>10}  {:>6}\n", "schedule", "lr at 60", "final loss", "rises");
  nn::StepDecay step(2, 0.5, 10);
  nn::ExponentialDecay exponential(2, 0.05);
  nn::InverseTimeDecay inverse_time(2, 0.2);
  const std::vector<std::pair<std::string, nn::Schedule*>> runs = {
      {"constant", nullptr},
      {"step: x0.5 every 10", &step},
      {"exponential: k = 0.05", &exponential},
      {"1/t: k = 0.2", &inverse_time}};
  std::vector<lab09::Curve> curves;
  for (const auto& [name, schedule] : runs) {
    nn::SGD sgd(2);
    const nn::History h = train(p, sgd, 60, 32, schedule);
    const std::vector<Real> loss = lab09::values_of(h, &nn::EpochRecord::train_loss);
    fmt::print("{:>28}  {:>10.4g}  {:>10.4f}  {:>6}\n", name, h.epochs.back().learning_rate,
               loss.back(), rises(loss));
    curves.push_back({name, loss});
  }
  nn::plot::save(out + "/schedules.svg",
                 lab09::chart(curves, "SGD with learning-rate schedules", "train loss", true));
}

}  // namespace

int main(int argc, char** argv) try {
  const std::string out = argc > 1 ? argv[1] : ".";
  const Problem p = circle();
  learning_rate_sweep(p, out);
  all_optimizers(p, out);
  schedules(p, out);
  fmt::print("\nwrote {0}/lr_sweep.svg, {0}/optimizers.svg, {0}/schedules.svg\n", out);
  return 0;
} catch (const std::exception& e) {
  fmt::print(stderr, "lab09_optimizers: {}\n", e.what());
  return 1;
}
