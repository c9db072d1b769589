// Training items (kind "training"): the worker trains a network with the
// student's code on a data set's training part (the fixed recipe of
// worker.cpp, or lab 11's own network for "digits") and returns its scores on
// the held-out part; the accuracy is measured here, with labels the worker
// never sees.
//
// The case seed makes the data set (synthetic ones) and its split.
// Credit per case: 1 at accuracy >= threshold, else (accuracy - chance) /
// (threshold - chance) clamped to [0, 1], chance = 1 / C; the item's is the mean.
// A case whose training loss never fell below its first epoch's gets 0: the
// parameters never moved (an untrained network can separate easy data), or
// every step made the loss worse.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "check_common.hpp"
#include "nn/data/csv.hpp"
#include "nn/data/labels.hpp"
#include "nn/data/min_max_scaler.hpp"
#include "nn/data/split.hpp"
#include "nn/data/standard_scaler.hpp"
#include "nn/data/synthetic.hpp"

namespace grader::checks {

namespace {

using nn::Index;
using nn::Mat;

// The learning curves a training worker sent: 4 rows (train loss, validation loss,
// train accuracy, validation accuracy), one column per epoch; NaN where not measured.
History history_of(const Mat& curves) {
  History h;
  if (curves.n_rows != 4) return h;
  for (Index e = 0; e < curves.n_cols; ++e) {
    h.epochs.push_back(static_cast<int>(e) + 1);
    h.train_loss.push_back(curves(0, e));
    h.val_loss.push_back(curves(1, e));
    h.train_acc.push_back(curves(2, e));
    h.val_acc.push_back(curves(3, e));
  }
  return h;
}

// Whether training left the loss where the first epoch put it (no later epoch's
// training loss lower by more than rounding: an epoch's loss is the mean over
// shuffled batches): the parameters never moved, whatever the accuracy (an
// untrained network can already separate easy data).
bool loss_never_fell(const History& h) {
  if (h.train_loss.size() < 2 || !std::isfinite(h.train_loss[0])) return false;
  const double first = h.train_loss[0];
  for (std::size_t e = 1; e < h.train_loss.size(); ++e)
    if (h.train_loss[e] < first - 1e-9 * std::abs(first)) return false;
  return true;
}

// What the curve of a loss that never fell shows: flat (nothing moves), or rising.
std::string why_loss_never_fell(const History& h) {
  const double first = h.train_loss[0];
  double highest = first;
  for (const double loss : h.train_loss) {
    if (!std::isfinite(loss)) return fmt::format("it became {} (the steps diverge)", loss);
    highest = std::max(highest, loss);
  }
  if (highest == 0)
    return "train_step returned a loss of 0 at every step: fill result.loss with the batch's "
           "loss (the grader follows training by it)";
  if (highest <= first + 1e-9 * std::abs(first))
    return "train_step does not change the parameters (or result.loss is not the loss of the "
           "batch it trained on)";
  return fmt::format(
      "it rose to {:.4g} (at the last epoch {:.4g}): the steps make it worse; look for a gradient "
      "that is never zeroed (each step then follows the sum of every gradient so far) or a step "
      "against the update rule's direction",
      highest, h.train_loss.back());
}

nn::data::Dataset make_dataset(const std::string& name, std::uint64_t seed) {
  if (name == "spiral") return nn::data::make_spiral(600, 0.1, seed);
  if (name == "circle") return nn::data::make_circle(400, 0.2, seed);
  if (name == "xor") return nn::data::make_xor(400, 0.2, seed);
  if (name == "gaussian") return nn::data::make_gaussian(400, 0.2, seed);
  if (name == "moons") return nn::data::make_moons(400, 0.2, seed);
  if (name == "digits") return nn::data::load_csv(NN_SOURCE_DIR "/datasets/digits.csv");  // lab 11
  throw std::out_of_range("no training data set named '" + name + "'");
}

// Lab 11's digits in three parts. The test part is the instructor's held-out rows
// (grader/heldout/digits.csv: `grader release` leaves that file out of the handout,
// and those rows out of the handout's digits.csv), so that no student has their
// labels; training (80%) and validation (20%) come from the other rows. A handout
// has no held-out rows: its own check tests on a quarter of its digits.
nn::data::DataSplit digits_split(const nn::data::Dataset& all, std::uint64_t seed,
                                 bool& held_out) {
  const std::string held_out_file = NN_SOURCE_DIR "/grader/heldout/digits.csv";
  held_out = std::filesystem::exists(held_out_file);
  if (!held_out) return nn::data::split(all, 0.15, 0.25, seed, true);
  nn::data::Dataset test = nn::data::load_csv(held_out_file);
  std::set<std::vector<double>> test_rows;  // pixels and label
  auto row_of = [](const nn::data::Dataset& d, Index i) {
    std::vector<double> row(d.X.begin_row(i), d.X.end_row(i));
    row.push_back(static_cast<double>(d.y(i)));
    return row;
  };
  for (Index i = 0; i < test.X.n_rows; ++i) test_rows.insert(row_of(test, i));
  std::vector<arma::uword> rest;
  for (Index i = 0; i < all.X.n_rows; ++i)
    if (!test_rows.count(row_of(all, i))) rest.push_back(i);
  nn::data::DataSplit parts =
      nn::data::split(nn::data::subset(all, arma::uvec(rest)), 0.2, 0, seed, true);
  parts.test = std::move(test);
  return parts;
}

}  // namespace

void run_training(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
                  Item& out) {
  make_dataset(item.target, 1);  // throws for an unknown name
  Tally t;
  for (std::uint64_t s : seeds_of(item)) {
    const std::uint64_t seed = case_seed(master, s, 0, 0);
    out.seeds.emplace_back(fmt::format("seed={}", s), seed);
    const nn::data::Dataset data = make_dataset(item.target, seed);
    const Index C = data.n_classes();
    Message request;
    request.set_string("kind", "training");
    request.set_string("target", item.target);
    nn::data::DataSplit split;
    bool held_out = false;
    if (item.target ==
        "digits") {  // lab 11: pixels to [0, 1], a validation part for early stopping
      split = digits_split(data, seed + 1, held_out);
      nn::data::MinMaxScaler scaler(0, 1);
      request.set_matrix("X_train", scaler.fit_transform(split.train.X));  // the training part only
      request.set_matrix("X_val", scaler.transform(split.validation.X));
      request.set_matrix("Y_val", nn::data::one_hot(split.validation.y, C));
      request.set_matrix("X_test", scaler.transform(split.test.X));
    } else {
      split = nn::data::split(data, 0, 0.25, seed + 1, true);
      nn::data::StandardScaler scaler;
      request.set_matrix("X_train", scaler.fit_transform(split.train.X));  // the training part only
      request.set_matrix("X_test", scaler.transform(split.test.X));
    }
    request.set_matrix("Y_train", nn::data::one_hot(split.train.y, C));
    const Mat& X_test = request.matrix("X_test");
    request.set_integer("seed", static_cast<std::int64_t>(seed % 1000000));

    const std::string where = fmt::format("{} (seed {})", item.target, s);
    const Exchange ex = ask(run_worker, request);
    if (ex.answer != Answer::Ok) {
      t.unanswered(where, ex, 1);
      continue;
    }
    Mat scores;
    try {
      scores = expect_matrix(ex.response, "scores", X_test.n_rows, C);
    } catch (const ProtocolError& e) {
      t.unusable(where, std::string("the answer is incomplete: ") + e.what(), 1);
      continue;
    }
    Index right = 0;
    for (Index i = 0; i < scores.n_rows; ++i) {
      const arma::rowvec row = scores.row(i);
      if (row.is_finite() && row.index_max() == split.test.y(i)) ++right;
    }
    const double accuracy =
        scores.n_rows ? static_cast<double>(right) / static_cast<double>(scores.n_rows) : 0;
    const History history =
        ex.response.has("curves") ? history_of(ex.response.matrix("curves")) : History{};
    if (!out.history && !history.epochs.empty()) out.history = history;
    const double chance = 1.0 / static_cast<double>(C);
    double c = accuracy >= item.threshold
                   ? 1.0
                   : std::clamp((accuracy - chance) / (item.threshold - chance), 0.0, 1.0);
    if (!(c >= 0)) c = 0;
    if (loss_never_fell(history)) {
      c = 0;
      t.lines.push_back(fmt::format(
          "{}: the training loss never fell below its first epoch's {:.4g} over {} epochs (no "
          "credit, whatever the accuracy): {}",
          where, history.train_loss[0], history.train_loss.size(), why_loss_never_fell(history)));
    }
    t.checked += 1;
    t.passed += c;
    out.accuracies.push_back(accuracy);
    if (!scores.is_finite()) t.lines.push_back(where + ": the scores contain NaN or Inf");
    t.lines.push_back(fmt::format("{}: held-out accuracy {:.1f}% (needed {:.1f}%)", where,
                                  100 * accuracy, 100 * item.threshold));
    if (item.target == "digits" && !held_out)
      t.lines.push_back(
          where + ": tested on a quarter of your own digits; the grade tests on digits you "
                  "do not have");
  }
  finish(out, t,
         fmt::format("{}: trained on {} and tested on held-out data.",
                     item.title.empty() ? item.id : item.title, item.target));
}

}  // namespace grader::checks
