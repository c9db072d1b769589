// Normalisation on the circle when x2 is measured in other units (x2 * 1000 +
// 5000, as grams beside metres). The same MLP is trained on the raw inputs, on
// z-scores fitted on the training part (and applied unchanged to the test
// part), and on min-max scaling to [-1, 1] fitted the same way; then the
// z-scored model is tested once more with each small test batch scaled by its
// own mean and standard deviation, a mistake. Prints the table and writes the
// decision boundaries as SVG pictures.
//
//   lab08_normalisation [output_dir]     (default: the current directory)
#include <fmt/format.h>

#include <exception>
#include <string>

#include "08-training/playground.hpp"
#include "nn/core/sequential.hpp"
#include "nn/data/labels.hpp"
#include "nn/data/min_max_scaler.hpp"
#include "nn/data/split.hpp"
#include "nn/data/standard_scaler.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/metrics/classification.hpp"
#include "nn/optim/sgd.hpp"
#include "nn/plot/decision_boundary.hpp"
#include "nn/plot/svg.hpp"
#include "nn/train/fit.hpp"

namespace {

// Trains a fresh 2-8-2 tanh MLP on (X, y) with SGD(0.1), mini-batches of 10, 100 epochs.
void train(nn::Sequential& model, const nn::Mat& X, const nn::Labels& y) {
  model.add<nn::Linear>(2, 8, 1);
  model.add<nn::Tanh>();
  model.add<nn::Linear>(8, 2, 2);
  nn::SoftmaxCrossEntropyLoss loss;
  nn::SGD sgd(0.1);
  nn::FitOptions options;
  options.epochs = 100;
  options.batch_size = 10;
  options.progress = nn::FitOptions::Progress::Never;
  nn::fit(model, loss, sgd, X, nn::data::one_hot(y, 2), options);
}

// The mistake: each batch of `size` test rows standardised with its own mean and deviation.
nn::Mat scaled_batch_by_batch(const nn::Mat& X, nn::Index size) {
  nn::Mat out(X.n_rows, X.n_cols);
  for (nn::Index start = 0; start < X.n_rows; start += size) {
    const nn::Index end = std::min(start + size, X.n_rows) - 1;
    nn::data::StandardScaler own;
    out.rows(start, end) = own.fit_transform(X.rows(start, end));
  }
  return out;
}

void row(const std::string& inputs, nn::Real train_acc, nn::Real test_acc) {
  fmt::print("{:<46} {:>8.1f}% {:>8.1f}%\n", inputs, 100 * train_acc, 100 * test_acc);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : ".";
  try {
    nn::data::Dataset data = lab08::playground_set("circle", 400, 0.2, /*seed=*/1);
    data.X.col(1) = data.X.col(1) * 1000 + 5000;  // x2 in other units
    const nn::data::DataSplit s = nn::data::split(data, 0, 0.25, /*seed=*/2, true);
    const nn::Labels& y = s.train.y;
    fmt::print("circle with x2 * 1000 + 5000: training part x1 in [{:.1f}, {:.1f}], x2 in "
               "[{:.0f}, {:.0f}]\n",
               s.train.X.col(0).min(), s.train.X.col(0).max(), s.train.X.col(1).min(),
               s.train.X.col(1).max());

    nn::data::StandardScaler z;
    const nn::Mat X_z = z.fit_transform(s.train.X);  // the training part only
    fmt::print("z-scores learnt from the training part: mean ({:.3f}, {:.1f}), std ({:.3f}, "
               "{:.1f})\n\n",
               z.mean()(0), z.mean()(1), z.stddev()(0), z.stddev()(1));
    fmt::print("{:<46} {:>9} {:>9}\n", "inputs", "train acc", "test acc");

    nn::Sequential raw;
    train(raw, s.train.X, y);
    row("raw", nn::metrics::accuracy(y, nn::predict_classes(raw, s.train.X)),
        nn::metrics::accuracy(s.test.y, nn::predict_classes(raw, s.test.X)));

    nn::Sequential zscored;
    train(zscored, X_z, y);
    row("z-scores fitted on the training part",
        nn::metrics::accuracy(y, nn::predict_classes(zscored, X_z)),
        nn::metrics::accuracy(s.test.y, nn::predict_classes(zscored, z.transform(s.test.X))));

    nn::data::MinMaxScaler mm(-1, 1);
    const nn::Mat X_mm = mm.fit_transform(s.train.X);
    nn::Sequential minmax;
    train(minmax, X_mm, y);
    row("min-max [-1, 1] fitted on the training part",
        nn::metrics::accuracy(y, nn::predict_classes(minmax, X_mm)),
        nn::metrics::accuracy(s.test.y, nn::predict_classes(minmax, mm.transform(s.test.X))));

    for (nn::Index size : {20, 5}) {  // the same model; only the test inputs change
      const nn::Mat X_wrong = scaled_batch_by_batch(s.test.X, size);
      fmt::print("{:<46} {:>9} {:>8.1f}%\n",
                 fmt::format("the same, test batches of {} scaled by their own", size), "",
                 100 * nn::metrics::accuracy(s.test.y, nn::predict_classes(zscored, X_wrong)));
    }

    nn::plot::BoundaryOptions o;
    o.title = "Raw inputs (x2 in other units)";
    nn::plot::save(dir + "/normalisation_raw.svg",
                   nn::plot::decision_boundary(raw, s.train.X, y, o));
    o.title = "Z-scores fitted on the training part";
    nn::plot::save(dir + "/normalisation_zscore.svg", nn::plot::decision_boundary(zscored, X_z, y, o));
    fmt::print("\nwrote {0}/normalisation_raw.svg and {0}/normalisation_zscore.svg\n", dir);
  } catch (const std::exception& e) {
    fmt::print(stderr, "lab08_normalisation: {}\n", e.what());
    return 1;
  }
  return 0;
}
