// Benchmark: trains an MLP with nn::fit on the full Fashion-MNIST (60000 training
// images, the last 5000 of them held out for validation; 10000 test images) and
// checks that it reaches the target test accuracy. Not a unit test: ctest does not
// run it. It needs the solution build (every backward pass written); the student
// build stops at once naming the first method still to write.
//
//   bench_fashion_mnist [--epochs N] [--data DIR] [--out DIR]
//
//   --epochs N   at most N epochs (default 20); early stopping may end sooner
//   --data DIR   the four Fashion-MNIST .gz files (default /usr/share/datasets/fashion-mnist)
//   --out DIR    where to write fashion_mnist_curves.svg (default: the current directory)
//
// Prints a line per epoch (train loss and accuracy, validation loss and accuracy,
// learning rate, seconds), then the test accuracy, the total time and the
// configuration. Exit status 0 only if the test accuracy is at least 0.88.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>

#include "nn/core/errors.hpp"
#include "nn/core/sequential.hpp"
#include "nn/data/fashion_mnist.hpp"
#include "nn/data/labels.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/relu.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/metrics/classification.hpp"
#include "nn/optim/adam.hpp"
#include "nn/optim/reduce_on_plateau.hpp"
#include "nn/plot/learning_curves.hpp"
#include "nn/plot/svg.hpp"
#include "nn/train/fit.hpp"

namespace {

constexpr double kTarget = 0.88;         // the test accuracy to reach
constexpr nn::Index kValidation = 5000;  // the last rows of the training set
constexpr nn::Index kClasses = 10;

// The whole configuration, printed at the end.
struct Config {
  nn::Index epochs = 20;
  std::string data = nn::data::fashion_mnist_dir;
  std::string out = ".";
  nn::Index hidden1 = 256, hidden2 = 128;
  nn::Index batch_size = 128;
  double learning_rate = 1e-3;
  nn::Index patience = 5;       // early stopping on the validation loss
  double plateau_factor = 0.5;  // ReduceOnPlateau on the validation loss
  nn::Index plateau_patience = 2;
  std::uint64_t seed1 = 1, seed2 = 2, seed3 = 3;  // the three Linear layers' weights
  std::uint64_t shuffle_seed = 1;                 // fit's row order per epoch
};

void usage(std::FILE* to) {
  fmt::print(to,
             "usage: bench_fashion_mnist [--epochs N] [--data DIR] [--out DIR]\n"
             "  --epochs N   at most N epochs (default 20; early stopping may end sooner)\n"
             "  --data DIR   the Fashion-MNIST .gz files (default {})\n"
             "  --out DIR    where to write fashion_mnist_curves.svg (default .)\n",
             nn::data::fashion_mnist_dir);
}

// Parses argv into `config`; returns false (after a message) on a bad argument.
bool parse(int argc, char** argv, Config& config) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      usage(stdout);
      std::exit(0);
    }
    if ((arg == "--epochs" || arg == "--data" || arg == "--out") && i + 1 < argc) {
      const std::string value = argv[++i];
      if (arg == "--data") {
        config.data = value;
      } else if (arg == "--out") {
        config.out = value;
      } else {
        char* end = nullptr;
        const long n = std::strtol(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0' || n < 1) {
          fmt::print(stderr, "bench_fashion_mnist: --epochs needs a whole number >= 1, got '{}'\n",
                     value);
          return false;
        }
        config.epochs = static_cast<nn::Index>(n);
      }
      continue;
    }
    fmt::print(stderr, "bench_fashion_mnist: unknown or incomplete argument '{}'\n", arg);
    usage(stderr);
    return false;
  }
  return true;
}

void build_model(nn::Sequential& model, const Config& c) {
  model.add<nn::Linear>(784, c.hidden1, c.seed1);
  model.add<nn::ReLU>();
  model.add<nn::Linear>(c.hidden1, c.hidden2, c.seed2);
  model.add<nn::ReLU>();
  model.add<nn::Linear>(c.hidden2, kClasses, c.seed3);
}

