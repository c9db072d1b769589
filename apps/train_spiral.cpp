// Trains a small MLP on the two-arm spiral with nn::fit and writes two SVG files
// to open in a browser: the learning curves and the decision boundary.
//
//   train_spiral [output_dir]     (default: the current directory)
//
// In the student build it stops with the first backward pass still to write.
#include <fmt/format.h>

#include <exception>
#include <string>

#include "nn/core/sequential.hpp"
#include "nn/data/split.hpp"
#include "nn/data/standard_scaler.hpp"
#include "nn/data/synthetic.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/metrics/classification.hpp"
#include "nn/optim/adam.hpp"
#include "nn/plot/decision_boundary.hpp"
#include "nn/plot/learning_curves.hpp"
#include "nn/plot/svg.hpp"
#include "nn/train/fit.hpp"

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : ".";
  try {
    // 600 points, 60% train, 15% validation, 25% test; the scaler learns from train only.
    const nn::data::Dataset d = nn::data::make_spiral(600, 0.1, /*seed=*/1);
    const nn::data::DataSplit s = nn::data::split(d, 0.15, 0.25, /*seed=*/2, /*stratified=*/true);
    nn::data::StandardScaler scaler;
    const nn::Mat X = scaler.fit_transform(s.train.X);
    const nn::Mat X_val = scaler.transform(s.validation.X);
    const nn::Mat X_test = scaler.transform(s.test.X);

    nn::Sequential model;
    model.add<nn::Linear>(2, 32, 3);
    model.add<nn::Tanh>();
    model.add<nn::Linear>(32, 32, 4);
    model.add<nn::Tanh>();
    model.add<nn::Linear>(32, 2, 5);
    nn::SoftmaxCrossEntropyLoss loss;
    nn::Adam adam(0.01);

    nn::FitOptions options;
    options.epochs = 400;
    options.batch_size = 32;
    options.patience = 30;
    const nn::History history = nn::fit(model, loss, adam, X, nn::data::one_hot(s.train.y, 2),
                                        X_val, nn::data::one_hot(s.validation.y, 2), options);

    const nn::Real test_accuracy =
        nn::metrics::accuracy(s.test.y, nn::predict_classes(model, X_test));
    fmt::print("best epoch {} (validation loss {:.4f}), test accuracy {:.4f}\n",
               history.best_epoch + 1, history.best_val_loss, test_accuracy);

    nn::plot::save(dir + "/spiral_curves.svg",
                   nn::plot::learning_curves(history, "Spiral: 2-32-32-2 tanh, Adam(0.01)"));
    nn::plot::save(dir + "/spiral_boundary.svg", nn::plot::decision_boundary(model, X, s.train.y));
    fmt::print("wrote {0}/spiral_curves.svg and {0}/spiral_boundary.svg\n", dir);
  } catch (const std::exception& e) {
    fmt::print(stderr, "train_spiral: {}\n", e.what());
    return 1;
  }
  return 0;
}
