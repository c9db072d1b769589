#include "result.hpp"

#include <numeric>

namespace grader {

std::string to_string(Status status) {
  switch (status) {
    case Status::Passed:
      return "passed";
    case Status::Failed:
      return "failed";
    case Status::Partial:
      return "partial";
    case Status::NotImplemented:
      return "not_implemented";
    case Status::Blocked:
      return "blocked";
    case Status::CompileError:
      return "compile_error";
    case Status::Crashed:
      return "crashed";
    case Status::TimedOut:
      return "timed_out";
    case Status::Error:
      return "error";
  }
  return "?";
}

std::string to_string(Visibility visibility) {
  switch (visibility) {
    case Visibility::Visible:
      return "visible";
    case Visibility::Hidden:
      return "hidden";
    case Visibility::AfterDueDate:
      return "after_due_date";
    case Visibility::AfterPublished:
      return "after_published";
  }
  return "?";
}

double Submission::total() const {
  return std::accumulate(items.begin(), items.end(), 0.0,
                         [](double s, const Item& i) { return s + i.points; });
}

double Submission::max_total() const {
  return std::accumulate(items.begin(), items.end(), 0.0,
                         [](double s, const Item& i) { return s + i.max_points; });
}

std::vector<TensorDiagnosis> diagnose_failed(
    const nn::gradcheck::Report& report,
    const std::function<Context(const nn::gradcheck::TensorResult&)>& context_for) {
  std::vector<TensorDiagnosis> out;
  for (const nn::gradcheck::TensorResult& t : report.tensors) {
    if (t.passed) continue;
    Context context = context_for(t);
    context.tolerance = report.tolerance;
    out.push_back({report.subject, t.tensor, diagnose(t, context)});
  }
  return out;
}

const Diagnosis* find_diagnosis(const Item& item, const std::string& subject,
                                const std::string& tensor) {
  for (const TensorDiagnosis& d : item.diagnoses)
    if (d.subject == subject && d.tensor == tensor) return &d.diagnosis;
  return nullptr;
}

}  // namespace grader
