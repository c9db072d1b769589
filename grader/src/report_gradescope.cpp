// Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/):
// top level score, execution_time (seconds), output, stdout_visibility, tests;
// per test name, score, max_score, output, visibility, status ("passed" or
// "failed"). Visibility values: hidden, after_due_date, after_published, visible.
#include "report.hpp"

namespace grader {

nlohmann::json to_gradescope(const Submission& sub) {
  nlohmann::json tests = nlohmann::json::array();
  for (const Item& item : sub.items)
    tests.push_back({{"name", item.title},
                     {"score", item.points},
                     {"max_score", item.max_points},
                     {"output", item_text(item)},
                     {"visibility", to_string(item.visibility)},
                     {"status", item.status == Status::Passed ? "passed" : "failed"}});
  std::string output = sub.output.empty() ? "" : sub.output + "\n";
  output += "Replay: " + replay_text(sub);
  return {{"score", sub.total()},
          {"execution_time", sub.execution_time},
          {"output", output},
          {"stdout_visibility", to_string(sub.stdout_visibility)},
          {"tests", tests}};
}

}  // namespace grader
