// Lab 11: trains your digits classifier (make_model, make_plan in
// labs/11-classifier/classifier.cpp) and reports how it does on digits it never saw.
//
//   build/<preset>/labs/lab11_train_digits [path/to/digits.csv]
//
// 60% of the 1797 digits train, 15% validate (early stopping), 25% test; the split
// is stratified, seed 1; pixels scaled to [0, 1] with the training part's range.
// Prints the test accuracy, precision and recall per class, the confusion matrix;
// writes digits_curves.svg (learning curves) in the current folder.
#include <fmt/format.h>

#include <exception>

#include "11-classifier/classifier.hpp"
#include "11-classifier/report.hpp"
#include "nn/data/csv.hpp"
#include "nn/data/labels.hpp"
#include "nn/data/min_max_scaler.hpp"
#include "nn/data/split.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/plot/learning_curves.hpp"
#include "nn/plot/svg.hpp"

int main(int argc, char** argv) try {
  const std::string path = argc > 1 ? argv[1] : NN_SOURCE_DIR "/datasets/digits.csv";
  const nn::data::Dataset digits = nn::data::load_csv(path);
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
  nn::plot::save("digits_curves.svg", nn::plot::learning_curves(history, "Digits"));
  fmt::print("{} epochs{}; on the {} test digits:\n", history.epochs.size(),
             history.restored_best ? fmt::format(" (weights of epoch {})", history.best_epoch + 1)
                                   : "",
             parts.test.y.n_elem);
  lab11::print_report(model->forward(X_test), parts.test.y, {});
  fmt::print("\nlearning curves: digits_curves.svg\n");
  return 0;
} catch (const std::exception& e) {
  fmt::print(stderr, "lab11_train_digits: {}\n", e.what());
  return 1;
}
