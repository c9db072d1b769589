// The HTML report: one self-contained page (inline CSS and SVG; no scripts,
// fonts or URLs). Every text from the Submission is escaped, since messages
// and errors may carry student output.
#include <fmt/format.h>

#include "report.hpp"
#include "report_svg.hpp"

namespace grader {

namespace {

const char* kStyle = R"(body{font-family:sans-serif;max-width:60em;margin:1em auto;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}
.passed{color:#1a7f37}.failed,.crashed,.timed_out,.error,.compile_error{color:#c62828}
.partial,.not_implemented{color:#9a6700}.diagnosis{border-left:4px solid #c62828;padding:.3em .8em;background:#fdf3f3}
.hint{font-style:italic}section{border-top:1px solid #ddd;margin-top:1em}code{background:#f4f4f4})";

std::string element_name(const nn::gradcheck::TensorResult& t, const nn::gradcheck::Element& e) {
  return t.method == nn::gradcheck::Method::Directional ? fmt::format("direction {}", e.row)
                                                        : fmt::format("({}, {})", e.row, e.col);
}

std::string tensor_html(const Item& item, const nn::gradcheck::Report& r,
                        const nn::gradcheck::TensorResult& t) {
  std::string s = fmt::format("<h4>{} <span class=\"{}\">{}</span></h4>\n", escape_html(t.tensor),
                              t.passed ? "passed" : "failed", t.passed ? "OK" : "FAIL");
  s += fmt::format("<p>{}x{}, {} check of {}, relative error {:.2e}, max |a - n| {:.2e}</p>\n",
                   t.rows, t.cols, to_string(t.method), t.checked, t.rel_error, t.max_abs_error);
  if (t.passed) return s;
  s += heat_map_svg(t.analytic, t.numeric);
  s += "<table><tr><th>element</th><th>analytic</th><th>numeric</th></tr>\n";
  for (const auto& e : t.worst)
    s += fmt::format("<tr><td>{}</td><td>{:.6e}</td><td>{:.6e}</td></tr>\n", element_name(t, e),
                     e.analytic, e.numeric);
  s += "</table>\n";
  if (const Diagnosis* d = find_diagnosis(item, r.subject, t.tensor); d && d->is_mistake()) {
    s += fmt::format("<div class=\"diagnosis\"><b>Diagnosis: {}</b> (<code>{}</code>)<p>{}</p>",
                     escape_html(d->title), escape_html(d->code), escape_html(d->explanation));
    if (!d->hint.empty()) s += "<p class=\"hint\">Hint: " + escape_html(d->hint) + "</p>";
    s += "</div>\n";
  }
  return s;
}

std::string gradient_html(const Item& item, const nn::gradcheck::Report& r) {
  std::string s = fmt::format(
      "<h3>Gradient check <code>{}</code></h3>\n<p>seed {}, step {:g}, "
      "tolerance {:g}</p>\n",
      escape_html(r.subject), r.seed, r.step, r.tolerance);
  if (!r.error.empty())
    s += "<p class=\"error\">Error: " + escape_html(r.error) + "</p>\n";
  for (const auto& t : r.tensors) s += tensor_html(item, r, t);
  return s;
}

std::string item_html(const Item& item) {
  const std::string status = to_string(item.status);
  std::string s = fmt::format(
      "<section id=\"{}\">\n<h2>{}{} <span class=\"{}\">{}</span> {}</h2>\n<p>{}</p>\n",
      escape_html(item.id), escape_html(item.title), visibility_note(item), status,
      status_label(item.status), points_text(item.points, item.max_points), escape_html(item.lab));
  if (!item.message.empty()) s += "<pre>" + escape_html(item.message) + "</pre>\n";
  for (const auto& r : item.gradients)
    if (!r.not_implemented) s += gradient_html(item, r);  // the message says it once
  if (item.history)
    s += "<h3>Learning curves</h3>\n<p>" + escape_html(history_text(*item.history)) + "</p>\n" +
         learning_curves_svg(*item.history);
  const std::string seeds = item_seeds_text(item);
  if (!seeds.empty()) s += "<p>" + escape_html(seeds) + "</p>\n";
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
  if (!sub.output.empty()) s += "<pre>" + escape_html(sub.output) + "</pre>\n";
  s += "<table><tr><th>item</th><th>visibility</th><th>status</th><th>points</th></tr>\n";
  for (const Item& item : sub.items)
    s += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>\n",
                     escape_html(item.title), to_string(item.visibility), to_string(item.status),
                     to_string(item.status), points_text(item.points, item.max_points));
  s += "</table>\n";
  for (const Item& item : sub.items) s += item_html(item);
  return s + "</body></html>\n";
}

}  // namespace grader
