// Lab 11's exercises (see exercise.hpp).
//
// lab11.fashion, lab11.fashion_heldout: the student's Fashion-MNIST network and
//   plan (labs/11-classifier), trained in the worker on 850 of the course's 1000
//   training images (150 more for early stopping; a stratified split by the case
//   seed) and tested on images whose labels only the judge holds:
//     lab11.fashion          the 500 test images of datasets/fashion-mnist-small
//     lab11.fashion_heldout  1000 images drawn by the case seed from the full test
//                            set's images 501 to 10000, which the course never ships
//                            (needs the package dataset-fashion-mnist where it grades)
//   Credit per case: 1 at an accuracy >= the threshold below, else
//   (accuracy - 0.1) / (threshold - 0.1) clamped to [0, 1] (0.1: chance).
// lab11.ensemble: the student's average_probabilities on logits drawn from the
//   case seed (one case with logits of size 1000, where exp overflows unless the
//   softmax is computed stably). The judge computes the answer itself.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "exercises/lab11.hpp"

#include "exercise.hpp"
#include "exercises/answer.hpp"
#include "nn/core/rng.hpp"
#include "nn/data/fashion_mnist.hpp"
#include "nn/data/labels.hpp"
#include "nn/data/split.hpp"

namespace {

using nn::Index;
using nn::Mat;
using nn::Real;

using grader::lab11::FashionCase;
using grader::lab11::kFashionThreshold;
using grader::lab11::kHeldOutThreshold;

constexpr Index kHeldOutImages = 1000;
constexpr Index kShippedTestImages = 500;

}  // namespace

namespace grader::lab11 {

namespace {

FashionCase load_fashion_data(bool held_out, std::uint64_t seed) {
  const nn::data::TrainTest shipped =
      nn::data::load_fashion_mnist(NN_SOURCE_DIR "/datasets/fashion-mnist-small");
  FashionCase c;
  c.parts = nn::data::split(shipped.train, 0.15, 0, seed, true);
  if (!held_out) {
    c.test = shipped.test;
    return c;
  }
  const nn::data::TrainTest full = nn::data::load_fashion_mnist();
  nn::Rng rng(seed);
  arma::uvec rows(kHeldOutImages);  // distinct rows beyond the shipped ones (Fisher-Yates prefix)
  arma::uvec pool = arma::regspace<arma::uvec>(kShippedTestImages, full.test.n_samples() - 1);
  for (Index i = 0; i < kHeldOutImages; ++i) {
    std::swap(pool(i), pool(i + rng.index(pool.n_elem - i)));
    rows(i) = pool(i);
  }
  c.test = nn::data::subset(full.test, rows);
  return c;
}

}  // namespace

FashionCase fashion_data(bool held_out, std::uint64_t seed) {
  // Kept: the grader asks for a case's data to list its requests, to make them and to
  // judge them, and the held-out images come from loading the whole data set (1-2 s).
  static std::mutex mutex;
  static std::map<std::pair<bool, std::uint64_t>, FashionCase> kept;
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = kept.find({held_out, seed});
  if (it == kept.end())
    it = kept.emplace(std::make_pair(held_out, seed), load_fashion_data(held_out, seed)).first;
  return it->second;
}

}  // namespace grader::lab11

