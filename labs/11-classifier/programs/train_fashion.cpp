// Lab 11: trains your Fashion-MNIST classifier (make_fashion_model,
// make_fashion_plan in labs/11-classifier/classifier.cpp) on the course's copy of
// 1000 training images, then an ensemble of five of them (seeds 1 to 5 for the
// weights and the order of the batches) with your average_probabilities
// (labs/11-classifier/ensemble.cpp).
//
//   build/<preset>/labs/lab11_train_fashion [DATA_DIR]
//       (default: datasets/fashion-mnist-small; any folder with the four IDX files)
//
// The 1000 training images: 850 train, 150 validate (early stopping; stratified,
// seed 1). The 500 test images are never trained on. Prints the first network's
// test report (precision, recall, confusion matrix), then each member's test
// accuracy and the ensemble's; writes fashion_curves.svg in the current folder.
#include <fmt/format.h>

#include <exception>
#include <string>
#include <vector>

#include "11-classifier/classifier.hpp"
#include "11-classifier/ensemble.hpp"
#include "11-classifier/report.hpp"
#include "nn/data/fashion_mnist.hpp"
#include "nn/data/labels.hpp"
#include "nn/data/split.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/metrics/classification.hpp"
#include "nn/plot/learning_curves.hpp"
#include "nn/plot/svg.hpp"

namespace {

constexpr int kMembers = 5;

}  // namespace

int main(int argc, char** argv) try {
  const std::string dir = argc > 1 ? argv[1] : NN_SOURCE_DIR "/datasets/fashion-mnist-small";
  const nn::data::TrainTest data = nn::data::load_fashion_mnist(dir);  // pixels in [0, 1]
  const nn::data::DataSplit parts = nn::data::split(data.train, 0.15, 0, 1, true);
  const nn::Mat Y_train = nn::data::one_hot(parts.train.y, lab11::kClasses);
  const nn::Mat Y_val = nn::data::one_hot(parts.validation.y, lab11::kClasses);
  const std::vector<std::string>& names = nn::data::fashion_mnist_class_names();

  std::vector<nn::Mat> member_logits;  // each 500 x 10, on the test images
  for (int member = 1; member <= kMembers; ++member) {
    auto model = lab11::make_fashion_model(member);
    lab11::Plan plan = lab11::make_fashion_plan();
    plan.options.progress = nn::FitOptions::Progress::Never;
    plan.options.shuffle_seed = member;  // the members differ in their batches too
    nn::SoftmaxCrossEntropyLoss loss;
    const nn::History history = nn::fit(*model, loss, *plan.optimizer, parts.train.X, Y_train,
                                        parts.validation.X, Y_val, plan.options);
    model->eval();
    member_logits.push_back(model->forward(data.test.X));
    if (member == 1) {
      nn::plot::save("fashion_curves.svg", nn::plot::learning_curves(history, "Fashion-MNIST"));
      fmt::print("network 1 (seed 1): {} epochs{}; on the {} test images:\n",
                 history.epochs.size(),
                 history.restored_best
                     ? fmt::format(" (weights of epoch {})", history.best_epoch + 1)
                     : "",
                 data.test.y.n_elem);
      lab11::print_report(member_logits.back(), data.test.y, names);
      fmt::print("\nensemble of {} networks (seeds 1 to {}): test accuracy\n", kMembers, kMembers);
    }
    fmt::print("  network {}: {:.1f}%\n", member,
               100 * nn::metrics::accuracy(member_logits.back(), data.test.y));
  }
  const nn::Mat ensemble = lab11::average_probabilities(member_logits);
  fmt::print("  ensemble:  {:.1f}%  (the mean of the {} networks' probabilities)\n",
             100 * nn::metrics::accuracy(ensemble, data.test.y), kMembers);
  fmt::print("\nlearning curves of network 1: fashion_curves.svg\n");
  return 0;
} catch (const std::exception& e) {
  fmt::print(stderr, "lab11_train_fashion: {}\n", e.what());
  return 1;
}
