// PrairieLearn's external-grading results.json
// (https://prairielearn.readthedocs.io/en/latest/externalGrading/): gradable,
// score in [0, 1], message, output, images [{label, url}], tests [name,
// description, points, max_points, output, images]. A test's images are data
// URLs: the learning curves of an item that trains, as SVG.
#include <fmt/format.h>

#include "bundle.hpp"
#include "report.hpp"
#include "report_svg.hpp"

namespace grader {

namespace {

std::string base64(const std::string& bytes) {
  static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += digits[(v >> shift) & 63];
  }
  if (i < bytes.size()) {
    const bool two = i + 1 < bytes.size();
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (two ? static_cast<unsigned char>(bytes[i + 1]) << 8 : 0);
    out += digits[(v >> 18) & 63];
    out += digits[(v >> 12) & 63];
    out += two ? digits[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace

nlohmann::json to_prairielearn(const Submission& sub) {
  nlohmann::json tests = nlohmann::json::array();
  double hidden_points = 0, hidden_max = 0;
  int hidden = 0;
  for (const Item& item : sub.items) {
    if (item.visibility != Visibility::Visible) {  // counted, not shown
      hidden_points += item.points;
      hidden_max += item.max_points;
      ++hidden;
      continue;
    }
    nlohmann::json test = {{"name", item.title},
                           {"description", item.lab + ": " + item.id},
                           {"points", item.points},
                           {"max_points", item.max_points},
                           {"output", item_text(item)}};
    if (item.history)
      test["images"] = {{{"label", "Learning curves"},
                         {"url", "data:image/svg+xml;base64," +
                                     base64(learning_curves_svg(*item.history))}}};
    tests.push_back(test);
  }
  if (hidden > 0)
    tests.push_back({{"name", fmt::format("Hidden checks ({})", hidden)},
                     {"description", "checks whose details are not shown"},
                     {"points", hidden_points},
                     {"max_points", hidden_max},
                     {"output", "These checks count in your score; their details are hidden."}});
  const double max = sub.max_total();
  std::string output = sub.output.empty() ? "" : sub.output + "\n";
  output += "Replay: " + replay_text(sub);
  return {{"gradable", true},
          {"score", max > 0 ? sub.total() / max : 0.0},
          {"message", points_text(sub.total(), max) + " points"},
          {"output", output},
          {"tests", tests}};
}

nlohmann::json prairielearn_not_gradable(const std::string& message) {
  return {{"gradable", false}, {"score", 0.0}, {"message", message}, {"output", message},
          {"tests", nlohmann::json::array()}};
}

}  // namespace grader
