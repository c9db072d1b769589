// What the gradient items share (see check_gradient.hpp).
#include "check_gradient.hpp"

#include <fmt/format.h>

namespace grader::checks {

namespace {

using nn::Mat;
using nn::Real;
namespace gc = nn::gradcheck;

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

// Diagnoses each failed tensor of the report and adds the problems to the message.
void record_failures(Item& out, Tally& t, const gc::Report& report,
                     const std::function<Context(const gc::TensorResult&)>& context_for,
                     const std::vector<std::string>& shape_notes) {
  std::vector<TensorDiagnosis> ds = diagnose_failed(report, context_for);
  for (const std::string& note : shape_notes) t.lines.push_back(report.subject + ": " + note);
  for (TensorDiagnosis& d : ds) {
    t.add_wrong(fmt::format("{} is wrong: {}", d.tensor, d.diagnosis.title), report.subject);
    out.diagnoses.push_back(std::move(d));
  }
}

}  // namespace

void for_each_gradient_case(const RubricItem& item, std::uint64_t master, Item& out,
                            const std::function<void(nn::Index n, nn::Index d, std::uint64_t s,
                                                     const gc::Options& options)>& one_case) {
  for (const auto& [n, d] : item.shapes)
    for (std::uint64_t s : seeds_of(item)) {
      const std::uint64_t seed = case_seed(master, s, n, d);
      out.seeds.emplace_back(fmt::format("N={} D={} seed={}", n, d, s), seed);
      gc::Options o;
      o.seed = seed;
      o.tolerance = item.tolerance > 0 ? item.tolerance : gc::kTolerance;
      one_case(n, d, s, o);
    }
}

void GradientJudge::tensor(const std::string& entry, const std::string& tensor, Mat& x,
                           const Mat& claimed, const std::function<Real()>& f) {
  if (claimed.n_rows != x.n_rows || claimed.n_cols != x.n_cols)
    notes_.push_back(
        fmt::format("{} is {}, expected {}", entry, nn::shape_of(claimed), nn::shape_of(x)));
  bool ok = true;
  for (gc::TensorResult& r : judge(tensor, x, claimed, f, options_)) {
    ok = ok && r.passed;
    report_.tensors.push_back(std::move(r));
  }
  passed_ += ok ? 1 : 0;
}

void run_gradient_case(
    const WorkerRunner& run_worker, const Message& request, const std::string& subject,
    double tensors, const gc::Options& options, Tally& t, Item& out,
    const std::function<void(const Message& answer, GradientJudge& judge)>& judge,
    const std::function<Context(const gc::TensorResult&)>& context_for) {
  gc::Report report;
  report.subject = subject;
  report.seed = options.seed;
  report.step = options.step;
  report.tolerance = options.tolerance;
  const Exchange ex = ask(run_worker, request);
  if (ex.answer != Answer::Ok) {
    report.error = ex.text;
    report.not_implemented = ex.answer == Answer::NotImplemented;
    t.unanswered(report.subject, ex, tensors);
    out.gradients.push_back(std::move(report));
    return;
  }
  GradientJudge j(report, options);
  t.checked += tensors;
  try {
    judge(ex.response, j);
  } catch (const ProtocolError& e) {
    t.saw(Answer::Unusable);
    t.lines.push_back(report.subject + ": the answer is incomplete: " + e.what());
    report.error = std::string("incomplete answer: ") + e.what();
  }
  t.passed += j.passed();
  record_failures(out, t, report, context_for, j.notes());
  out.gradients.push_back(std::move(report));
}

}  // namespace grader::checks
