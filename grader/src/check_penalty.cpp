// Penalty items (kind "penalty_gradient"): the worker runs the student's
// backward of an L1 or L2 penalty (lambda 0.1) on a weight matrix W and a bias
// b; dW and db are judged against central differences of the penalty's value,
// computed here (the penalty does not depend on b: its gradient there is 0).
//
// The case seed seeds W (N x D, kept away from |w|'s kink at 0) and b (1 x D).
// Credit: tensors passed / tensors checked, over every case.
#include <fmt/format.h>

#include <memory>

#include "check_gradient.hpp"
#include "gradient_context.hpp"
#include "nn/core/rng.hpp"
#include "nn/gradcheck/catalogue.hpp"
#include "nn/losses/penalties.hpp"

namespace grader::checks {

namespace {

using nn::Mat;
using nn::Real;
namespace gc = nn::gradcheck;

constexpr Real kLambda = 0.1;

std::unique_ptr<nn::Penalty> make_penalty(const std::string& name, Real lambda) {
  if (name == "L1Penalty") return std::make_unique<nn::L1Penalty>(lambda);
  if (name == "L2Penalty") return std::make_unique<nn::L2Penalty>(lambda);
  throw std::out_of_range("no penalty named '" + name + "'");
}

// The gradient the penalty would give b if b were a weight: a bias penalised too.
CandidateMistake bias_penalised(const std::string& name, const Mat& b) {
  return {"bias_penalised", "The bias is penalised too",
          "The penalty is a sum over the weights only: leave every parameter that is not a "
          "weight (is_weight(p) is false) as the loss left it.",
          name == "L1Penalty" ? Mat(kLambda * arma::sign(b)) : Mat(2 * kLambda * b)};
}

}  // namespace

void run_penalty(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
                 Item& out) {
  std::unique_ptr<nn::Penalty> penalty = make_penalty(item.target, kLambda);
  Tally t;
  for_each_gradient_case(
      item, master, out, [&](nn::Index n, nn::Index d, std::uint64_t s, const gc::Options& o) {
        nn::Rng rng(o.seed);
        Mat W = gc::away_from_kinks(rng.normal(n, d), {0}, 0.05);
        Mat b = rng.normal(1, d);
        const Mat prefill_W = rng.normal(n, d),
                  prefill_b = rng.normal(1, d);  // backward adds to them
        Mat dW_unused(n, d, arma::fill::zeros), db_unused(1, d, arma::fill::zeros);
        nn::Params params{{"W", W, dW_unused}, {"b", b, db_unused}};

        Message request;
        request.set_string("kind", "penalty");
        request.set_string("target", item.target);
        request.set_real("lambda", kLambda);
        request.set_matrix("W", W);
        request.set_matrix("b", b);
        request.set_matrix("prefill.W", prefill_W);
        request.set_matrix("prefill.b", prefill_b);

        auto f = [&] { return penalty->value(params); };
        run_gradient_case(
            run_worker, request, fmt::format("{} on W {}x{} (seed {})", penalty->name(), n, d, s),
            2, o, t, out,
            [&](const Message& answer, GradientJudge& judge) {
              judge.tensor("dW", "W", W, added(answer.matrix("dW"), prefill_W), f);
              judge.tensor("db", "b", b, added(answer.matrix("db"), prefill_b), f);
            },
            [&](const gc::TensorResult& r) {
              Context ctx = penalty_context(r.tensor, W);
              ctx.candidates = accumulation_candidates(r, r.tensor == "W" ? prefill_W : prefill_b);
              if (r.tensor == "b") ctx.candidates.push_back(bias_penalised(item.target, b));
              return ctx;
            });
      });
  finish(out, t, summary_line(item, t, "gradients"));
}

}  // namespace grader::checks
