// The Markdown report: a summary table, then per item its gradient checks with
// the worst elements and the diagnoses, and the seeds to replay the run.
#include <fmt/format.h>

#include "report.hpp"

namespace grader {

namespace {

// Text safe in Markdown, inside table cells too: & < > as HTML entities
// (renderers pass raw HTML through), pipes escaped, newlines as spaces.
std::string md(const std::string& text) {
  std::string out;
  for (char c : text) switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '|':
        out += "\\|";
        break;
      case '\n':
        out += ' ';
        break;
      default:
        out += c;
    }
  return out;
}

std::string tensor_table(const Item& item, const nn::gradcheck::Report& r) {
  using nn::gradcheck::Method;
  std::string s =
      "| Tensor | Shape | Method | Rel. error | max abs error | Result |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& t : r.tensors)
    s += fmt::format("| {} | {}x{} | {} x{} | {:.2e} | {:.2e} | {} |\n", md(t.tensor), t.rows,
                     t.cols, to_string(t.method), t.checked, t.rel_error, t.max_abs_error,
                     t.passed ? "OK" : "**FAIL**");
  for (const auto& t : r.tensors) {
    if (t.passed) continue;
    s += fmt::format("\nWorst elements of {}:\n\n| Element | Analytic | Numeric |\n|---|---|---|\n",
                     md(t.tensor));
    for (const auto& e : t.worst)
      s += fmt::format("| {} | {:.6e} | {:.6e} |\n",
                       t.method == Method::Directional ? fmt::format("direction {}", e.row)
                                                       : fmt::format("({}, {})", e.row, e.col),
                       e.analytic, e.numeric);
    if (const Diagnosis* d = find_diagnosis(item, r.subject, t.tensor); d && d->is_mistake()) {
      s += fmt::format("\n> **Diagnosis: {}** (code: {})  \n> {}\n", md(d->title), md(d->code),
                       md(d->explanation));
      if (!d->hint.empty()) s += fmt::format(">\n> *Hint:* {}\n", md(d->hint));
    }
  }
  return s;
}

std::string item_section(const Item& item) {
  std::string s = fmt::format("\n## {}{}: {} {}\n\n", md(item.title), visibility_note(item),
                              status_label(item.status), points_text(item.points, item.max_points));
  if (!item.message.empty()) s += md(item.message) + "\n\n";  // says "not implemented" once
  for (const auto& r : item.gradients) {
    if (r.not_implemented) continue;
    s += fmt::format("Gradient check {}: seed {}, step {:g}, tolerance {:g}\n\n", md(r.subject),
                     r.seed, r.step, r.tolerance);
    if (!r.error.empty()) s += "Error: " + md(r.error) + "\n\n";
    if (!r.tensors.empty()) s += tensor_table(item, r) + "\n";
  }
  const std::string seeds = item_seeds_text(item);
  if (item.history) s += md(history_text(*item.history)) + "\n\n";
  if (!seeds.empty()) s += md(seeds) + "\n";
  return s;
}

}  // namespace

std::string to_markdown(const Submission& sub) {
  std::string s = fmt::format("# Backprop Lab results: {}\n\n**Total: {}**\n\nReplay: {}\n\n",
                              md(sub.student_id), points_text(sub.total(), sub.max_total()),
                              md(replay_text(sub)));
  if (!sub.output.empty()) s += md(sub.output) + "\n\n";
  s += "| Item | Lab | Visibility | Status | Points |\n|---|---|---|---|---|\n";
  for (const Item& item : sub.items)
    s += fmt::format("| {} | {} | {} | {} | {} |\n", md(item.title), md(item.lab),
                     to_string(item.visibility), to_string(item.status),
                     points_text(item.points, item.max_points));
  for (const Item& item : sub.items) s += item_section(item);
  return s;
}

}  // namespace grader
