// Full batch, single sample and mini-batch training of the same MLP on the
// circle, with the same learning rate and number of epochs. Prints, per
// protocol, the steps taken, the loss and accuracy reached and the time, and
// writes each run's learning curves as an SVG picture.
//
//   lab08_protocols [output_dir]     (default: the current directory)
#include <fmt/format.h>

#include <exception>
#include <string>

#include "08-training/playground.hpp"
#include "nn/core/sequential.hpp"
#include "nn/data/labels.hpp"
#include "nn/data/split.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/metrics/classification.hpp"
#include "nn/optim/sgd.hpp"
#include "nn/plot/learning_curves.hpp"
#include "nn/plot/svg.hpp"
#include "nn/train/fit.hpp"

namespace {

struct Protocol {
  std::string name;
  nn::Index batch_size;  // 0: full batch
};

// The first epoch (1-based) whose training accuracy reached `level`, or 0 if none did.
nn::Index first_epoch_at(const nn::History& h, nn::Real level) {
  for (const nn::EpochRecord& r : h.epochs)
    if (r.train_accuracy >= level) return r.epoch + 1;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : ".";
  try {
    const nn::data::Dataset data = lab08::playground_set("circle", 400, 0.2, /*seed=*/1);
    const nn::data::DataSplit s = nn::data::split(data, 0.25, 0.25, /*seed=*/2, true);
    lab08::Inputs inputs(/*crosses=*/false);
    const nn::Mat X = inputs.fit_transform(s.train.X);  // 200 x 2
    const nn::Mat Y = nn::data::one_hot(s.train.y, 2);
    const nn::Mat X_val = inputs.transform(s.validation.X);
    const nn::Mat Y_val = nn::data::one_hot(s.validation.y, 2);
    const nn::Mat X_test = inputs.transform(s.test.X);
    const nn::Index epochs = 100;

    fmt::print("{} training points, SGD(0.1), {} epochs, MLP 2-8-2 tanh\n", X.n_rows, epochs);
    fmt::print("{:<14} {:>10} {:>11} {:>10} {:>9} {:>8} {:>9}\n", "protocol", "steps", "train loss",
               "90% at ep.", "test acc", "seconds", "ms/step");
    for (const Protocol& p : {Protocol{"full batch", 0}, Protocol{"single sample", 1},
                              Protocol{"mini-batch 16", 16}}) {
      nn::Sequential model;  // the same starting weights for every protocol
      model.add<nn::Linear>(2, 8, 1);
      model.add<nn::Tanh>();
      model.add<nn::Linear>(8, 2, 2);
      nn::SoftmaxCrossEntropyLoss loss;
      nn::SGD sgd(0.1);
      nn::FitOptions options;
      options.epochs = epochs;
      options.batch_size = p.batch_size;
      options.progress = nn::FitOptions::Progress::Never;
      const nn::History h = nn::fit(model, loss, sgd, X, Y, X_val, Y_val, options);

      double seconds = 0;
      for (const nn::EpochRecord& r : h.epochs) seconds += r.seconds;
      const nn::Index batch = p.batch_size == 0 ? X.n_rows : p.batch_size;
      const nn::Index steps = epochs * ((X.n_rows + batch - 1) / batch);
      const nn::Real test_acc = nn::metrics::accuracy(s.test.y, nn::predict_classes(model, X_test));
      const nn::Index at90 = first_epoch_at(h, 0.9);
      fmt::print("{:<14} {:>10} {:>11.4f} {:>10} {:>8.1f}% {:>8.3f} {:>9.4f}\n", p.name, steps,
                 h.epochs.back().train_loss, at90 ? fmt::format("{}", at90) : "never",
                 100 * test_acc, seconds, 1000 * seconds / static_cast<double>(steps));

      std::string file = p.name;
      for (char& c : file)
        if (c == ' ' || c == '-') c = '_';
      nn::plot::save(fmt::format("{}/protocol_{}.svg", dir, file),
                     nn::plot::learning_curves(h, fmt::format("Circle, {}: SGD(0.1)", p.name)));
    }
    fmt::print("wrote {}/protocol_*.svg\n", dir);
  } catch (const std::exception& e) {
    fmt::print(stderr, "lab08_protocols: {}\n", e.what());
    return 1;
  }
  return 0;
}
