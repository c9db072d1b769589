// Lab 10's experiment: a network with far more weights than training points,
// what over- and under-fitting look like, and what each remedy changes.
//
//   build/<preset>/labs/lab10_overfitting [OUT_DIR]      (default: the current folder)
//
// Data: two noisy moons (noise 0.8, the classes overlap); 100 training points,
// 200 for validation, 1000 for test, each drawn with its own seed; inputs
// standardised with the training points' mean and deviation. The big network is
// 2-128-128-2 ReLU (17 026 parameters), trained full batch with Adam(0.001) for
// 1000 epochs. Runs: a model too small for the problem (linear), the big one as it
// is, then the big one with one remedy each: L2 (lambda 0.003), L1 (0.001),
// dropout (p = 0.5 after each hidden layer), early stopping (patience 100), more
// data (400 training points). Writes curves_<run>.svg (learning curves) and
// boundary_<run>.svg (decision boundary) per run, and validation_loss.svg (all
// runs' validation loss on one chart); prints a table.
// The student build stops at the first backward pass still to write.
#include <fmt/format.h>

#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "09-optimizers/curves.hpp"
#include "nn/core/sequential.hpp"
#include "nn/data/labels.hpp"
#include "nn/data/standard_scaler.hpp"
#include "nn/data/synthetic.hpp"
#include "nn/layers/dropout.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/relu.hpp"
#include "nn/losses/penalties.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/metrics/classification.hpp"
#include "nn/optim/adam.hpp"
#include "nn/plot/decision_boundary.hpp"
#include "nn/plot/learning_curves.hpp"
#include "nn/plot/svg.hpp"
#include "nn/train/fit.hpp"

namespace {

using nn::Index;
using nn::Real;

constexpr Real kNoise = 0.8;
constexpr Index kEpochs = 1000;
constexpr Index kFewPoints = 100, kManyPoints = 400;

struct Part {
  nn::Mat X;        // N x 2, standardised with the training points' statistics
  nn::Labels y;     // N classes
  nn::Mat Y;        // N x 2 one-hot
};

struct Run {
  std::string name;                                    // also the SVG files' suffix
  std::function<nn::Sequential()> network;
  Index train_points = kFewPoints;
  const nn::Penalty* penalty = nullptr;
  Index patience = 0;                                  // early stopping when > 0
};

nn::Sequential linear_model() {
  nn::Sequential model;
  model.add<nn::Linear>(2, 2, 1);
  return model;
}

// 2-128-128-2 ReLU, with a Dropout(p) after each hidden layer when p > 0.
nn::Sequential big_network(Real p) {
  nn::Sequential model;
  model.add<nn::Linear>(2, 128, 1);
  model.add<nn::ReLU>();
  if (p > 0) model.add<nn::Dropout>(p, 11);
  model.add<nn::Linear>(128, 128, 2);
  model.add<nn::ReLU>();
  if (p > 0) model.add<nn::Dropout>(p, 12);
  model.add<nn::Linear>(128, 2, 3);
  return model;
}

}  // namespace

int main(int argc, char** argv) try {
  const std::string out = argc > 1 ? argv[1] : ".";
  const nn::data::Dataset validation = nn::data::make_moons(200, kNoise, 3);
  const nn::data::Dataset test = nn::data::make_moons(1000, kNoise, 4);

  const nn::L2Penalty l2(0.003);
  const nn::L1Penalty l1(0.001);
  const std::vector<Run> runs = {
      {"linear", linear_model},
      {"big", [] { return big_network(0); }},
      {"l2", [] { return big_network(0); }, kFewPoints, &l2},
      {"l1", [] { return big_network(0); }, kFewPoints, &l1},
      {"dropout", [] { return big_network(0.5); }},
      {"early_stopping", [] { return big_network(0); }, kFewPoints, nullptr, 100},
      {"more_data", [] { return big_network(0); }, kManyPoints},
  };

  fmt::print("{:>15}  {:>6}  {:>7}  {:>6}  {:>6}  {:>8}  {:>8}  {:>6}\n", "run", "points", "train%",
             "val%", "test%", "trainloss", "val loss", "epochs");
  std::vector<lab09::Curve> val_losses;
  for (const Run& run : runs) {
    // 100 points with seed 1, or 400 with seed 2 ("more data")
    const nn::data::Dataset train =
        nn::data::make_moons(run.train_points, kNoise, run.train_points == kFewPoints ? 1 : 2);
    nn::data::StandardScaler scaler;
    const Part tr{scaler.fit_transform(train.X), train.y, nn::data::one_hot(train.y, 2)};
    const Part va{scaler.transform(validation.X), validation.y, nn::data::one_hot(validation.y, 2)};
    const nn::Mat X_test = scaler.transform(test.X);

    nn::Sequential model = run.network();
    nn::SoftmaxCrossEntropyLoss loss;
    nn::Adam adam(0.001);
    nn::FitOptions options;
    options.epochs = kEpochs;
    options.batch_size = 0;  // full batch
    options.penalty = run.penalty;
    options.patience = run.patience;
    options.progress = nn::FitOptions::Progress::Never;
    const nn::History h = nn::fit(model, loss, adam, tr.X, tr.Y, va.X, va.Y, options);

    model.eval();
    const Real train_acc = nn::metrics::accuracy(model.forward(tr.X), tr.y);
    const Real val_acc = nn::metrics::accuracy(model.forward(va.X), va.y);
    const Real test_acc = nn::metrics::accuracy(model.forward(X_test), test.y);
    const Real train_loss = nn::evaluate_loss(model, loss, tr.X, tr.Y);
    const Real val_loss = nn::evaluate_loss(model, loss, va.X, va.Y);
    fmt::print("{:>15}  {:>6}  {:>7.1f}  {:>6.1f}  {:>6.1f}  {:>8.3f}  {:>8.3f}  {:>6}\n", run.name,
               run.train_points, 100 * train_acc, 100 * val_acc, 100 * test_acc, train_loss,
               val_loss, h.epochs.size());

    nn::plot::save(out + "/curves_" + run.name + ".svg", nn::plot::learning_curves(h, run.name));
    nn::plot::BoundaryOptions boundary;
    boundary.title = run.name + ": training points";
    nn::plot::save(out + "/boundary_" + run.name + ".svg",
                   nn::plot::decision_boundary(model, tr.X, tr.y, boundary));
    val_losses.push_back({run.name, lab09::values_of(h, &nn::EpochRecord::val_loss)});
  }
  nn::plot::save(out + "/validation_loss.svg",
                 lab09::chart(val_losses, "Validation loss of each run", "validation loss", false));
  fmt::print("\n(loss columns without the penalty; accuracies after training, early stopping's\n"
             "best weights restored)  wrote {}/curves_*.svg, boundary_*.svg, validation_loss.svg\n",
             out);
  return 0;
} catch (const std::exception& e) {
  fmt::print(stderr, "lab10_overfitting: {}\n", e.what());
  return 1;
}
