// run_check: the grader's side of every rubric item (see checks.hpp).
//
// Seeds. Each case of an item (a shape N x D and an item seed s) gets its own
// seed, derived from the run's master seed so that a run can be replayed:
//
//   case_seed = splitmix64(splitmix64(splitmix64(splitmix64(master) ^ s) ^ N) ^ D) mod 2^62
//
// (optimizer and training items have no shapes: N = D = 0). It seeds the
// layer's parameters (the catalogue's make(D, case_seed)), the inputs and the
// upstream gradient, and is recorded in Item::seeds as "N=4 D=5 seed=1".
//
// Partial credit. Gradient items: points = max_points x (tensors passed /
// tensors checked), over every case; a case the worker could not answer
// (crash, time-out, not implemented, an exception, garbage) counts all its
// tensors as failed. Optimizer items (check_optimizer.cpp): the same over
// (step, parameter) pairs. Exercise items (check_exercise.cpp): weighted over cases.
// Training items, per case: full credit at accuracy >= threshold, else
// (accuracy - chance) / (threshold - chance) clamped to [0, 1], chance = 1 / C;
// points = max_points x the mean credit over the cases.
//
// Status, from the worst thing that happened in any case: TimedOut, Crashed,
// NotImplemented, Error (an unusable response: a missing entry, a wrong type);
// else Passed (everything), Failed (nothing) or Partial.
#include "checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "check_common.hpp"
#include "gradient_context.hpp"
#include "exercise.hpp"
#include "nn/core/errors.hpp"
#include "nn/core/rng.hpp"
#include "nn/data/csv.hpp"
#include "nn/data/labels.hpp"
#include "nn/data/min_max_scaler.hpp"
#include "nn/data/split.hpp"
#include "nn/data/standard_scaler.hpp"
#include "nn/data/synthetic.hpp"
#include "nn/gradcheck/catalogue.hpp"
#include "nn/losses/penalties.hpp"

