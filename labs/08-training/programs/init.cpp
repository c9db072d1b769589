// Weight initialisation compared on the spiral with a deep ReLU network
// 2-32-32-32-32-2: all zeros, one constant, small random numbers, Xavier/Glorot
// and He. Biases start at zero in every run. Prints, per scheme, the spread of
// the last hidden layer's outputs at the start, how many different hidden units
// the first layer has after training, the loss and the accuracies; writes each
// run's learning curves as an SVG picture.
//
//   lab08_init [output_dir]     (default: the current directory)
#include <fmt/format.h>

#include <exception>
#include <functional>
#include <string>

#include "08-training/playground.hpp"
#include "nn/core/rng.hpp"
#include "nn/core/sequential.hpp"
#include "nn/data/labels.hpp"
#include "nn/data/split.hpp"
#include "nn/init/init.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/relu.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/metrics/classification.hpp"
#include "nn/optim/sgd.hpp"
#include "nn/plot/learning_curves.hpp"
#include "nn/plot/svg.hpp"
#include "nn/train/fit.hpp"

namespace {

using Init = std::function<nn::Mat(nn::Index fan_in, nn::Index fan_out, nn::Rng& rng)>;

struct Scheme {
  std::string name, file;
  Init init;
};

constexpr nn::Index kWidth = 32, kHidden = 4;

// 2 -> kHidden ReLU layers of kWidth -> 2, every W from `init`, every b zero.
void build(nn::Sequential& model, const Init& init) {
  nn::Rng rng(7);
  nn::Index in = 2;
  for (nn::Index k = 0; k < kHidden; ++k) {
    model.add<nn::Linear>(in, kWidth).W = init(in, kWidth, rng);
    model.add<nn::ReLU>();
    in = kWidth;
  }
  model.add<nn::Linear>(in, 2).W = init(in, 2, rng);
}

// The number of different columns (hidden units) of W, up to 1e-9.
nn::Index distinct_units(const nn::Mat& W) {
  nn::Index count = 0;
  for (nn::Index j = 0; j < W.n_cols; ++j) {
    bool seen = false;
    for (nn::Index i = 0; i < j && !seen; ++i)
      seen = arma::abs(W.col(j) - W.col(i)).max() < 1e-9;
    if (!seen) ++count;
  }
  return count;
}

// The standard deviation of every output of the last hidden layer (before the
// output layer) for the inputs X.
nn::Real last_hidden_spread(nn::Sequential& model, const nn::Mat& X) {
  nn::Mat A = X;
  for (std::size_t k = 0; k + 1 < model.size(); ++k) A = model[k].forward(A);
  return arma::stddev(arma::vectorise(A));
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : ".";
  try {
    const nn::data::Dataset data = lab08::playground_set("spiral", 600, 0.1, /*seed=*/1);
    const nn::data::DataSplit s = nn::data::split(data, 0, 0.25, /*seed=*/2, true);
    lab08::Inputs inputs(/*crosses=*/false);
    const nn::Mat X = inputs.fit_transform(s.train.X);  // 450 x 2
    const nn::Mat Y = nn::data::one_hot(s.train.y, 2);
    const nn::Mat X_test = inputs.transform(s.test.X);

    const std::vector<Scheme> schemes = {
        {"zeros", "zeros",
         [](nn::Index i, nn::Index o, nn::Rng&) { return nn::init::zeros(i, o); }},
        {"constant 0.1", "constant",
         [](nn::Index i, nn::Index o, nn::Rng&) { return nn::init::constant(i, o, 0.1); }},
        {"normal(0, 0.01)", "small_random",
         [](nn::Index i, nn::Index o, nn::Rng& r) { return nn::init::normal(i, o, 0, 0.01, r); }},
        {"Xavier uniform", "xavier", nn::init::xavier_uniform},
        {"He normal", "he", nn::init::he_normal},
    };
    fmt::print("spiral, {} training points, MLP 2-32-32-32-32-2 ReLU, SGD(0.05), batch 16\n",
               X.n_rows);
    fmt::print("{:<16} {:>12} {:>13} {:>11} {:>10} {:>9}\n", "init", "spread at 0",
               "units after", "train loss", "train acc", "test acc");
    for (const Scheme& scheme : schemes) {
      nn::Sequential model;
      build(model, scheme.init);
      const nn::Real spread = last_hidden_spread(model, X);
      nn::SoftmaxCrossEntropyLoss loss;
      nn::SGD sgd(0.05);
      nn::FitOptions options;
      options.epochs = 150;
      options.batch_size = 16;
      options.progress = nn::FitOptions::Progress::Never;
      const nn::History h = nn::fit(model, loss, sgd, X, Y, options);

      const auto& first = static_cast<nn::Linear&>(model[0]);
      const nn::Real test_acc = nn::metrics::accuracy(s.test.y, nn::predict_classes(model, X_test));
      fmt::print("{:<16} {:>12.2e} {:>10} /{:>2} {:>11.4f} {:>9.1f}% {:>8.1f}%\n", scheme.name,
                 spread, distinct_units(first.W), kWidth, h.epochs.back().train_loss,
                 100 * h.epochs.back().train_accuracy, 100 * test_acc);

      nn::plot::save(fmt::format("{}/init_{}.svg", dir, scheme.file),
                     nn::plot::learning_curves(h, "Spiral, init " + scheme.name));
    }
    fmt::print("wrote {}/init_*.svg\n", dir);
  } catch (const std::exception& e) {
    fmt::print(stderr, "lab08_init: {}\n", e.what());
    return 1;
  }
  return 0;
}
