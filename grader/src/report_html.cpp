// The HTML report: one self-contained page (inline CSS and SVG; no scripts,
// fonts or URLs). Every text from the Submission is escaped, since messages
// and errors may carry student output.
//
// Layout: the total and a table of the labs' subtotals; per lab a section
// headed by its subtotal, with its items. An item that passed is folded to its
// title line (<details>), any other is open; in it the message, then each
// gradient check, a passing one folded to one line, a failing one open with its
// heat map and the analytic and numerical values side by side; then the item's
// diagnoses, each once with its hint, its learning curves when it trains, and
// its seeds.
#include <fmt/format.h>

#include <algorithm>

#include "report.hpp"
#include "report_svg.hpp"

namespace grader {

namespace {

// Matrices up to this many elements are shown whole, analytic beside numeric.
constexpr nn::Index kMaxShownElements = 64;

const char* kStyle =
    R"(body{font-family:sans-serif;max-width:62em;margin:1em auto;padding:0 1em;color:#222;line-height:1.35}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}
td.num{text-align:right;font-family:monospace;font-size:12px;padding:1px 4px}
:is(span,td).passed{color:#1a7f37}:is(span,td):is(.failed,.crashed,.timed_out,.error,.compile_error){color:#c62828}
:is(span,td):is(.partial,.not_implemented,.blocked){color:#9a6700}.error{color:#c62828}
section.lab{margin-top:1.5em}h2{border-bottom:3px solid #444}h2 .subtotal{float:right}
details{margin:.3em 0;padding:.2em .6em;border-left:4px solid #c62828;background:#fffafa}
details.passed{border-left-color:#1a7f37;background:#f6fbf7}
details.partial,details.not_implemented,details.blocked{border-left-color:#9a6700;background:#fffbf0}
details.item>summary{font-weight:bold;padding:.2em 0}details.item>summary .title{color:#222}
summary{cursor:pointer}summary .points{float:right}details.case{background:#fff}
.side{display:flex;flex-wrap:wrap;gap:1.2em;align-items:flex-start}.side h5{margin:.2em 0}
.diagnosis{border-left:4px solid #c62828;padding:.3em .8em;background:#fdf3f3;margin:.6em 0}
.hint{font-style:italic}code{background:#f4f4f4}pre{white-space:pre-wrap}
.hidden-note{color:#555;font-weight:normal})";

// A small matrix as a table of numbers, under its name.
std::string matrix_html(const std::string& name, const nn::Mat& m) {
  std::string s = "<div><h5>" + name + "</h5><table>\n";
  for (nn::Index r = 0; r < m.n_rows; ++r) {
    s += "<tr>";
    for (nn::Index c = 0; c < m.n_cols; ++c)
      s += fmt::format("<td class=\"num\">{:.3g}</td>", m(r, c));
    s += "</tr>\n";
  }
  return s + "</table></div>\n";
}

// The worst elements: analytic and numeric values side by side.
std::string worst_html(const nn::gradcheck::TensorResult& t) {
  std::string s =
      "<div><h5>Worst elements</h5><table><tr><th>element</th><th>analytic</th><th>numeric</th>"
      "<th>analytic - numeric</th></tr>\n";
  for (const auto& e : t.worst)
    s += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{:.6e}</td><td class=\"num\">{:.6e}</td>"
        "<td class=\"num\">{:.2e}</td></tr>\n",
        element_name(t, e), e.analytic, e.numeric, e.analytic - e.numeric);
  return s + "</table></div>\n";
}

std::string tensor_html(const nn::gradcheck::TensorResult& t) {
  std::string s = fmt::format(
      "<p><b>{}</b> <span class=\"{}\">{}</span>: {}x{}, {} check of {}, relative error {:.2e}, "
      "max |a - n| {:.2e}</p>\n",
      escape_html(t.tensor), t.passed ? "passed" : "failed", t.passed ? "OK" : "FAIL", t.rows,
      t.cols, to_string(t.method), t.checked, t.rel_error, t.max_abs_error);
  if (t.passed) return s;
  const bool whole = !t.analytic.is_empty() && t.analytic.n_elem <= kMaxShownElements &&
                     t.analytic.n_rows == t.numeric.n_rows && t.analytic.n_cols == t.numeric.n_cols;
  if (whole)
    s += "<div class=\"side\">\n" + matrix_html("analytic (your backward)", t.analytic) +
         matrix_html("numeric", t.numeric) + "</div>\n";
  s += "<div class=\"side\">\n";
  const std::string map = heat_map_svg(t.analytic, t.numeric);
  if (!map.empty()) s += "<div><h5>|analytic - numeric|</h5>\n" + map + "</div>\n";
  s += worst_html(t);
  return s + "</div>\n";
}

// One gradient check: folded to its summary line when it passed, open when not.
std::string case_html(const nn::gradcheck::Report& r) {
  const bool passed = r.passed();
  std::string verdict;
  if (passed) {
    verdict = passed_case_text(r);
  } else if (!r.error.empty()) {
    verdict = "error";
  } else {
    for (const auto& t : r.tensors)
      if (!t.passed) verdict += (verdict.empty() ? "" : ", ") + t.tensor;
    verdict += " wrong";
  }
  std::string s = fmt::format(
      "<details class=\"case {0}\"{1}><summary><span class=\"{0}\">{2}</span> Gradient check "
      "<code>{3}</code>: {4}</summary>\n<p>seed {5}, step {6:g}, tolerance {7:g}</p>\n",
      passed ? "passed" : "failed", passed ? "" : " open", passed ? "OK" : "FAIL",
      escape_html(r.subject), escape_html(verdict), r.seed, r.step, r.tolerance);
  if (!r.error.empty()) s += "<p class=\"error\">Error: " + escape_html(r.error) + "</p>\n";
  for (const auto& t : r.tensors) s += tensor_html(t);
  return s + "</details>\n";
}

// Each diagnosed mistake of the item once, with where it was seen and its hint.
std::string mistakes_html(const Item& item) {
  std::string s;
  for (const ItemMistake& m : item_mistakes(item)) {
    s += fmt::format("<div class=\"diagnosis\"><b>Diagnosis: {}</b> (<code>{}</code>)\n",
                     escape_html(m.title), escape_html(m.code));
    for (const auto& [where, explanation] : m.evidence)
      s += fmt::format("<p><i>{}</i>: {}</p>\n", escape_html(where), escape_html(explanation));
    if (!m.hint.empty()) s += "<p class=\"hint\">Hint: " + escape_html(m.hint) + "</p>\n";
    s += "</div>\n";
  }
  return s;
}

std::string item_id(const Item& item) { return "item-" + escape_html(item.id); }

// An item: folded to its title line when it passed, open when not.
std::string item_html(const Item& item) {
  const bool passed = item.status == Status::Passed;
  const std::string status = to_string(item.status);
  std::string s = fmt::format(
      "<details class=\"item {0}\" id=\"{1}\"{2}><summary><span class=\"{0}\">{3}</span> "
      "<span class=\"title\">{4}</span><span class=\"hidden-note\">{5}</span> "
      "<span class=\"points\">{6}</span></summary>\n",
      status, item_id(item), passed ? "" : " open", status_label(item.status),
      escape_html(item.title), visibility_note(item), points_text(item.points, item.max_points));
  if (!item.message.empty()) s += "<pre>" + escape_html(item.message) + "</pre>\n";
  for (const auto& r : item.gradients)
    if (!r.not_implemented) s += case_html(r);  // the message says it once
  s += mistakes_html(item);
  if (item.history)
    s += "<h4>Learning curves</h4>\n<p>" + escape_html(history_text(*item.history)) + "</p>\n" +
         learning_curves_svg(*item.history);
  const std::string seeds = item_seeds_text(item);
  if (!seeds.empty()) s += "<p>" + escape_html(seeds) + "</p>\n";
  return s + "</details>\n";
}

std::string lab_id(const LabGroup& group) {
  return "lab-" + escape_html(lab_short_name(group.lab));
}

// A lab's heading with its subtotal, then its items.
std::string lab_html(const LabGroup& group) {
  std::string s = fmt::format(
      "<section class=\"lab\" id=\"{}\">\n<h2>{} <span class=\"subtotal\">{}</span></h2>\n",
      lab_id(group), escape_html(group.lab.empty() ? "Other items" : group.lab),
      points_text(group.points, group.max_points));
  for (const Item* item : group.items) s += item_html(*item);
  return s + "</section>\n";
}

}  // namespace

std::string to_html(const Submission& sub) {
  std::string s = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<title>Backprop Lab results: {0}</title>\n<style>{1}</style></head><body>\n"
      "<h1>Backprop Lab results: {0}</h1>\n<p><b>Total: {2}</b></p>\n<p>Replay: {3}</p>\n",
      escape_html(sub.student_id), kStyle, points_text(sub.total(), sub.max_total()),
      escape_html(replay_text(sub)));
  const std::vector<LabGroup> labs = by_lab(sub);
  s += "<table><tr><th>lab</th><th>items</th><th>passed</th><th>points</th></tr>\n";
  for (const LabGroup& group : labs)
    s += fmt::format("<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                     lab_id(group), escape_html(group.lab.empty() ? "other" : group.lab),
                     group.items.size(),
                     std::count_if(group.items.begin(), group.items.end(),
                                   [](const Item* i) { return i->status == Status::Passed; }),
                     points_text(group.points, group.max_points));
  s += "</table>\n";
  if (!sub.output.empty()) s += "<pre>" + escape_html(sub.output) + "</pre>\n";
  for (const LabGroup& group : labs) s += lab_html(group);
  return s + "</body></html>\n";
}

}  // namespace grader
