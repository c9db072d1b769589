#include "nn/train/fit.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "nn/core/rng.hpp"
#include "nn/data/row_gather.hpp"
#include "nn/train/train_step.hpp"
#include "nn/train/training_runtime.hpp"

namespace nn {
namespace {

// True if every row of Y is one-hot over at least two classes: a classification task.
bool is_one_hot(const Mat& Y) {
  if (Y.n_cols < 2) return false;
  const bool zeros_and_ones = Y.is_finite() && arma::all(arma::vectorise((Y == 0) + (Y == 1)));
  return zeros_and_ones && arma::all(arma::sum(Y, 1) == 1);
}

// The number of rows of `pred` whose argmax is the 1 of the one-hot `target`.
Index count_correct(const Mat& pred, const Mat& target) {
  return arma::accu(data::argmax(pred) == data::argmax(target));
}

// 0..N-1 in a random order (Fisher-Yates), from the trainer's own generator.
arma::uvec shuffled_rows(Index n, Rng& rng) {
  arma::uvec order = arma::regspace<arma::uvec>(0, n - 1);
  for (Index i = n - 1; i > 0; --i) std::swap(order(i), order(rng.index(i + 1)));
  return order;
}

std::vector<Mat> copy_values(const Params& params) {
  std::vector<Mat> values;
  for (const Param& p : params) values.push_back(p.value);
  return values;
}

void put_values(const Params& params, const std::vector<Mat>& values) {
  for (std::size_t i = 0; i < params.size(); ++i) params[i].value = values[i];
}

void print_progress(const EpochRecord& r, Index epochs) {
  std::string line = fmt::format("epoch {:>4}/{}  loss {:.4f}", r.epoch + 1, epochs, r.train_loss);
  if (!std::isnan(r.train_accuracy)) line += fmt::format("  acc {:.3f}", r.train_accuracy);
  if (!std::isnan(r.val_loss)) line += fmt::format("  val_loss {:.4f}", r.val_loss);
  if (!std::isnan(r.val_accuracy)) line += fmt::format("  val_acc {:.3f}", r.val_accuracy);
  line += fmt::format("  lr {:.3g}  {:.2f}s", r.learning_rate, r.seconds);
  fmt::print("{}\n", line);
  std::fflush(stdout);
}

// One pass over the training data in batches; fills the record's train loss and accuracy.
// X_rows and Y_rows hold the training rows for quick mini-batches (nn/data/row_gather.hpp).
void train_one_epoch(Layer& model, Loss& loss, Optimizer& optimizer, data::RowGather& X_rows,
                     data::RowGather& Y_rows, const FitOptions& options, Rng& rng, bool classify,
                     EpochRecord& record) {
  model.train();
  const Index n = X_rows.n_rows();
  const Index batch = options.batch_size;
  const arma::uvec order = shuffled_rows(n, rng);

  Real loss_sum = 0;  // sum over batches of (batch loss x batch size)
  Index correct = 0;
  Mat Xb, Yb;  // B x D, B x K: reused by every batch
  for (Index start = 0; start < n; start += batch) {
    const Index size = std::min(batch, n - start);
    X_rows.rows(order, start, size, Xb);
    Y_rows.rows(order, start, size, Yb);

    const StepResult step = train_step(model, loss, optimizer, Xb, Yb, options.penalty);
    loss_sum += step.loss * static_cast<Real>(size);
    if (classify) correct += count_correct(step.pred, Yb);  // step.pred: B x K
  }
  record.train_loss = loss_sum / static_cast<Real>(n);
  if (classify) record.train_accuracy = static_cast<Real>(correct) / static_cast<Real>(n);
}

// Full batch: one step on all of X (N x D) and Y (N x K).
void train_full_batch(Layer& model, Loss& loss, Optimizer& optimizer, const Mat& X, const Mat& Y,
                      const FitOptions& options, bool classify, EpochRecord& record) {
  model.train();
  const StepResult step = train_step(model, loss, optimizer, X, Y, options.penalty);
  record.train_loss = step.loss;
  if (classify)
    record.train_accuracy =
        static_cast<Real>(count_correct(step.pred, Y)) / static_cast<Real>(X.n_rows);
}

// About the multiply-adds of a forward pass of `rows` samples: rows x weights.
double forward_multiply_adds(Layer& model, Index rows) {
  double weights = 0;
  for (const Param& p : model.params()) weights += static_cast<double>(p.value.n_elem);
  return weights * static_cast<double>(rows);
}

// While it lives, the model's first layer need not compute dX, the gradient with
// respect to the training data: nothing uses it (Layer::set_input_grad_needed).
class NoDataGradient {
 public:
  explicit NoDataGradient(Layer& model) : model_(model), before_(model.input_grad_needed()) {
    model_.set_input_grad_needed(false);
  }
  ~NoDataGradient() { model_.set_input_grad_needed(before_); }
  NoDataGradient(const NoDataGradient&) = delete;
  NoDataGradient& operator=(const NoDataGradient&) = delete;

