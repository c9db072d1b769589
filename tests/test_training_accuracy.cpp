// End-to-end: small MLPs trained with fit() reach a held-out test accuracy on the
// synthetic 2-D sets and on Iris and digits. The scaler is fitted on the
// training part only. Solution build only. Every seed is fixed and stated.
#include <gtest/gtest.h>

#include <string>

#include "nn/core/sequential.hpp"
#include "nn/data/csv.hpp"
#include "nn/data/split.hpp"
#include "nn/data/standard_scaler.hpp"
#include "nn/data/synthetic.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/relu.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/metrics/classification.hpp"
#include "nn/optim/adam.hpp"
#include "nn/train/fit.hpp"

namespace {

using namespace nn;

struct Result {
  Real test_accuracy;
  History history;
};

// Splits (stratified; validation, test fractions), scales, trains `model` with
// Adam and early stopping on the validation part, and scores it on the test part.
Result train_and_test(Sequential& model, const data::Dataset& d, Real lr, Index epochs, Index batch,
                      std::uint64_t split_seed) {
  const data::DataSplit s = data::split(d, 0.15, 0.25, split_seed, true);
  data::StandardScaler scaler;
  const Mat X = scaler.fit_transform(s.train.X);  // training data only
  const Mat Xv = scaler.transform(s.validation.X);
  const Mat Xt = scaler.transform(s.test.X);
  const Index C = d.n_classes();
  SoftmaxCrossEntropyLoss loss;
  Adam adam(lr);
  FitOptions o;
  o.epochs = epochs;
  o.batch_size = batch;
  o.shuffle_seed = 7;
  o.patience = 30;
  o.progress = FitOptions::Progress::Never;
  History h = fit(model, loss, adam, X, data::one_hot(s.train.y, C), Xv,
                  data::one_hot(s.validation.y, C), o);
  return {metrics::accuracy(s.test.y, predict_classes(model, Xt)), h};
}

void report(const std::string& what, const Result& r) {
  std::printf("%s: test accuracy %.4f after %zu epochs (best %llu)\n", what.c_str(),
              r.test_accuracy, r.history.epochs.size(),
              static_cast<unsigned long long>(r.history.best_epoch));
}

TEST(TrainingAccuracy, SpiralAtLeast97Percent) {
  const data::Dataset d = data::make_spiral(600, 0.1, 1);  // data seed 1, split seed 2
  Sequential model;
  model.add<Linear>(2, 32, 3);
  model.add<Tanh>();
  model.add<Linear>(32, 32, 4);
  model.add<Tanh>();
  model.add<Linear>(32, 2, 5);
  const Result r = train_and_test(model, d, 0.01, 400, 32, 2);
  report("spiral", r);
  EXPECT_GE(r.test_accuracy, 0.97);
}

TEST(TrainingAccuracy, CircleAtLeast99Percent) {
  const data::Dataset d = data::make_circle(400, 0.2, 1);  // data seed 1, split seed 2
  Sequential model;
  model.add<Linear>(2, 8, 3);
  model.add<Tanh>();
  model.add<Linear>(8, 2, 4);
  const Result r = train_and_test(model, d, 0.02, 200, 32, 2);
  report("circle", r);
  EXPECT_GE(r.test_accuracy, 0.99);
}

TEST(TrainingAccuracy, IrisAtLeast93PercentOnAverage) {
  // 39 test samples: one mistake is 2.6%, so a single split is noisy (0.90 to 0.97 over
  // split seeds 1..5). The mean over those five splits must reach 93%.
  const data::Dataset d = data::load_csv(std::string(NN_SOURCE_DIR) + "/datasets/iris.csv");
  Real sum = 0;
  for (std::uint64_t split_seed = 1; split_seed <= 5; ++split_seed) {
    Sequential model;  // layer seeds 3, 4
    model.add<Linear>(4, 16, 3);
    model.add<Tanh>();
    model.add<Linear>(16, 3, 4);
    const Result r = train_and_test(model, d, 0.01, 300, 16, split_seed);
    report("iris split " + std::to_string(split_seed), r);
    sum += r.test_accuracy;
  }
  std::printf("iris: mean test accuracy %.4f\n", sum / 5);
  EXPECT_GE(sum / 5, 0.93);
}

TEST(TrainingAccuracy, DigitsAtLeast96Percent) {
  const data::Dataset d = data::load_csv(std::string(NN_SOURCE_DIR) + "/datasets/digits.csv");
  Sequential model;  // split seed 2, layer seeds 3, 4
  model.add<Linear>(64, 64, 3);
  model.add<ReLU>();
  model.add<Linear>(64, 10, 4);
  const Result r = train_and_test(model, d, 0.002, 60, 32, 2);
  report("digits", r);
  EXPECT_GE(r.test_accuracy, 0.96);
}

}  // namespace