namespace {

using grader::lab11::fashion_data;

std::vector<grader::ExerciseCase> fashion_cases(bool held_out, std::uint64_t case_seed) {
  const std::uint64_t seed = case_seed % 1000000;  // the request carries it: the judge re-derives the labels
  const FashionCase data = fashion_data(held_out, seed);
  grader::ExerciseCase c;
  c.name = fmt::format("{} test images ({}), trained on 850", data.test.n_samples(),
                       held_out ? "held out" : "datasets/fashion-mnist-small");
  c.request.set_matrix("X_train", data.parts.train.X);
  c.request.set_matrix("Y_train", nn::data::one_hot(data.parts.train.y, 10));
  c.request.set_matrix("X_val", data.parts.validation.X);
  c.request.set_matrix("Y_val", nn::data::one_hot(data.parts.validation.y, 10));
  c.request.set_matrix("X_test", data.test.X);
  c.request.set_integer("seed", static_cast<std::int64_t>(seed));
  return {c};
}

grader::Verdict judge_fashion(bool held_out, const grader::ExerciseCase& c,
                              const grader::Message& student) {
  grader::Verdict v;
  const Real threshold = held_out ? kHeldOutThreshold : kFashionThreshold;
  const nn::Labels y = fashion_data(held_out, static_cast<std::uint64_t>(c.request.integer("seed")))
                           .test.y;  // the labels the worker never saw
  const Mat* answer = grader::answer::matrix(student, "scores");
  if (!answer) {
    v.message = "scores: missing from your code's answer";
    return v;
  }
  const Mat& scores = *answer;
  if (scores.n_rows != y.n_elem || scores.n_cols != 10) {
    v.message = fmt::format("scores: expected {}x10 (one row of 10 logits per test image), got {}x{}",
                            y.n_elem, scores.n_rows, scores.n_cols);
    return v;
  }
  Index right = 0;
  for (Index i = 0; i < scores.n_rows; ++i) {
    const arma::rowvec row = scores.row(i);
    if (row.is_finite() && row.index_max() == y(i)) ++right;
  }
  const Real accuracy = Real(right) / Real(y.n_elem);
  v.credit = accuracy >= threshold ? 1 : std::clamp((accuracy - 0.1) / (threshold - 0.1), 0.0, 1.0);
  if (accuracy < threshold)
    v.message = fmt::format("held-out accuracy {:.1f}%, needed {:.1f}%{}", 100 * accuracy,
                            100 * threshold,
                            scores.is_finite() ? "" : " (the scores contain NaN or Inf)");
  return v;
}

grader::Exercise fashion(bool held_out) {
  grader::Exercise e;
  e.summary = fmt::format("Fashion-MNIST classifier: accuracy on {} test images, at least {:.0f}%",
                          held_out ? "1000 held-out" : "the 500 shipped",
                          100 * (held_out ? kHeldOutThreshold : kFashionThreshold));
  e.cases = [held_out](std::uint64_t seed) { return fashion_cases(held_out, seed); };
  e.uses_reference = false;
  e.judge = [held_out](const grader::ExerciseCase& c, const grader::Message& student,
                       const grader::Message*, double) { return judge_fashion(held_out, c, student); };
  return e;
}

grader::Exercise fashion_shipped() { return fashion(false); }
grader::Exercise fashion_held_out() { return fashion(true); }

// ---- the ensemble ----

// Softmax of each row, computed stably (the row's maximum subtracted first).
Mat softmax_rows(const Mat& Z) {
  const Mat shifted = Z.each_col() - arma::max(Z, 1);
  const Mat E = arma::exp(shifted);
  return E.each_col() / arma::sum(E, 1);
}

std::vector<Mat> member_logits(const grader::Message& request) {
  std::vector<Mat> logits;
  for (std::int64_t i = 0; i < request.integer("count"); ++i)
    logits.push_back(request.matrix("logits." + std::to_string(i)));
  return logits;
}

std::vector<grader::ExerciseCase> ensemble_cases(std::uint64_t seed) {
  nn::Rng rng(seed);
  struct Shape { Index members, rows, classes; Real scale, offset; const char* name; };
  const Shape shapes[] = {{3, 6, 4, 2, 0, "3 members, 6 samples, 4 classes"},
                          {2, 4, 5, 3, 1000, "2 members, logits near 1000 (exp overflows)"},
                          {1, 5, 3, 2, 0, "1 member: its softmax"}};
  std::vector<grader::ExerciseCase> cases;
  for (const Shape& s : shapes) {
    grader::ExerciseCase c;
    c.name = s.name;
    c.request.set_integer("count", static_cast<std::int64_t>(s.members));
    for (Index k = 0; k < s.members; ++k) {
      Mat Z = rng.normal(s.rows, s.classes, 0, s.scale);
      Z += s.offset;
      c.request.set_matrix("logits." + std::to_string(k), Z);
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

grader::Verdict judge_ensemble(const grader::ExerciseCase& c, const grader::Message& student,
                               const grader::Message*, double tolerance) {
  grader::Verdict v;
  const std::vector<Mat> logits = member_logits(c.request);
  Mat want(logits[0].n_rows, logits[0].n_cols, arma::fill::zeros);
  for (const Mat& Z : logits) want += softmax_rows(Z);
  want /= Real(logits.size());
  const Mat* answer = grader::answer::matrix(student, "probabilities");
  if (!answer) {
    v.message = "probabilities: missing from your code's answer";
    return v;
  }
  const Mat& got = *answer;
  if (got.n_rows != want.n_rows || got.n_cols != want.n_cols) {
    v.message = fmt::format("probabilities: expected {}x{} (N x C, like each member's logits), got {}x{}",
                            want.n_rows, want.n_cols, got.n_rows, got.n_cols);
    return v;
  }
  if (grader::answer::all_close(got, want, tolerance)) {
    v.credit = 1;
    return v;
  }
  // What differs: the worst element.
  Index worst = 0;
  Real worst_difference = -1;
  for (Index i = 0; i < want.n_elem; ++i) {
    const Real d = std::isfinite(got(i)) ? std::abs(got(i) - want(i)) : INFINITY;
    if (d > worst_difference) worst_difference = d, worst = i;
  }
  v.message = fmt::format("probabilities differ; at ({}, {}): expected {:.9g}, got {:.9g}",
                          worst % want.n_rows, worst / want.n_rows, want(worst), got(worst));
  // The diagnosis, only where the student's answer is exactly a known mistake.
  if (!got.is_finite()) {
    if (logits[0].max() > 700)
      v.diagnosis = "NaN or Inf where the logits are large: exp(1000) overflows; subtract each "
                    "row's maximum from its logits before exp (the softmax does not change)";
    return v;
  }
  const Real K = Real(logits.size());
  Mat mean_logits(want.n_rows, want.n_cols, arma::fill::zeros);
  Mat by_columns(want.n_rows, want.n_cols, arma::fill::zeros);
  for (const Mat& Z : logits) {
    mean_logits += Z / K;
    by_columns += softmax_rows(Z.t()).t() / K;
  }
  const std::vector<std::pair<Mat, std::string>> candidates = {
      {softmax_rows(mean_logits),
       "the softmax of the mean logits: average the members' probabilities, each member's "
       "softmax first"},
      {mean_logits, "the mean of the logits, without a softmax"},
      {want * K, "the sum of the members' probabilities: divide by the number of members"},
      {softmax_rows(logits.back()), "only the last member's probabilities"},
      {by_columns, "a softmax over each column (the samples) instead of each row"}};
  for (const auto& [mistake, diagnosis] : candidates)
    if (grader::answer::all_close(got, mistake, tolerance)) {
      v.diagnosis = diagnosis;
      break;
    }
  const arma::vec off = arma::abs(arma::sum(got, 1) - 1);  // how far each row's sum is from 1
  const Index worst_row = off.index_max();
  if (v.diagnosis.empty() && off(worst_row) > 1e-6)
    v.diagnosis = fmt::format(
        "each row of P should sum to 1 (a distribution over the classes); row {} sums to {:.6g}: "
        "divide each member's e^z by its own row's sum, then average over the members",
        worst_row, arma::accu(got.row(worst_row)));
  return v;
}

grader::Exercise ensemble() {
  grader::Exercise e;
  e.summary = "an ensemble's prediction: the mean of the members' softmax probabilities";
  e.cases = ensemble_cases;
  e.uses_reference = false;
  e.judge = judge_ensemble;
  return e;
}

}  // namespace

GRADER_EXERCISE("lab11.fashion", fashion_shipped);
GRADER_EXERCISE("lab11.fashion_heldout", fashion_held_out);
GRADER_EXERCISE("lab11.ensemble", ensemble);