namespace grader {

namespace {

using nn::Index;
using nn::Mat;
using nn::Real;
namespace gc = nn::gradcheck;
using checks::Answer;
using checks::ask;
using checks::case_seed;
using checks::Exchange;
using checks::finish;
using checks::seeds_of;
using checks::Tally;

constexpr Real kPenaltyLambda = 0.1;

// The report of one gradient case, before judging.
gc::Report case_report(const std::string& subject, std::uint64_t seed, const gc::Options& o) {
  gc::Report report;
  report.subject = subject;
  report.seed = seed;
  report.step = o.step;
  report.tolerance = o.tolerance;
  return report;
}

// A case the worker gave no usable answer to: its `tensors` all count as failed.
void record_unanswered(gc::Report report, const Exchange& ex, double tensors, Tally& t, Item& out) {
  report.error = ex.text;
  report.not_implemented = ex.answer == Answer::NotImplemented;
  t.unanswered(report.subject, ex, tensors);
  out.gradients.push_back(std::move(report));
}

Item error_item(Item out, const std::string& message) {
  out.status = Status::Error;
  out.points = 0;
  out.message = message;
  return out;
}

gc::Options options_for(const RubricItem& item, std::uint64_t seed) {
  gc::Options o;
  o.seed = seed;
  o.tolerance = item.tolerance > 0 ? item.tolerance : gc::kTolerance;
  return o;
}

// Judges the claimed gradient of tensor `name` against central differences of
// f while x (the grader's own tensor) is perturbed. Full on small tensors;
// sampled elements plus random directions on large ones. A claimed gradient of
// the wrong shape fails, its Full result keeping both matrices for diagnose().
std::vector<gc::TensorResult> judge(const std::string& name, Mat& x, const Mat& claimed,
                                    const std::function<Real()>& f, const gc::Options& o) {
  const bool small = x.n_elem <= o.full_limit;
  if (claimed.n_rows != x.n_rows || claimed.n_cols != x.n_cols) {
    const Mat zeros(x.n_rows, x.n_cols, arma::fill::zeros);
    gc::TensorResult r =
        gc::compare(name, x, zeros, f, o, small ? gc::Method::Full : gc::Method::Sampled);
    if (small) r.analytic = claimed;
    r.rel_error = arma::datum::inf;
    r.max_abs_error = arma::datum::inf;
    r.worst.clear();
    r.passed = false;
    return {r};
  }
  if (small) return {gc::compare(name, x, claimed, f, o, gc::Method::Full)};
  return {gc::compare(name, x, claimed, f, o, gc::Method::Sampled),
          gc::compare(name, x, claimed, f, o, gc::Method::Directional)};
}

// Adds the judged tensor to the report; returns whether every result passed.
bool add_judged(gc::Report& report, std::vector<gc::TensorResult> results) {
  bool ok = true;
  for (gc::TensorResult& r : results) {
    ok = ok && r.passed;
    report.tensors.push_back(std::move(r));
  }
  return ok;
}

std::string shape_problem(const std::string& tensor, const Mat& claimed, const Mat& x) {
  if (claimed.n_rows == x.n_rows && claimed.n_cols == x.n_cols) return "";
  return fmt::format("{} is {}, expected {}", tensor, nn::shape_of(claimed), nn::shape_of(x));
}

std::string case_name(Index n, Index d, std::uint64_t seed) {
  return fmt::format("N={} D={} seed={}", n, d, seed);
}

void record_failures(Item& out, Tally& t, const gc::Report& report,
                     const std::function<Context(const gc::TensorResult&)>& context_for,
                     const std::vector<std::string>& shape_notes) {
  std::vector<TensorDiagnosis> ds = diagnose_failed(report, context_for);
  for (const std::string& note : shape_notes)
    if (!note.empty()) t.lines.push_back(report.subject + ": " + note);
  for (TensorDiagnosis& d : ds) {
    t.add_wrong(fmt::format("{} is wrong: {}", d.tensor, d.diagnosis.title), report.subject);
    out.diagnoses.push_back(std::move(d));
  }
}

std::string summary_line(const RubricItem& item, const Tally& t, const char* what) {
  return fmt::format("{}: {:g} of {:g} {} correct.", item.title.empty() ? item.id : item.title,
                     t.passed, t.checked, what);
}

void run_layer(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
               Item& out) {
  const gc::LayerCase& c = gc::layer_case(item.target);
  Tally t;
  for (const auto& [n, d] : item.shapes) {
    for (std::uint64_t s : seeds_of(item)) {
      const std::uint64_t seed = case_seed(master, s, n, d);
      out.seeds.emplace_back(case_name(n, d, s), seed);
      const gc::Options o = options_for(item, seed);
      nn::Rng rng(seed);
      std::unique_ptr<nn::Layer> layer = c.make(d, seed);
      Mat X = gc::layer_input(c, n, d, rng);
      layer->freeze_random_state(false);
      const Mat Y = layer->forward(X);
      layer->freeze_random_state(true);
      const Mat G = rng.normal(Y.n_rows, Y.n_cols);
      nn::Params params = layer->params();

      Message request;
      request.set_string("kind", "layer");
      request.set_string("target", item.target);
      request.set_integer("features", static_cast<std::int64_t>(d));
      request.set_integer("seed", static_cast<std::int64_t>(seed));
      request.set_matrix("X", X);
      request.set_matrix("G", G);
      request.set_integer("param_count", static_cast<std::int64_t>(params.size()));
      for (std::size_t k = 0; k < params.size(); ++k)
        request.set_matrix("param." + std::to_string(k), params[k].value);

      gc::Report report =
          case_report(fmt::format("{} on {}x{} (seed {})", layer->name(), n, d, s), seed, o);
      const double tensors = 1.0 + static_cast<double>(params.size());
      const Exchange ex = ask(run_worker, request);
      if (ex.answer != Answer::Ok) {
        record_unanswered(std::move(report), ex, tensors, t, out);
        continue;
      }
      std::vector<std::string> notes;
      auto f = [&] { return arma::accu(layer->forward(X) % G); };
      const double checked_before = t.checked;
      try {
        const Mat& dX = ex.response.matrix("dX");
        notes.push_back(shape_problem("dX", dX, X));
        t.passed += add_judged(report, judge("dX", X, dX, f, o)) ? 1 : 0;
        t.checked += 1;
        for (std::size_t k = 0; k < params.size(); ++k) {
          const Mat& grad = ex.response.matrix("grad." + std::to_string(k));
          notes.push_back(shape_problem(params[k].name, grad, params[k].value));
          t.passed += add_judged(report, judge(params[k].name, params[k].value, grad, f, o));
          t.checked += 1;
        }
      } catch (const ProtocolError& e) {
        // What was judged before the missing entry counts; the rest fails.
        t.checked = checked_before + tensors;
        t.garbage = true;
        t.lines.push_back(report.subject + ": the answer is incomplete: " + e.what());
        report.error = std::string("incomplete answer: ") + e.what();
      }
      layer->freeze_random_state(false);
      record_failures(
          out, t, report,
          [&](const gc::TensorResult& r) {
            return layer_context(item.target, r.tensor, X, G, params, c.kinks);
          },
          notes);
      out.gradients.push_back(std::move(report));
    }
  }
  finish(out, t, summary_line(item, t, "gradients"));
}

void run_loss(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
              Item& out) {
  const gc::LossCase& c = gc::loss_case(item.target);
  Tally t;
  for (const auto& [n, d] : item.shapes) {
    for (std::uint64_t s : seeds_of(item)) {
      const std::uint64_t seed = case_seed(master, s, n, d);
      out.seeds.emplace_back(case_name(n, d, s), seed);
      const gc::Options o = options_for(item, seed);
      nn::Rng rng(seed);
      Mat pred = c.pred(n, d, rng);
      const Mat target = c.target(pred, rng);
      std::unique_ptr<nn::Loss> loss = c.make();

      Message request;
      request.set_string("kind", "loss");
      request.set_string("target", item.target);
      request.set_matrix("pred", pred);
      request.set_matrix("target_values", target);

      gc::Report report =
          case_report(fmt::format("{} on {}x{} (seed {})", item.target, n, d, s), seed, o);
      const Exchange ex = ask(run_worker, request);
      if (ex.answer != Answer::Ok) {
        record_unanswered(std::move(report), ex, 1, t, out);
        continue;
      }
      std::vector<std::string> notes;
      t.checked += 1;
      try {
        const Mat& dPred = ex.response.matrix("dPred");
        notes.push_back(shape_problem("dPred", dPred, pred));
        t.passed += add_judged(
            report, judge(
                        "dPred", pred, dPred, [&] { return loss->forward(pred, target); }, o));
      } catch (const ProtocolError& e) {
        t.garbage = true;
        t.lines.push_back(report.subject + ": the answer is incomplete: " + e.what());
        report.error = std::string("incomplete answer: ") + e.what();
      }
      record_failures(
          out, t, report,
          [&](const gc::TensorResult&) { return loss_context(n, d); },
          notes);
      out.gradients.push_back(std::move(report));
    }
  }
  finish(out, t, summary_line(item, t, "gradients"));
}

std::unique_ptr<nn::Penalty> make_penalty(const std::string& name, Real lambda) {
  if (name == "L1Penalty") return std::make_unique<nn::L1Penalty>(lambda);
  if (name == "L2Penalty") return std::make_unique<nn::L2Penalty>(lambda);
  throw std::out_of_range("no penalty named '" + name + "'");
}

void run_penalty(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
                 Item& out) {
  std::unique_ptr<nn::Penalty> penalty = make_penalty(item.target, kPenaltyLambda);
  Tally t;
  for (const auto& [n, d] : item.shapes) {
    for (std::uint64_t s : seeds_of(item)) {
      const std::uint64_t seed = case_seed(master, s, n, d);
      out.seeds.emplace_back(case_name(n, d, s), seed);
      const gc::Options o = options_for(item, seed);
      nn::Rng rng(seed);
      // W is N x D, kept away from |w|'s kink at 0; b is 1 x D.
      Mat W = gc::away_from_kinks(rng.normal(n, d), {0}, 0.05);
      Mat b = rng.normal(1, d);
      Mat dW_unused(n, d, arma::fill::zeros), db_unused(1, d, arma::fill::zeros);
      nn::Params params{{"W", W, dW_unused}, {"b", b, db_unused}};

      Message request;
      request.set_string("kind", "penalty");
      request.set_string("target", item.target);
      request.set_real("lambda", kPenaltyLambda);
      request.set_matrix("W", W);
      request.set_matrix("b", b);

      gc::Report report =
          case_report(fmt::format("{} on W {}x{} (seed {})", penalty->name(), n, d, s), seed, o);
      const Exchange ex = ask(run_worker, request);
      if (ex.answer != Answer::Ok) {
        record_unanswered(std::move(report), ex, 2, t, out);
        continue;
      }
      std::vector<std::string> notes;
      auto f = [&] { return penalty->value(params); };
      t.checked += 2;
      try {
        const Mat& dW = ex.response.matrix("dW");
        notes.push_back(shape_problem("dW", dW, W));
        t.passed += add_judged(report, judge("W", W, dW, f, o));
        // The penalty does not depend on b: its numerical gradient is 0.
        const Mat& db = ex.response.matrix("db");
        notes.push_back(shape_problem("db", db, b));
        t.passed += add_judged(report, judge("b", b, db, f, o));
      } catch (const ProtocolError& e) {
        t.garbage = true;
        t.lines.push_back(report.subject + ": the answer is incomplete: " + e.what());
        report.error = std::string("incomplete answer: ") + e.what();
      }
      record_failures(
          out, t, report,
          [&](const gc::TensorResult& r) { return penalty_context(r.tensor, W); },
          notes);
      out.gradients.push_back(std::move(report));
    }
  }
  finish(out, t, summary_line(item, t, "gradients"));
}

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

nn::data::Dataset make_dataset(const std::string& name, std::uint64_t seed) {
  if (name == "spiral") return nn::data::make_spiral(600, 0.1, seed);
  if (name == "circle") return nn::data::make_circle(400, 0.2, seed);
  if (name == "xor") return nn::data::make_xor(400, 0.2, seed);
  if (name == "gaussian") return nn::data::make_gaussian(400, 0.2, seed);
  if (name == "moons") return nn::data::make_moons(400, 0.2, seed);
  if (name == "digits") return nn::data::load_csv(NN_SOURCE_DIR "/datasets/digits.csv");  // lab 11
  throw std::out_of_range("no training data set named '" + name + "'");
}

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
    if (item.target ==
        "digits") {  // lab 11: pixels to [0, 1], a validation part for early stopping
      split = nn::data::split(data, 0.15, 0.25, seed + 1, true);
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
      t.garbage = true;
      t.checked += 1;
      t.lines.push_back(where + ": the answer is incomplete: " + e.what());
      continue;
    }
    Index right = 0;
    for (Index i = 0; i < scores.n_rows; ++i) {
      const arma::rowvec row = scores.row(i);
      if (row.is_finite() && row.index_max() == split.test.y(i)) ++right;
    }
    const double accuracy =
        scores.n_rows ? static_cast<double>(right) / static_cast<double>(scores.n_rows) : 0;
    if (ex.response.has("curves") && !out.history)
      out.history = history_of(ex.response.matrix("curves"));
    const double chance = 1.0 / static_cast<double>(C);
    double c = accuracy >= item.threshold
                   ? 1.0
                   : std::clamp((accuracy - chance) / (item.threshold - chance), 0.0, 1.0);
    if (!(c >= 0)) c = 0;
    t.checked += 1;
    t.passed += c;
    if (!scores.is_finite()) t.lines.push_back(where + ": the scores contain NaN or Inf");
    t.lines.push_back(fmt::format("{}: held-out accuracy {:.1f}% (needed {:.1f}%)", where,
                                  100 * accuracy, 100 * item.threshold));
  }
  finish(out, t,
         fmt::format("{}: trained on {} and tested on held-out data.",
                     item.title.empty() ? item.id : item.title, item.target));
}

}  // namespace

