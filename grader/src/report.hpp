// The reports a grading run writes, each from the same Submission (result.hpp).
//
//   to_terminal    a summary for a terminal, readable at 80 columns; ANSI colour
//                  only when asked (the caller decides, e.g. with isatty)
//   to_markdown    the same content as Markdown
//   to_html        one self-contained page: inline CSS and SVG (error heat maps,
//                  learning curves), no scripts, fonts or external URLs; a
//                  passing item or check folded to one line (<details>), a
//                  failing one open
//
// The terminal, Markdown and HTML reports group the items by lab, each lab with
// its subtotal (by_lab), and mark an item students do not see yet (hidden,
// after the due date) after its title. They show whatever items the Submission
// holds: `grader check` grades only visible items, so a student's own report
// never shows hidden ones.
//   to_gradescope  results.json as the Gradescope autograder specification
//                  defines it (score, execution_time, output, stdout_visibility,
//                  tests[name, score, max_score, output, visibility, status])
//   to_json        everything, including seeds and per-tensor numbers
//
// Every report states the seeds, so that a result can be replayed. All text
// that may come from student output is escaped where the format needs it.
// One writer per file: report_<format>.cpp; shared pieces in report_common.cpp.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "result.hpp"

namespace grader {

// Per lab (as by_lab groups them) a heading with its subtotal and one line per
// item; then a table per lab, the total and the seeds.
std::string to_terminal(const Submission& submission, bool colour = false);
// Per lab its heading and every item's block (item_text): the checks, worst
// elements and diagnoses.
std::string to_terminal_details(const Submission& submission, bool colour = false);
std::string to_markdown(const Submission& submission);
std::string to_html(const Submission& submission);
nlohmann::json to_gradescope(const Submission& submission);
nlohmann::json to_json(const Submission& submission);

// ---- Shared by the writers (report_common.cpp) ----

// The items of one lab, in the order they come, and the lab's subtotal.
struct LabGroup {
  std::string lab;  // the items' lab, e.g. "labs/05-linear"; "" for items of no lab
  std::vector<const Item*> items;
  double points = 0, max_points = 0;
};
// The submission's items grouped by lab, labs sorted by name (so "labs/01-..."
// first; items of no lab last), items in their order within a lab.
std::vector<LabGroup> by_lab(const Submission& submission);
// A lab's short name for headings and column headers: "lab05" for
// "labs/05-linear", the lab itself when it is not named so, "other" for "".
std::string lab_short_name(const std::string& lab);
// "labs/05-linear: 4/10", the heading of a lab's group in every report.
std::string lab_heading(const LabGroup& group);

// One item as plain text (the terminal block; also Gradescope's per-test output).
// A case not implemented yet is said once, each diagnosis explained once.
std::string item_text(const Item& item, bool colour = false);
// "PART   4/6  Sigmoid::backward: dX: <diagnosis>": status, points, title, why.
std::string item_line(const Item& item, bool colour = false);
// Per lab (as by_lab orders them) and in all: items, passed, failed, not
// implemented, waiting for another lab, points.
std::string summary_table(const Submission& submission);

// One mistake diagnosed in an item, said once however many of its cases show
// it: its title and hint, and where it was seen with the evidence (places with
// the same evidence text share one entry: "W in Linear(3->4) on 5x3; W in ...").
struct ItemMistake {
  std::string code, title, hint;
  std::vector<std::pair<std::string, std::string>> evidence;  // (where, explanation)
};
// The item's mistakes (diagnoses that name one), grouped by code, in the order
// the cases show them.
std::vector<ItemMistake> item_mistakes(const Item& item);

// "all 3 tensors OK (dX, W, b), largest relative error 1.2e-09" ("W OK, relative
// error 3.1e-10" for one tensor): one line for a gradient check that passed.
std::string passed_case_text(const nn::gradcheck::Report& report);

// Where an element of a checked tensor is: "(row, col)", or "direction k" for a
// directional check.
std::string element_name(const nn::gradcheck::TensorResult& t, const nn::gradcheck::Element& e);

// "seed 42; gradcheck.linear 7" plus the tolerances: what replays the run.
std::string replay_text(const Submission& submission);
// "seeds: gradcheck 7, init 3" for one item, empty when it has none.
std::string item_seeds_text(const Item& item);

// "after epoch 20: training loss 0.31, validation loss 0.35, ..." (last epoch).
std::string history_text(const History& history);

// " (hidden)", " (after_due_date)": after the title of an item students do not
// see yet; empty for a visible item.
std::string visibility_note(const Item& item);

// "1.5/2": points without trailing zeros.
std::string points_text(double points, double max_points);

// `text` wrapped to `width` columns, every line prefixed with `indent`; its own
// line breaks are kept.
std::string wrap(const std::string& text, std::size_t width, const std::string& indent);

// A short status word for tables: PASS, FAIL, PART, TODO, NEEDS, BUILD, CRASH, TIME, ERROR.
std::string status_label(Status status);
// The word padded to 5 columns, in its colour (green, yellow, red) when `colour`.
std::string status_text(Status status, bool colour);

// & < > " ' as HTML entities.
std::string escape_html(const std::string& text);

}  // namespace grader
