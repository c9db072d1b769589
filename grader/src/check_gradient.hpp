// What the gradient items (layer_gradient, loss_gradient, penalty_gradient)
// share: the loop over their (shape, seed) cases, and one case's exchange:
// ask the worker, judge each tensor it returned against central differences of
// the grader's own function, diagnose the failures, and keep the report.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "check_common.hpp"
#include "diagnose.hpp"
#include "nn/gradcheck/gradcheck.hpp"

namespace grader::checks {

// Runs `one_case(n, d, s, options)` for every shape N x D and item seed s, in
// that order, after recording the case's seed ("N=4 D=5 seed=1"); `options`
// carries the case seed and the item's tolerance.
void for_each_gradient_case(
    const RubricItem& item, std::uint64_t master, Item& out,
    const std::function<void(nn::Index n, nn::Index d, std::uint64_t s,
                             const nn::gradcheck::Options& options)>& one_case);

// Judges the tensors of one answer into a case's report.
class GradientJudge {
 public:
  GradientJudge(nn::gradcheck::Report& report, const nn::gradcheck::Options& options)
      : report_(report), options_(options) {}
  // Judges `claimed` as the gradient of f with respect to x (the grader's own
  // tensor, perturbed by the check). `entry` names the answer's entry in a
  // note on a wrong shape; `tensor` names the tensor in the report.
  void tensor(const std::string& entry, const std::string& tensor, nn::Mat& x,
              const nn::Mat& claimed, const std::function<nn::Real()>& f);
  double passed() const { return passed_; }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  nn::gradcheck::Report& report_;
  const nn::gradcheck::Options& options_;
  double passed_ = 0;
  std::vector<std::string> notes_;  // shape problems, for the message
};

// What one of `calls` backward calls in a row added to a gradient that held
// `prefill` before them: (answer - prefill) / calls (an answer of another shape
// is kept, to be reported as such).
nn::Mat added(const nn::Mat& answer, const nn::Mat& prefill, int calls = 1);

// The mistake of assigning a parameter gradient (=) instead of adding to it (+=),
// or of zeroing it first, for a tensor whose gradient held `prefill` before
// `calls` backward calls: the answer is then numeric, so what one call "added"
// is (numeric - prefill) / calls.
std::vector<CandidateMistake> accumulation_candidates(const nn::gradcheck::TensorResult& r,
                                                      const nn::Mat& prefill, int calls = 1);

// One gradient case: sends `request`, and unless the worker could not answer
// (then all `tensors` fail), judges the answer with `judge`, which calls
// GradientJudge::tensor for each tensor and may throw ProtocolError for a
// missing entry (the tensors judged before it count, the rest fail). Diagnoses
// each failed tensor with the context `context_for` gives it, and adds the
// report (subject `subject`) to the item.
void run_gradient_case(
    const WorkerRunner& run_worker, const Message& request, const std::string& subject,
    double tensors, const nn::gradcheck::Options& options, Tally& t, Item& out,
    const std::function<void(const Message& answer, GradientJudge& judge)>& judge,
    const std::function<Context(const nn::gradcheck::TensorResult&)>& context_for);

}  // namespace grader::checks
