// Layer items (kind "layer_gradient"): the worker runs the student's backward
// of a catalogue layer (nn::gradcheck) on an input X and an upstream gradient
// G; each tensor it returns (dX and every parameter's gradient) is judged
// against central differences of L = sum(forward(X) % G), computed here.
//
// The case seed seeds the layer's parameters (the catalogue's make(D, seed)),
// X and G. Every parameter gradient holds random values before backward, and
// backward is called twice in a row after one forward: the gradients must be
// prefill + 2 g (backward adds, +=) and the second dX the same as the first
// (backward leaves what forward kept as it was).
// Credit: tensors passed / tensors checked, over every case.
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "check_gradient.hpp"
#include "gradient_context.hpp"
#include "nn/core/rng.hpp"
#include "nn/gradcheck/catalogue.hpp"

namespace grader::checks {

using nn::Mat;
namespace gc = nn::gradcheck;

constexpr int kBackwardCalls = 2;

// The mistake of a backward that changes what forward kept (computes in place):
// named when the first call's dX was right, so that the second is what differs.
std::vector<CandidateMistake> changed_cache_candidates(const gc::TensorResult& r,
                                                       const Mat& first_dX, nn::Real tolerance) {
  if (first_dX.n_rows != r.numeric.n_rows || first_dX.n_cols != r.numeric.n_cols) return {};
  const nn::Real scale = std::max(arma::norm(first_dX, "fro"), arma::norm(r.numeric, "fro"));
  if (scale == 0 || arma::norm(first_dX - r.numeric, "fro") / scale > tolerance) return {};
  return {{"backward_changes_forward_cache",
           "The first backward call gave the right dX, the second another one",
           "backward may be called more than once after one forward: compute into new "
           "matrices, and leave what forward kept (its input, its output, a mask) unchanged.",
           r.analytic}};
}

void run_layer(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
               Item& out) {
  const gc::LayerCase& c = gc::layer_case(item.target);
  Tally t;
  for_each_gradient_case(
      item, master, out, [&](nn::Index n, nn::Index d, std::uint64_t s, const gc::Options& o) {
        nn::Rng rng(o.seed);
        std::unique_ptr<nn::Layer> layer = c.make(d, o.seed);
        Mat X = gc::layer_input(c, n, d, rng);
        layer->freeze_random_state(false);
        const Mat Y = layer->forward(X);
        layer->freeze_random_state(true);
        const Mat G = rng.normal(Y.n_rows, Y.n_cols);
        nn::Params params = layer->params();
        // Each parameter gradient holds something before backward: backward must add to it (+=).
        std::vector<Mat> prefill;
        for (const nn::Param& p : params)
          prefill.push_back(rng.normal(p.value.n_rows, p.value.n_cols));

        Message request;
        request.set_string("kind", "layer");
        request.set_string("target", item.target);
        request.set_integer("features", static_cast<std::int64_t>(d));
        request.set_integer("seed", static_cast<std::int64_t>(o.seed));
        request.set_matrix("X", X);
        request.set_matrix("G", G);
        request.set_integer("param_count", static_cast<std::int64_t>(params.size()));
        request.set_integer("backward_calls", kBackwardCalls);
        for (std::size_t k = 0; k < params.size(); ++k) {
          request.set_matrix("param." + std::to_string(k), params[k].value);
          request.set_matrix("prefill." + std::to_string(k), prefill[k]);
        }

        auto f = [&] { return arma::accu(layer->forward(X) % G); };
        Mat first_dX;  // what the first of the backward calls returned
        run_gradient_case(
            run_worker, request, fmt::format("{} on {}x{} (seed {})", layer->name(), n, d, s),
            1.0 + static_cast<double>(params.size()), o, t, out,
            [&](const Message& answer, GradientJudge& judge) {
              if (answer.has("dX.first")) first_dX = answer.matrix("dX.first");
              judge.tensor("dX", "dX", X, answer.matrix("dX"), f);
              for (std::size_t k = 0; k < params.size(); ++k)
                judge.tensor(params[k].name, params[k].name, params[k].value,
                             added(answer.matrix("grad." + std::to_string(k)), prefill[k],
                                   kBackwardCalls),
                             f);
            },
            [&](const gc::TensorResult& r) {
              Context ctx = layer_context(item.target, r.tensor, X, Y, G, params, c.kinks);
              if (r.tensor == "dX")
                for (CandidateMistake& m : changed_cache_candidates(r, first_dX, o.tolerance))
                  ctx.candidates.push_back(std::move(m));
              for (std::size_t k = 0; k < params.size(); ++k)
                if (params[k].name == r.tensor)
                  ctx.candidates = accumulation_candidates(r, prefill[k], kBackwardCalls);
              return ctx;
            });
        layer->freeze_random_state(false);
      });
  finish(out, t, summary_line(item, t, "gradients"));
}

}  // namespace grader::checks
