// Pieces shared by the report writers, and the plain-text block of one item.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>
#include <sstream>

#include "printable.hpp"
#include "report.hpp"

namespace grader {

namespace {

constexpr std::size_t kWidth = 80;
const std::string kIndent = "      ";  // under the status label

const char* colour_of(Status status) {
  switch (status) {
    case Status::Passed:
      return "\x1b[32m";  // green
    case Status::Partial:
    case Status::NotImplemented:
    case Status::Blocked:
      return "\x1b[33m";  // yellow
    default:
      return "\x1b[31m";  // red
  }
}

std::string paint(const std::string& text, const char* code, bool colour) {
  return colour ? code + text + "\x1b[0m" : text;
}

// "LABEL title ...... 1/2", the points at the right edge when they fit.
std::string headline(const Item& item, bool colour) {
  const std::string points = points_text(item.points, item.max_points);
  const std::size_t room = kWidth - kIndent.size() - points.size() - 1;
  const std::string title = item.title + visibility_note(item);
  return status_text(item.status, colour) + " " +
         (title.size() <= room ? fmt::format("{:<{}}", title, room) : title) + " " + points + "\n";
}

// The diagnoses an item's block has explained already (each is explained once).
using Explained = std::set<std::pair<std::string, std::string>>;  // (tensor, code)

std::string tensor_lines(const nn::gradcheck::TensorResult& t, const Diagnosis* diagnosis,
                         bool colour, Explained& explained) {
  using nn::gradcheck::Method;
  std::string s = fmt::format(
      "{}  {:<5} {:>7} {:<12} rel.err {:8.2e}  max|a-n| {:8.2e}\n",
      kIndent + "  " + (t.passed ? "OK  " : "FAIL"), t.tensor, fmt::format("{}x{}", t.rows, t.cols),
      fmt::format("{} x{}", to_string(t.method), t.checked), t.rel_error, t.max_abs_error);
  if (t.passed) return s;
  for (const nn::gradcheck::Element& e : t.worst)
    s += fmt::format("{}        {:<14} analytic {:13.6e}  numeric {:13.6e}\n", kIndent,
                     t.method == Method::Directional ? fmt::format("direction {}", e.row)
                                                     : fmt::format("({}, {})", e.row, e.col),
                     e.analytic, e.numeric);
  if (diagnosis && diagnosis->is_mistake() &&
      explained.insert({t.tensor, diagnosis->code}).second) {
    const std::string inner = kIndent + "    ";
    s += inner + paint("Diagnosis: " + diagnosis->title, "\x1b[1m", colour) + " [" +
         diagnosis->code + "]\n";
    s += wrap(diagnosis->explanation, kWidth, inner);
    if (!diagnosis->hint.empty()) s += wrap("Hint: " + diagnosis->hint, kWidth, inner);
  }
  return s;
}

// One case's check; nothing for a case not implemented yet (the item's message says so once).
std::string gradient_lines(const Item& item, const nn::gradcheck::Report& r, bool colour,
                           Explained& explained) {
  if (r.not_implemented) return "";
  std::string s = wrap(
      fmt::format("{}: seed {}, step {:g}, tolerance {:g}", r.subject, r.seed, r.step, r.tolerance),
      kWidth, kIndent);
  if (!r.error.empty())
    s += wrap("error: " + printable(r.error, r.error.size()), kWidth, kIndent + "  ");
  for (const nn::gradcheck::TensorResult& t : r.tensors)
    s += tensor_lines(t, find_diagnosis(item, r.subject, t.tensor), colour, explained);
  return s;
}

}  // namespace

std::string item_text(const Item& item, bool colour) {
  std::string s = headline(item, colour);
  if (!item.message.empty())
    s += wrap(printable(item.message, item.message.size()), kWidth, kIndent);
  Explained explained;
  for (const nn::gradcheck::Report& r : item.gradients)
    s += gradient_lines(item, r, colour, explained);
  if (item.history) s += wrap(history_text(*item.history), kWidth, kIndent);
  const std::string seeds = item_seeds_text(item);
  if (!seeds.empty()) s += wrap(seeds, kWidth, kIndent);
  return s;
}

std::vector<ItemMistake> item_mistakes(const Item& item) {
  std::vector<ItemMistake> mistakes;
  for (const TensorDiagnosis& d : item.diagnoses) {
    if (!d.diagnosis.is_mistake()) continue;
    auto m = std::find_if(mistakes.begin(), mistakes.end(),
                          [&](const ItemMistake& x) { return x.code == d.diagnosis.code; });
    if (m == mistakes.end())
      m = mistakes.insert(mistakes.end(),
                          ItemMistake{d.diagnosis.code, d.diagnosis.title, d.diagnosis.hint, {}});
    const std::string where = d.tensor + " in " + d.subject;
    auto e = std::find_if(m->evidence.begin(), m->evidence.end(),
                          [&](const auto& x) { return x.second == d.diagnosis.explanation; });
    if (e == m->evidence.end())
      m->evidence.emplace_back(where, d.diagnosis.explanation);
    else
      e->first += "; " + where;
  }
  return mistakes;
}

std::string element_name(const nn::gradcheck::TensorResult& t, const nn::gradcheck::Element& e) {
  return t.method == nn::gradcheck::Method::Directional ? fmt::format("direction {}", e.row)
                                                        : fmt::format("({}, {})", e.row, e.col);
}

std::string passed_case_text(const nn::gradcheck::Report& r) {
  if (r.tensors.size() == 1)
    return fmt::format("{} OK, relative error {:.1e}", r.tensors[0].tensor, r.tensors[0].rel_error);
  std::string names;
  double worst = 0;
  for (const nn::gradcheck::TensorResult& t : r.tensors) {
    names += (names.empty() ? "" : ", ") + t.tensor;
    worst = std::max(worst, t.rel_error);
  }
  return fmt::format("all {} tensors OK ({}), largest relative error {:.1e}", r.tensors.size(),
                     names, worst);
}

std::string history_text(const History& h) {
  if (h.epochs.empty()) return "";
  const std::size_t last = h.epochs.size() - 1;
  std::string s = fmt::format("after epoch {}:", h.epochs[last]);
  auto add = [&](const char* name, const std::vector<double>& v) {
    if (v.size() > last && !std::isnan(v[last])) s += fmt::format(" {} {:.4g},", name, v[last]);
  };
  add("training loss", h.train_loss);
  add("validation loss", h.val_loss);
  add("training accuracy", h.train_acc);
  add("validation accuracy", h.val_acc);
  s.back() = '.';
  return s;
}

std::string replay_text(const Submission& sub) {
  std::string s = fmt::format("grader {}, seed {}", sub.grader_version, sub.seed);
  for (const auto& [name, value] : sub.tolerances) s += fmt::format(", {} {:g}", name, value);
  return s;
}

std::vector<LabGroup> by_lab(const Submission& sub) {
  std::vector<LabGroup> groups;
  for (const Item& item : sub.items) {
    auto g = std::find_if(groups.begin(), groups.end(),
                          [&](const LabGroup& l) { return l.lab == item.lab; });
    if (g == groups.end()) g = groups.insert(groups.end(), LabGroup{item.lab, {}, 0, 0});
    g->items.push_back(&item);
    g->points += item.points;
    g->max_points += item.max_points;
  }
  std::stable_sort(groups.begin(), groups.end(), [](const LabGroup& a, const LabGroup& b) {
    return !a.lab.empty() && (b.lab.empty() || a.lab < b.lab);
  });
  return groups;
}

std::string lab_short_name(const std::string& lab) {
  static const std::regex numbered(R"(labs/(\d+)-.*)");
  std::smatch m;
  if (std::regex_match(lab, m, numbered)) return "lab" + m[1].str();
  return lab.empty() ? "other" : lab;
}

std::string lab_heading(const LabGroup& group) {
  return (group.lab.empty() ? "Other items" : group.lab) + ": " +
         points_text(group.points, group.max_points);
}

std::string visibility_note(const Item& item) {
  return item.visibility == Visibility::Visible ? "" : " (" + to_string(item.visibility) + ")";
}

std::string item_seeds_text(const Item& item) {
  std::string s;
  for (const auto& [name, seed] : item.seeds)
    s += fmt::format("{}{} {}", s.empty() ? "" : ", ", name, seed);
  return s.empty() ? s : "seeds: " + s;
}

namespace {

// At most two decimals ("6.67", "10"), but never a rounded-up full score.
std::string two_decimals(double value, double max) {
  std::string s = fmt::format("{:.2f}", value);
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  if (value < max && s == fmt::format("{:g}", max)) return fmt::format("{:.6g}", value);
  return s;
}

}  // namespace

std::string points_text(double points, double max_points) {
  return two_decimals(points, max_points) + "/" + two_decimals(max_points, max_points + 1);
}

std::string wrap(const std::string& text, std::size_t width, const std::string& indent) {
  std::string out;
  std::istringstream lines(text);
  std::string paragraph;
  while (std::getline(lines, paragraph)) {
    std::istringstream words(paragraph);
    std::string word, line;
    while (words >> word) {
      if (!line.empty() && indent.size() + line.size() + 1 + word.size() > width) {
        out += indent + line + "\n";
        line.clear();
      }
      line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty()) out += indent + line + "\n";
  }
  return out;
}

std::string status_text(Status status, bool colour) {
  return paint(fmt::format("{:<5}", status_label(status)), colour_of(status), colour);
}

std::string status_label(Status status) {
  switch (status) {
    case Status::Passed:
      return "PASS";
    case Status::Failed:
      return "FAIL";
    case Status::Partial:
      return "PART";
    case Status::NotImplemented:
      return "TODO";
    case Status::Blocked:
      return "NEEDS";
    case Status::CompileError:
      return "BUILD";
    case Status::Crashed:
      return "CRASH";
    case Status::TimedOut:
      return "TIME";
    case Status::Error:
      return "ERROR";
  }
  return "?";
}

std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size());
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
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  return out;
}

}  // namespace grader
