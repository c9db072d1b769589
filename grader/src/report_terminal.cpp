// The terminal summary: one block per item, then the total and the seeds.
#include <fmt/format.h>

#include "report.hpp"

namespace grader {

std::string to_terminal(const Submission& sub, bool colour) {
  std::string s = fmt::format("Backprop Lab grader: {}\n", sub.student_id);
  if (!sub.output.empty()) s += wrap(printable(sub.output), 80, "");
  s += "\n";
  for (const Item& item : sub.items) s += item_text(item, colour);
  const bool all = sub.total() == sub.max_total();
  const std::string total = fmt::format("Total: {}", points_text(sub.total(), sub.max_total()));
  s += "\n" + (colour ? (all ? "\x1b[1;32m" : "\x1b[1m") + total + "\x1b[0m" : total) + "\n";
  s += wrap("Replay: " + replay_text(sub), 80, "");
  return s;
}

}  // namespace grader
