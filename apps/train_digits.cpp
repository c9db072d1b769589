// lab 11's driver: trains your classifier (labs/11-classifier) on the UCI digits
// and reports its accuracy on a held-out test set, with the learning curves.
//
//   train_digits [path/to/digits.csv]     writes digits_curves.svg here
#include <fmt/format.h>

#include <exception>

#include "11-classifier/classifier.hpp"
#include "nn/data/csv.hpp"
#include "nn/data/labels.hpp"
#include "nn/data/min_max_scaler.hpp"
#include "nn/data/split.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/metrics/classification.hpp"
#include "nn/plot/learning_curves.hpp"
#include "nn/plot/svg.hpp"

int main(int argc, char** argv) try {
  const std::string path = argc > 1 ? argv[1] : NN_SOURCE_DIR "/datasets/digits.csv";
  const nn::data::Dataset digits = nn::data::load_csv(path);
  // 60% training, 15% validation (early stopping), 25% test; stratified, seed 1
  const nn::data::DataSplit parts = nn::data::split(digits, 0.15, 0.25, 1, true);
  nn::data::MinMaxScaler scale(0, 1);  // fitted on the training part only
  const nn::Mat X_train = scale.fit_transform(parts.train.X);
  const nn::Mat X_val = scale.transform(parts.validation.X), X_test = scale.transform(parts.test.X);
  const nn::Mat Y_train = nn::data::one_hot(parts.train.y, lab11::kClasses);
  const nn::Mat Y_val = nn::data::one_hot(parts.validation.y, lab11::kClasses);

  auto model = lab11::make_model(1);
  lab11::Plan plan = lab11::make_plan();
  nn::SoftmaxCrossEntropyLoss loss;
  const nn::History history =
      nn::fit(*model, loss, *plan.optimizer, X_train, Y_train, X_val, Y_val, plan.options);
  model->eval();
  const double accuracy = nn::metrics::accuracy(model->forward(X_test), parts.test.y);
  nn::plot::save("digits_curves.svg", nn::plot::learning_curves(history, "Digits"));
  fmt::print("{} epochs; test accuracy {:.2f}% on {} held-out digits; curves: digits_curves.svg\n",
             history.epochs.size(), 100 * accuracy, parts.test.y.n_elem);
  return 0;
} catch (const std::exception& e) {
  fmt::print(stderr, "train_digits: {}\n", e.what());
  return 1;
}
