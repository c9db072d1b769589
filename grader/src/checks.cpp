// run_check: the grader's side of every rubric item (see checks.hpp). Each
// kind is in its own file, check_<kind>.cpp; what they share is in
// check_common.hpp (the case seeds, one request, the totals, the status) and
// check_gradient.hpp (the gradient items' cases).
//
// Seeds. Each case of an item (a shape N x D and an item seed s) gets its own
// seed, derived from the run's master seed so that a run can be replayed:
//
//   case_seed = splitmix64(splitmix64(splitmix64(splitmix64(master) ^ s) ^ N) ^ D) mod 2^62
//
// (optimizer, training and exercise items have no shapes: N = D = 0). It seeds
// the case's inputs, and is recorded in Item::seeds as "N=4 D=5 seed=1" (or "seed=1").
//
// Accumulation. Before backward, every parameter gradient (and a penalty's dW,
// db) holds random values the grader sent; what backward added to them (the
// answer minus those values) is judged, so "=" instead of "+=" fails.
//
// Partial credit. Gradient items: points = max_points x (tensors passed /
// tensors checked), over every case; a case the worker could not answer
// (crash, time-out, not implemented, an exception, garbage) counts all its
// tensors as failed. Optimizer items: the same over (step, parameter) pairs.
// Training items: the mean of each case's credit for its held-out accuracy.
// Exercise items: the judge's credit per case, weighted by the cases' weights.
//
// Status, from the worst thing that happened in any case: TimedOut, Crashed,
// NotImplemented, Error (an unusable response: a missing entry, a wrong type;
// or a case the grader could not judge); else Passed (everything), Failed
// (nothing) or Partial.
#include "checks.hpp"

#include <chrono>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "check_common.hpp"
#include "exercise.hpp"
#include "nn/core/errors.hpp"

namespace grader {

namespace {

using checks::case_seed;
using checks::seeds_of;

Item error_item(Item out, const std::string& message) {
  out.status = Status::Error;
  out.points = 0;
  out.message = message;
  return out;
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

std::vector<Message> planned_requests(const RubricItem& item, std::uint64_t master_seed,
                                      const WorkerRunner& run_reference) {
  std::vector<Message> sent;
  const WorkerRunner record = [&sent](const Message& request) {
    sent.push_back(request);
    WorkerReply none;
    none.run.outcome = Outcome::Ok;
    none.problem = "not run: the grader is listing its requests";
    return none;
  };
  run_check(item, master_seed, record, run_reference);
  return sent;
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
        checks::run_layer(item, master_seed, run_worker, out);
        break;
      case CheckKind::LossGradient:
        checks::run_loss(item, master_seed, run_worker, out);
        break;
      case CheckKind::PenaltyGradient:
        checks::run_penalty(item, master_seed, run_worker, out);
        break;
      case CheckKind::OptimizerStep:
        checks::run_optimizer(item, master_seed, run_worker, run_reference, out);
        break;
      case CheckKind::Training:
        checks::run_training(item, master_seed, run_worker, out);
        break;
      case CheckKind::Exercise:
        checks::run_exercise(item, master_seed, run_worker, run_reference, out);
        break;
    }
  } catch (const nn::NotImplemented& e) {
    // The grader's own side ran a stub: in a student's build (`grader check`) that is
    // code still to write, such as Sequential::forward, which the check itself runs.
    out = error_item(std::move(out), std::string("not implemented yet: ") + e.what() +
                                         "\nThe grader runs it to check this item (with the "
                                         "reference solutions it would not).");
    out.status = Status::NotImplemented;
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