bool needs_reference(const RubricItem& item) {
  if (item.kind == CheckKind::OptimizerStep) return true;
  if (item.kind != CheckKind::Exercise) return false;
  const Exercise* exercise = find_exercise(item.target);
  return exercise && exercise->uses_reference;
}

std::vector<Message> reference_requests(const RubricItem& item, std::uint64_t master_seed) {
  std::vector<Message> requests;
  if (!needs_reference(item)) return requests;
  for (std::uint64_t s : seeds_of(item)) {
    const std::uint64_t seed = case_seed(master_seed, s, 0, 0);
    if (item.kind == CheckKind::OptimizerStep)
      requests.push_back(checks::optimizer_request(item, seed));
    else
      for (const ExerciseCase& c : find_exercise(item.target)->cases(seed))
        requests.push_back(checks::probe_request(item, c));
  }
  return requests;
}

Item run_check(const RubricItem& item, std::uint64_t master_seed, const WorkerRunner& run_worker,
               const WorkerRunner& run_reference) {
  const auto start = std::chrono::steady_clock::now();
  Item out;
  out.id = item.id;
  out.title = item.title;
  out.lab = item.lab;
  out.max_points = item.points;
  out.visibility = item.visibility;
  try {
    switch (item.kind) {
      case CheckKind::LayerGradient:
        run_layer(item, master_seed, run_worker, out);
        break;
      case CheckKind::LossGradient:
        run_loss(item, master_seed, run_worker, out);
        break;
      case CheckKind::PenaltyGradient:
        run_penalty(item, master_seed, run_worker, out);
        break;
      case CheckKind::OptimizerStep:
        checks::run_optimizer(item, master_seed, run_worker, run_reference, out);
        break;
      case CheckKind::Training:
        run_training(item, master_seed, run_worker, out);
        break;
      case CheckKind::Exercise:
        checks::run_exercise(item, master_seed, run_worker, run_reference, out);
        break;
    }
  } catch (const nn::NotImplemented& e) {
    out = error_item(std::move(out), std::string("the grader's reference code is missing (") +
                                         e.what() + "): grade with the solution build");
  } catch (const std::out_of_range& e) {
    out = error_item(std::move(out), "rubric item " + item.id + " names an unknown target \"" +
                                         item.target + "\": " + e.what());
  } catch (const std::exception& e) {
    out =
        error_item(std::move(out), "the grader could not check item " + item.id + ": " + e.what());
  }
  out.execution_time =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace grader
