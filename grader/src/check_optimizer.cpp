// Optimizer items (kind "optimizer_step"): the worker runs the student's
// optimizer for a few steps on given parameters and gradients and returns the
// parameters after each step; the reference (the worker built from solutions/,
// or the answers shipped in a handout) answers the same request. Each
// (step, parameter) pair is right when the student's update, value after minus
// value before, equals the reference's to the item's tolerance.
//
// Seeds: case_seed(master, item seed, 0, 0), recorded as "seed=S".
// Partial credit: points = max_points x (pairs right / pairs checked).
#include <fmt/format.h>

#include <cmath>

#include "check_common.hpp"
#include "nn/core/rng.hpp"
#include "nn/gradcheck/gradcheck.hpp"
#include "nn/optim/by_name.hpp"

namespace grader::checks {

namespace {

using nn::Mat;
using nn::Real;

// Hyper-parameters where a mistake in using one shows: weight decay on, and the
// running averages' factors away from their usual defaults (nn::OptimizerSettings).
constexpr Real kLearningRate = 0.1;
constexpr Real kWeightDecay = 0.05;
constexpr Real kDecay = 0.8;  // beta of the momentum forms, rho, Adam's beta1
constexpr Real kBeta2 = 0.95;
constexpr std::int64_t kSteps = 3;
constexpr std::size_t kParams = 2;  // W (2 x 3) and b (1 x 3)
const char* const kParamNames[kParams] = {"W", "b"};

// The parameters after each step, as the answer gives them: values[step][param].
std::vector<std::vector<Mat>> trajectory(const Message& answer, const std::vector<Mat>& initial) {
  std::vector<std::vector<Mat>> values(kSteps);
  for (std::int64_t st = 0; st < kSteps; ++st)
    for (std::size_t k = 0; k < kParams; ++k)
      values[st].push_back(expect_matrix(answer, fmt::format("value.{}.{}", st, k),
                                         initial[k].n_rows, initial[k].n_cols));
  return values;
}

// A plain diagnosis of a wrong update `got` where `want` was expected.
// `earlier_right`: every earlier step of this parameter was right, so the
// mistake is in a term that is zero at the first step (the state starts at 0).
Diagnosis diagnose_step(const std::string& target, std::int64_t step, const Mat& got,
                        const Mat& want, Real lr, Real tolerance, bool earlier_right) {
  Diagnosis d;
  if (!got.is_finite()) {
    d.code = code::kNonFinite;
    d.title = "The update contains NaN or Inf";
    d.hint = "Look for a division by zero or the square root of a negative number.";
  } else if (arma::norm(got) == 0) {
    d.code = code::kZero;
    d.title = "The parameters did not move";
    d.hint =
        "Either step() does not change params[i].value in place, or every update it computes "
        "is 0: look for a factor that is still zero at the first step (a state starts at 0).";
  } else if (relative_difference(got, Mat(-want)) <= tolerance) {
    d.code = code::kWrongSign;
    d.title = "The parameters moved the wrong way (sign error)";
    d.hint = "Gradient descent steps against the gradient.";
  } else if (target == "Adam" && step == 0 && std::abs(arma::abs(got).max() - lr) > 1e-3 * lr) {
    // Right, the first step is lr g / |g|: lr in every element. Of one size other than
    // lr, the bias correction is off; of sizes that vary with g, the second moment is.
    const Mat size = arma::abs(got);
    const bool one_size = size.max() - size.min() <= 1e-3 * size.max();
    d.code = one_size ? "adam_bias_correction" : "adam_second_moment";
    d.title = one_size
                  ? fmt::format("The first Adam step has size {:.4g} in every element, expected "
                                "the learning rate {:g}",
                                size.max(), lr)
                  : fmt::format("The first Adam step's size varies from {:.4g} to {:.4g} with the "
                                "gradient, expected the learning rate {:g} in every element",
                                size.min(), size.max(), lr);
    d.hint = one_size ? "Check the bias correction m / (1 - beta1^t), v / (1 - beta2^t) with t "
                        "= 1 at the first step."
                      : "At the first step m_hat = g and v_hat = g^2, so m_hat / sqrt(v_hat) is "
                        "g / |g|: check that v averages the squared gradient (g % g) and that "
                        "the update divides by its square root.";
  } else {
    const Real c = arma::accu(got % want) / std::max(arma::accu(want % want), 1e-300);
    if (relative_difference(got, Mat(c * want)) <= tolerance) {
      d.code = code::kConstantFactor;
      d.title = fmt::format("The update is {:.4g} times the expected one", c);
      d.hint = "Check the learning rate and the constant factors of the update rule.";
    } else {
      d.code = code::kDiffers;
      d.title = fmt::format("The update differs from the expected one (relative difference {:.3g})",
                            relative_difference(got, want));
      d.hint = "Compare your update with the handout's formula, term by term.";
      if (step > 0 && earlier_right) {
        d.title +=
            "; step 1 was right, so look at what uses the state kept from step to step (zero "
            "at step 1)";
        d.hint =
            "Check that the state is updated in place and kept for the next step (a reference, "
            "Mat& s = state_[i], not a copy) and that the formula uses it as the handout says.";
      }
    }
  }
  d.explanation = fmt::format("step {}: relative difference {:.3g} to the expected update",
                              step + 1, relative_difference(got, want));
  return d;
}

}  // namespace

Message optimizer_request(const RubricItem& item, std::uint64_t seed) {
  nn::Rng rng(seed);
  Message request;
  request.set_string("kind", "optimizer");
  request.set_string("target", item.target);
  request.set_real("learning_rate", kLearningRate);
  request.set_real("weight_decay", kWeightDecay);
  request.set_real("decay", kDecay);
  request.set_real("beta2", kBeta2);
  request.set_integer("steps", kSteps);
  request.set_integer("param_count", kParams);
  request.set_matrix("param.0", rng.normal(2, 3));
  request.set_matrix("param.1", rng.normal(1, 3));
  for (std::int64_t st = 0; st < kSteps; ++st) {
    request.set_matrix(fmt::format("grad.{}.0", st), rng.normal(2, 3));
    request.set_matrix(fmt::format("grad.{}.1", st), rng.normal(1, 3));
  }
  return request;
}

void run_optimizer(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
                   const WorkerRunner& run_reference, Item& out) {
  nn::make_optimizer(item.target, kLearningRate);  // throws for an unknown name
  const Real tolerance = item.tolerance > 0 ? item.tolerance : nn::gradcheck::kTolerance;
  const double pairs = static_cast<double>(kSteps * kParams);
  Tally t;
  for (std::uint64_t s : seeds_of(item)) {
    const std::uint64_t seed = case_seed(master, s, 0, 0);
    out.seeds.emplace_back(fmt::format("seed={}", s), seed);
    const Message request = optimizer_request(item, seed);
    const std::vector<Mat> initial{request.matrix("param.0"), request.matrix("param.1")};
    const std::string where = fmt::format("{} (seed {})", item.target, s);

    const Exchange ex = ask(run_worker, request);
    if (ex.answer != Answer::Ok) {
      t.unanswered(where, ex, pairs);
      continue;
    }
    std::vector<std::vector<Mat>> got;
    try {
      got = trajectory(ex.response, initial);
    } catch (const ProtocolError& e) {
      t.unusable(where, std::string("the answer is incomplete: ") + e.what(), pairs);
      continue;
    }
    std::string problem;
    std::vector<std::vector<Mat>> want;
    if (const std::optional<Message> reference =
            reference_answer(run_reference, request, problem)) {
      try {
        want = trajectory(*reference, initial);
      } catch (const ProtocolError& e) {
        problem = std::string("the reference's answer is incomplete: ") + e.what();
      }
    }
    if (want.empty()) {
      t.unusable(where, std::string("the grader cannot judge this case: ") + problem, pairs);
      continue;
    }
    // Each step's update is judged on its own: from where the student's (or
    // the reference's) previous step left the parameters.
    std::vector<bool> right_so_far(kParams, true);
    for (std::int64_t st = 0; st < kSteps; ++st)
      for (std::size_t k = 0; k < kParams; ++k) {
        const Mat& got_before = st == 0 ? initial[k] : got[st - 1][k];
        const Mat& want_before = st == 0 ? initial[k] : want[st - 1][k];
        const Mat step_got = got[st][k] - got_before;
        const Mat step_want = want[st][k] - want_before;
        t.checked += 1;
        if (step_got.is_finite() && relative_difference(step_got, step_want) <= tolerance) {
          t.passed += 1;
          continue;
        }
        Diagnosis d = diagnose_step(item.target, st, step_got, step_want, kLearningRate, tolerance,
                                    right_so_far[k]);
        right_so_far[k] = false;
        t.lines.push_back(
            fmt::format("{}: step {}, {}: {}", where, st + 1, kParamNames[k], d.title));
        out.diagnoses.push_back(
            {where, fmt::format("step {} {}", st + 1, kParamNames[k]), std::move(d)});
      }
  }
  finish(out, t, summary_line(item, t, "updates"));
}

}  // namespace grader::checks
