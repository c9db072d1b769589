// The terminal reports: per lab a heading with its subtotal and one line per
// item, then a table per lab (to_terminal); or per lab every item's block of
// details (to_terminal_details, `grader check --verbose`).
#include <fmt/format.h>

#include <algorithm>

#include "printable.hpp"
#include "report.hpp"

namespace grader {

namespace {

constexpr std::size_t kWidth = 80;
constexpr std::size_t kMinTitle = 20;

// `text` in at most `width` columns, "..." where it was cut.
std::string cut(const std::string& text, std::size_t width) {
  return text.size() <= width ? text : text.substr(0, width - 3) + "...";
}

std::string first_line(const std::string& text) {
  const std::string line = text.substr(0, text.find('\n'));
  return printable(line, line.size());
}

// Why an item did not pass, in a few words: the first mistake diagnosed, else
// the first thing its message says after the summary.
std::string reason(const Item& item) {
  switch (item.status) {
    case Status::Passed:
      return "";
    case Status::NotImplemented:
      return "not implemented yet";
    case Status::Blocked:
      return "needs your " + item.needs;  // its message: not written yet
    case Status::CompileError:
      return "does not compile: see the report";
    default:
      break;
  }
  for (const TensorDiagnosis& d : item.diagnoses)
    if (d.diagnosis.is_mistake()) return first_line(d.tensor + ": " + d.diagnosis.title);
  // A check's message: its summary, then one line per problem.
  const std::size_t second = item.message.find('\n');
  return first_line(second == std::string::npos ? item.message : item.message.substr(second + 1));
}

struct Counts {
  int items = 0, passed = 0, failed = 0, todo = 0, waiting = 0;
  double points = 0, max_points = 0;
  void add(const Item& item) {
    ++items;
    points += item.points;
    max_points += item.max_points;
    if (item.status == Status::Passed)
      ++passed;
    else if (item.status == Status::NotImplemented)
      ++todo;
    else if (item.status == Status::Blocked)
      ++waiting;
    else
      ++failed;
  }
};

std::string counts_row(const std::string& name, const Counts& c) {
  return fmt::format("{:<24} {:>5} {:>5} {:>5} {:>5} {:>5} {:>9}\n", name, c.items, c.passed,
                     c.failed, c.todo, c.waiting, points_text(c.points, c.max_points));
}

// "labs/05-linear ...... subtotal 4/10", the heading of a lab's items.
std::string lab_heading_line(const LabGroup& group, bool colour) {
  const std::string name = group.lab.empty() ? "Other items" : group.lab;
  const std::string subtotal = "subtotal " + points_text(group.points, group.max_points);
  const std::string line = fmt::format("{:<{}} {}", name, kWidth - subtotal.size() - 1, subtotal);
  return (colour ? "\x1b[1m" + line + "\x1b[0m" : line) + "\n";
}

}  // namespace

std::string item_line(const Item& item, bool colour) {
  std::string title = item.title, why = reason(item);
  const std::string note = visibility_note(item);
  // 80 columns: "LABEL  points  " takes 15; the reason keeps the room it needs
  // (it names what to fix) and the title gives way, down to kMinTitle columns.
  const std::size_t room = kWidth - 15 - note.size();
  if (!why.empty() && title.size() + 2 + why.size() > room) {
    why = cut(why, room - 2 - std::min(title.size(), kMinTitle));
    title = cut(title, room - 2 - why.size());
  }
  return status_text(item.status, colour) +
         fmt::format(" {:>7}  {}{}", points_text(item.points, item.max_points), title, note) +
         (why.empty() ? "" : ": " + why) + "\n";
}

std::string summary_table(const Submission& sub) {
  Counts total;
  std::string s = fmt::format("{:<24} {:>5} {:>5} {:>5} {:>5} {:>5} {:>9}\n", "lab", "items",
                              "pass", "fail", "todo", "needs", "points");
  for (const LabGroup& group : by_lab(sub)) {
    Counts counts;
    for (const Item* item : group.items) {
      counts.add(*item);
      total.add(*item);
    }
    s += counts_row(group.lab, counts);
  }
  return s + counts_row("total", total);
}

std::string to_terminal(const Submission& sub, bool colour) {
  std::string s = fmt::format("Backprop Lab grader: {}\n", sub.student_id);
  if (!sub.output.empty()) s += wrap(printable(sub.output, sub.output.size()), 80, "");
  for (const LabGroup& group : by_lab(sub)) {
    s += "\n" + lab_heading_line(group, colour);
    for (const Item* item : group.items) s += item_line(*item, colour);
  }
  s += "\n" + summary_table(sub);
  const bool all = sub.total() == sub.max_total();
  const std::string total = fmt::format("Total: {}", points_text(sub.total(), sub.max_total()));
  s += "\n" + (colour ? (all ? "\x1b[1;32m" : "\x1b[1m") + total + "\x1b[0m" : total) + "\n";
  s += wrap("Replay: " + replay_text(sub), 80, "");
  return s;
}

std::string to_terminal_details(const Submission& sub, bool colour) {
  std::string s;
  for (const LabGroup& group : by_lab(sub)) {
    s += (s.empty() ? "" : "\n") + lab_heading_line(group, colour);
    for (const Item* item : group.items) s += item_text(*item, colour);
  }
  return s;
}

}  // namespace grader
