// The Markdown report: a table of the labs' subtotals, then per lab a table of
// its items and per item its gradient checks (a passing one on one line, a
// failing one with its worst elements), its diagnoses once each, and the seeds
// to replay the run.
#include <fmt/format.h>

#include <algorithm>

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

std::string tensor_table(const nn::gradcheck::Report& r) {
  std::string s =
      "| Tensor | Shape | Method | Rel. error | max abs error | Result |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& t : r.tensors)
    s += fmt::format("| {} | {}x{} | {} x{} | {:.2e} | {:.2e} | {} |\n", md(t.tensor), t.rows,
                     t.cols, to_string(t.method), t.checked, t.rel_error, t.max_abs_error,
                     t.passed ? "OK" : "**FAIL**");
  for (const auto& t : r.tensors) {
    if (t.passed) continue;
    s += fmt::format(
        "\nWorst elements of {}:\n\n| Element | Analytic | Numeric | Analytic - numeric |\n"
        "|---|---|---|---|\n",
        md(t.tensor));
    for (const auto& e : t.worst)
      s += fmt::format("| {} | {:.6e} | {:.6e} | {:.2e} |\n", element_name(t, e), e.analytic,
                       e.numeric, e.analytic - e.numeric);
  }
  return s;
}

// A passing check on one line; a failing one with its table and worst elements.
std::string case_text(const nn::gradcheck::Report& r) {
  const std::string head = fmt::format("Gradient check {}: seed {}, step {:g}, tolerance {:g}",
                                       md(r.subject), r.seed, r.step, r.tolerance);
  if (r.passed()) return "- " + head + ": " + passed_case_text(r) + "\n\n";
  std::string s = "**" + head + "**\n\n";
  if (!r.error.empty()) s += "Error: " + md(r.error) + "\n\n";
  if (!r.tensors.empty()) s += tensor_table(r) + "\n";
  return s;
}

// Each diagnosed mistake once, however many checks show it.
std::string mistakes_text(const Item& item) {
  std::string s;
  for (const ItemMistake& m : item_mistakes(item)) {
    s += fmt::format("> **Diagnosis: {}** (code: {})\n", md(m.title), md(m.code));
    for (const auto& [where, explanation] : m.evidence)
      s += fmt::format(">\n> {}: {}\n", md(where), md(explanation));
    if (!m.hint.empty()) s += fmt::format(">\n> *Hint:* {}\n", md(m.hint));
    s += "\n";
  }
  return s;
}

std::string item_section(const Item& item) {
  std::string s = fmt::format("\n### {}{}: {} {}\n\n", md(item.title), visibility_note(item),
                              status_label(item.status), points_text(item.points, item.max_points));
  if (!item.message.empty()) s += md(item.message) + "\n\n";  // says "not implemented" once
  for (const auto& r : item.gradients)
    if (!r.not_implemented) s += case_text(r);
  s += mistakes_text(item);
  const std::string seeds = item_seeds_text(item);
  if (item.history) s += md(history_text(*item.history)) + "\n\n";
  if (!seeds.empty()) s += md(seeds) + "\n";
  return s;
}

// A lab's heading with its subtotal, a table of its items, then each item.
std::string lab_section(const LabGroup& group) {
  std::string s = "\n## " + md(lab_heading(group)) + "\n\n";
  s += "| Item | Visibility | Status | Points |\n|---|---|---|---|\n";
  for (const Item* item : group.items)
    s += fmt::format("| {} | {} | {} | {} |\n", md(item->title), to_string(item->visibility),
                     to_string(item->status), points_text(item->points, item->max_points));
  for (const Item* item : group.items) s += item_section(*item);
  return s;
}

}  // namespace

std::string to_markdown(const Submission& sub) {
  std::string s = fmt::format("# Backprop Lab results: {}\n\n**Total: {}**\n\nReplay: {}\n\n",
                              md(sub.student_id), points_text(sub.total(), sub.max_total()),
                              md(replay_text(sub)));
  if (!sub.output.empty()) s += md(sub.output) + "\n\n";
  const std::vector<LabGroup> labs = by_lab(sub);
  s += "| Lab | Items | Passed | Points |\n|---|---|---|---|\n";
  for (const LabGroup& group : labs)
    s += fmt::format("| {} | {} | {} | {} |\n", md(group.lab.empty() ? "other" : group.lab),
                     group.items.size(),
                     std::count_if(group.items.begin(), group.items.end(),
                                   [](const Item* i) { return i->status == Status::Passed; }),
                     points_text(group.points, group.max_points));
  for (const LabGroup& group : labs) s += lab_section(group);
  return s;
}

}  // namespace grader
