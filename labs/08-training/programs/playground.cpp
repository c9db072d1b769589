// The four Playground data sets, each learnt by a model without a hidden layer
// and by a small MLP, on the raw (x1, x2) and on the feature crosses. Prints the
// accuracies and writes each decision boundary as an SVG picture.
//
//   lab08_playground [output_dir]     (default: the current directory)
#include <fmt/format.h>

#include <chrono>
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
#include "nn/plot/decision_boundary.hpp"
#include "nn/plot/svg.hpp"
#include "nn/train/fit.hpp"

namespace {

// D inputs -> 2 class scores: no hidden layer (hidden = 0), or one of `hidden` tanh units.
void build(nn::Sequential& model, nn::Index D, nn::Index hidden) {
  if (hidden == 0) {
    model.add<nn::Linear>(D, 2, 1);
    return;
  }
  model.add<nn::Linear>(D, hidden, 1);
  model.add<nn::Tanh>();
  model.add<nn::Linear>(hidden, 2, 2);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : ".";
  try {
    const auto start = std::chrono::steady_clock::now();
    fmt::print("{:<9} {:<12} {:<8} {:>9} {:>9}\n", "data", "model", "inputs", "train acc",
               "test acc");
    for (const std::string& set : lab08::playground_names()) {
      const bool spiral = set == "spiral";
      const nn::data::Dataset data =
          lab08::playground_set(set, spiral ? 600 : 400, spiral ? 0.1 : 0.2, /*seed=*/1);
      const nn::data::DataSplit s = nn::data::split(data, 0, 0.25, /*seed=*/2, true);
      for (nn::Index hidden : {0, 8}) {
        for (bool crosses : {false, true}) {
          lab08::Inputs inputs(crosses);
          const nn::Mat X = inputs.fit_transform(s.train.X);  // training part only
          const nn::Mat X_test = inputs.transform(s.test.X);
          nn::Sequential model;
          build(model, inputs.columns(), hidden);
          nn::SoftmaxCrossEntropyLoss loss;
          nn::SGD sgd(0.1);
          nn::FitOptions options;
          options.epochs = 200;
          options.batch_size = 10;
          options.progress = nn::FitOptions::Progress::Never;
          nn::fit(model, loss, sgd, X, nn::data::one_hot(s.train.y, 2), options);

          const nn::Real train_acc = nn::metrics::accuracy(s.train.y, nn::predict_classes(model, X));
          const nn::Real test_acc =
              nn::metrics::accuracy(s.test.y, nn::predict_classes(model, X_test));
          const std::string model_name = hidden ? fmt::format("{} tanh", hidden) : "no hidden";
          const std::string input_name = crosses ? "crosses" : "x1, x2";
          fmt::print("{:<9} {:<12} {:<8} {:>8.1f}% {:>8.1f}%\n", set, model_name, input_name,
                     100 * train_acc, 100 * test_acc);

          lab08::OnRawPoints picture(inputs, model);
          nn::plot::BoundaryOptions o;
          o.title = fmt::format("{}: {}, inputs {} (test {:.0f}%)", set, model_name, input_name,
                                100 * test_acc);
          nn::plot::save(fmt::format("{}/playground_{}_{}_{}.svg", dir, set,
                                     hidden ? "mlp" : "linear", crosses ? "crosses" : "raw"),
                         nn::plot::decision_boundary(picture, data.X, data.y, o));
        }
      }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print("wrote 16 pictures {}/playground_*.svg in {:.1f} s\n", dir, seconds);
  } catch (const std::exception& e) {
    fmt::print(stderr, "lab08_playground: {}\n", e.what());
    return 1;
  }
  return 0;
}