 private:
  Layer& model_;
  bool before_;
};

bool progress_wanted(FitOptions::Progress progress) {
  if (progress == FitOptions::Progress::Auto) return isatty(fileno(stdout)) == 1;
  return progress == FitOptions::Progress::Always;
}

}  // namespace

Real evaluate_loss(Layer& model, Loss& loss, const Mat& X, const Mat& Y, const Penalty* penalty) {
  model.eval();
  Real value = loss.forward(model.forward(X), Y);
  if (penalty) value += penalty->value(model.params());
  return value;
}

Labels predict_classes(Layer& model, const Mat& X, Real threshold) {
  model.eval();
  const Mat out = model.forward(X);  // N x K
  if (out.n_cols == 1) return arma::conv_to<Labels>::from(out.col(0) > threshold);
  return data::argmax(out);
}

History fit(Layer& model, Loss& loss, Optimizer& optimizer, const Mat& X, const Mat& Y,
            const FitOptions& options) {
  return fit(model, loss, optimizer, X, Y, Mat(), Mat(), options);
}

History fit(Layer& model, Loss& loss, Optimizer& optimizer, const Mat& X, const Mat& Y,
            const Mat& X_val, const Mat& Y_val, const FitOptions& options) {
  if (X.n_rows == 0 || X.n_rows != Y.n_rows || X_val.n_rows != Y_val.n_rows)
    throw std::invalid_argument(fmt::format(
        "fit: X is {}x{}, Y {}x{}, X_val {}x{}, Y_val {}x{}: need rows > 0 and one target row per "
        "sample",
        X.n_rows, X.n_cols, Y.n_rows, Y.n_cols, X_val.n_rows, X_val.n_cols, Y_val.n_rows,
        Y_val.n_cols));
  const bool validate = X_val.n_rows > 0;
  if (options.patience > 0 && !validate)
    throw std::invalid_argument("fit: early stopping (patience > 0) needs validation data");
  const bool classify = is_one_hot(Y) && (!validate || is_one_hot(Y_val));
  const bool show = progress_wanted(options.progress);

  Rng rng(options.shuffle_seed);
  const bool full_batch = options.batch_size == 0 || options.batch_size >= X.n_rows;
  // Mini-batches: transposed copies of X and Y, made once (see nn/data/row_gather.hpp).
  std::optional<data::RowGather> X_rows, Y_rows;
  if (!full_batch) X_rows.emplace(X), Y_rows.emplace(Y);
  // BLAS threads for large steps, memory reuse: nn/train/training_runtime.hpp
  const TrainingRuntime runtime(
      forward_multiply_adds(model, full_batch ? X.n_rows : options.batch_size));
  const NoDataGradient no_data_gradient(model);
  History history;
  std::vector<Mat> best_values;  // a copy of the parameters at the best epoch
  Index epochs_without_improvement = 0;

  for (Index epoch = 0; epoch < options.epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    EpochRecord record;
    record.epoch = epoch;
    record.learning_rate = optimizer.learning_rate;
    if (full_batch)
      train_full_batch(model, loss, optimizer, X, Y, options, classify, record);
    else
      train_one_epoch(model, loss, optimizer, *X_rows, *Y_rows, options, rng, classify, record);

    if (validate) {
      model.eval();
      const Mat pred = model.forward(X_val);  // M x K
      record.val_loss = loss.forward(pred, Y_val);
      if (options.penalty) record.val_loss += options.penalty->value(model.params());
      if (classify)
        record.val_accuracy =
            static_cast<Real>(count_correct(pred, Y_val)) / static_cast<Real>(X_val.n_rows);
      // Only a strictly lower loss is an improvement.
      if (std::isnan(history.best_val_loss) || record.val_loss < history.best_val_loss) {
        history.best_val_loss = record.val_loss;
        history.best_epoch = epoch;
        epochs_without_improvement = 0;
        if (options.patience > 0) best_values = copy_values(model.params());
      } else {
        ++epochs_without_improvement;
      }
    }
    record.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    history.epochs.push_back(record);
    if (show) print_progress(record, options.epochs);
    if (options.on_epoch) options.on_epoch(record);

    if (options.patience > 0 && epochs_without_improvement >= options.patience) {
      history.stopped_early = epoch + 1 < options.epochs;
      break;
    }
    if (options.schedule)
      optimizer.learning_rate =
          options.schedule->next(epoch + 1, validate ? record.val_loss : record.train_loss);
  }

  if (options.patience > 0 && !best_values.empty()) {
    put_values(model.params(), best_values);
    history.restored_best = true;
  }
  model.eval();
  return history;
}

}  // namespace nn