// One training step of a throwaway copy of the model on 4 random rows, before
// loading 60000 images: in the student build it throws the first NotImplemented.
void preflight(const Config& c) {
  nn::Sequential model;
  build_model(model, c);
  nn::SoftmaxCrossEntropyLoss loss;
  nn::Adam adam(c.learning_rate);
  const nn::Mat X(4, 784, arma::fill::ones);
  const nn::Mat Y = nn::data::one_hot(nn::Labels{0, 1, 2, 3}, kClasses);
  nn::FitOptions options;
  options.epochs = 1;
  options.batch_size = 4;
  options.progress = nn::FitOptions::Progress::Never;
  nn::fit(model, loss, adam, X, Y, options);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  Config c;
  if (!parse(argc, argv, c)) return 2;
  const auto start = std::chrono::steady_clock::now();
  try {
    preflight(c);
  } catch (const nn::NotImplemented& e) {
    fmt::print(stderr,
               "bench_fashion_mnist: needs the solution build (every backward pass written).\n"
               "The first method still to write is {} ({}):\n  {}\n"
               "Build and run: cmake --preset solution && cmake --build --preset solution && "
               "build/solution/apps/bench_fashion_mnist\n",
               e.method, e.lab, e.what());
    return 1;
  }

  try {
    // Load, then split the training set: the last kValidation rows validate.
    nn::data::TrainTest data = nn::data::load_fashion_mnist(c.data);
    const nn::Index n_all = data.train.n_samples();
    if (n_all <= kValidation || data.test.n_samples() == 0)
      throw std::runtime_error(
          fmt::format("{}: expected 60000 training and 10000 test images, got {} and {}", c.data,
                      n_all, data.test.n_samples()));
    const nn::Index n_train = n_all - kValidation;
    const nn::Mat X_val = data.train.X.rows(n_train, n_all - 1);
    const nn::Mat Y_val =
        nn::data::one_hot(nn::Labels(data.train.y.subvec(n_train, n_all - 1)), kClasses);
    const nn::Mat Y = nn::data::one_hot(nn::Labels(data.train.y.head(n_train)), kClasses);
    data.train.X.shed_rows(n_train, n_all - 1);  // in place of a second 55000 x 784 copy
    const nn::Mat& X = data.train.X;
    const double load_seconds = seconds_since(start);
    fmt::print("Fashion-MNIST from {}: {} train, {} validation, {} test images ({:.1f}s to load)\n",
               c.data, n_train, kValidation, data.test.n_samples(), load_seconds);

    nn::Sequential model;
    build_model(model, c);
    nn::SoftmaxCrossEntropyLoss loss;
    nn::Adam adam(c.learning_rate);
    nn::ReduceOnPlateau plateau(c.learning_rate, c.plateau_factor, c.plateau_patience);

    nn::FitOptions options;
    options.epochs = c.epochs;
    options.batch_size = c.batch_size;
    options.shuffle_seed = c.shuffle_seed;
    options.patience = c.patience;
    options.schedule = &plateau;
    options.progress = nn::FitOptions::Progress::Never;
    options.on_epoch = [&](const nn::EpochRecord& r) {
      fmt::print("{:>5}  {:>10.4f}  {:>9.4f}  {:>8.4f}  {:>7.4f}  {:>9.2e}  {:>6.2f}\n",
                 r.epoch + 1, r.train_loss, r.train_accuracy, r.val_loss, r.val_accuracy,
                 r.learning_rate, r.seconds);
      std::fflush(stdout);
    };
    fmt::print("{:>5}  {:>10}  {:>9}  {:>8}  {:>7}  {:>9}  {:>6}\n", "epoch", "train_loss",
               "train_acc", "val_loss", "val_acc", "lr", "s");
    const auto train_start = std::chrono::steady_clock::now();
    const nn::History history = nn::fit(model, loss, adam, X, Y, X_val, Y_val, options);
    const double train_seconds = seconds_since(train_start);

    const double test_accuracy =
        nn::metrics::accuracy(data.test.y, nn::predict_classes(model, data.test.X));
    const double total_seconds = seconds_since(start);
    const nn::Index epochs_run = history.epochs.size();

    const std::string svg_path = c.out + "/fashion_mnist_curves.svg";
    nn::plot::save(
        svg_path, nn::plot::learning_curves(
                      history, fmt::format("Fashion-MNIST: 784-{}-{}-10 ReLU, Adam({:g}), batch {}",
                                           c.hidden1, c.hidden2, c.learning_rate, c.batch_size)));

    fmt::print("\nbest epoch {} (validation loss {:.4f}){}\n", history.best_epoch + 1,
               history.best_val_loss,
               history.stopped_early   ? ", stopped early, best weights restored"
               : history.restored_best ? ", best weights restored"
                                       : "");
    fmt::print("test accuracy {:.4f} (target {:.2f})\n", test_accuracy, kTarget);
    fmt::print(
        "time: {:.1f}s total = {:.1f}s loading + {:.1f}s training ({} epochs, {:.2f}s/epoch)"
        " + {:.1f}s testing and plotting\n",
        total_seconds, load_seconds, train_seconds, epochs_run,
        train_seconds / std::max<nn::Index>(1, epochs_run),
        total_seconds - load_seconds - train_seconds);
    fmt::print(
        "config: 784-{}-ReLU-{}-ReLU-10, softmax cross-entropy; Adam(lr={:g}, beta1=0.9, "
        "beta2=0.999, eps=1e-8); ReduceOnPlateau(factor={:g}, patience={}) and early "
        "stopping (patience={}) on the validation loss; batch {}, at most {} epochs; "
        "pixels / 255; Linear seeds {}, {}, {}; shuffle seed {}; validation = the last {} "
        "training images\n",
        c.hidden1, c.hidden2, c.learning_rate, c.plateau_factor, c.plateau_patience, c.patience,
        c.batch_size, c.epochs, c.seed1, c.seed2, c.seed3, c.shuffle_seed, kValidation);
    fmt::print("wrote {}\n", svg_path);

    if (test_accuracy < kTarget) {
      fmt::print(stderr,
                 "bench_fashion_mnist: FAILED: test accuracy {:.4f} is below the target {:.2f}\n",
                 test_accuracy, kTarget);
      return 1;
    }
    fmt::print("PASSED: test accuracy {:.4f} >= {:.2f}\n", test_accuracy, kTarget);
  } catch (const nn::NotImplemented& e) {
    fmt::print(stderr, "bench_fashion_mnist: needs the solution build: {}\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "bench_fashion_mnist: {}\n", e.what());
    return 1;
  }
  return 0;
}
