// What the gradient items share (see check_gradient.hpp).
#include "check_gradient.hpp"

#include <fmt/format.h>

#include <optional>
#include <regex>

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

// Armadillo's message for two matrices that do not fit, e.g. "addition: incompatible
// matrix dimensions: 5x3 and 3x5", said as what it likely is; nothing for other errors.
std::optional<Diagnosis> shape_error(const std::string& text) {
  static const std::regex pattern(
      R"(([a-z ]+): incompatible matrix dimensions: (\d+)x(\d+) and (\d+)x(\d+))");
  std::smatch m;
  if (!std::regex_search(text, m, pattern)) return std::nullopt;
  const bool transposed = m[2] == m[5] && m[3] == m[4];
  Diagnosis d;
  d.code = code::kShapeMismatch;
  d.title = transposed ? "A shape mismatch inside your code: one matrix is the transpose of "
                         "what it should be"
                       : "A shape mismatch inside your code";
  d.explanation = fmt::format("Your code stopped at a {} of a {}x{} and a {}x{} matrix{}.",
                              m[1].str(), m[2].str(), m[3].str(), m[4].str(), m[5].str(),
                              transposed ? ": each is the transpose of the other" : "");
  d.hint =
      "Write the shape of every factor next to it (the layer's file lists them) and check "
      "that each gradient has the shape of its tensor.";
  return d;
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

Mat added(const Mat& answer, const Mat& prefill, int calls) {
  if (answer.n_rows != prefill.n_rows || answer.n_cols != prefill.n_cols) return answer;
  return (answer - prefill) / static_cast<nn::Real>(calls);
}

std::vector<CandidateMistake> accumulation_candidates(const gc::TensorResult& r,
                                                      const Mat& prefill, int calls) {
  if (r.numeric.n_rows != prefill.n_rows || r.numeric.n_cols != prefill.n_cols) return {};
  return {{"gradient_overwritten", "The gradient is assigned (=) instead of added (+=)",
           "backward() adds each parameter's gradient to what its grad already holds (the "
           "check fills it with other values first, and calls backward twice): a model may "
           "call backward several times (or share a parameter) before one optimizer step.",
           Mat((r.numeric - prefill) / static_cast<nn::Real>(calls))}};
}

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
    if (ex.answer == Answer::StudentError)
      if (std::optional<Diagnosis> d = shape_error(ex.text)) {
        t.lines.push_back(report.subject + ": " + d->title);
        out.diagnoses.push_back({report.subject, "backward", std::move(*d)});
      }
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
