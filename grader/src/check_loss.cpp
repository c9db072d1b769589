// Loss items (kind "loss_gradient"): the worker runs the student's backward of
// a catalogue loss (nn::gradcheck) on predictions and targets; dPred is judged
// against central differences of the loss's forward, computed here.
//
// The case seed seeds the predictions and the targets (N x D).
// Credit: cases whose dPred passed / cases.
#include <fmt/format.h>

#include <memory>

#include "check_gradient.hpp"
#include "gradient_context.hpp"
#include "nn/core/rng.hpp"
#include "nn/gradcheck/catalogue.hpp"

namespace grader::checks {

using nn::Mat;
namespace gc = nn::gradcheck;

void run_loss(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
              Item& out) {
  const gc::LossCase& c = gc::loss_case(item.target);
  Tally t;
  for_each_gradient_case(
      item, master, out, [&](nn::Index n, nn::Index d, std::uint64_t s, const gc::Options& o) {
        nn::Rng rng(o.seed);
        Mat pred = c.pred(n, d, rng);
        const Mat target = c.target(pred, rng);
        std::unique_ptr<nn::Loss> loss = c.make();

        Message request;
        request.set_string("kind", "loss");
        request.set_string("target", item.target);
        request.set_matrix("pred", pred);
        request.set_matrix("target_values", target);

        run_gradient_case(
            run_worker, request, fmt::format("{} on {}x{} (seed {})", item.target, n, d, s), 1, o,
            t, out,
            [&](const Message& answer, GradientJudge& judge) {
              judge.tensor("dPred", "dPred", pred, answer.matrix("dPred"),
                           [&] { return loss->forward(pred, target); });
            },
            [&](const gc::TensorResult&) { return loss_context(*loss, pred, target); });
      });
  finish(out, t, summary_line(item, t, "gradients"));
}

}  // namespace grader::checks
