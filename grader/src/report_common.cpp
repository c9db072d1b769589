// Pieces shared by the report writers, and the plain-text block of one item.
#include <fmt/format.h>

#include <set>
#include <sstream>

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
  if (diagnosis && diagnosis->is_mistake() && explained.insert({t.tensor, diagnosis->code}).second) {
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
  if (!r.error.empty()) s += wrap("error: " + printable(r.error), kWidth, kIndent + "  ");
  for (const nn::gradcheck::TensorResult& t : r.tensors)
    s += tensor_lines(t, find_diagnosis(item, r.subject, t.tensor), colour, explained);
  return s;
}

}  // namespace

std::string item_text(const Item& item, bool colour) {
  std::string s = headline(item, colour);
  if (!item.message.empty()) s += wrap(printable(item.message), kWidth, kIndent);
  Explained explained;
  for (const nn::gradcheck::Report& r : item.gradients)
    s += gradient_lines(item, r, colour, explained);
  if (item.history) s += wrap(history_text(*item.history), kWidth, kIndent);
  const std::string seeds = item_seeds_text(item);
  if (!seeds.empty()) s += wrap(seeds, kWidth, kIndent);
  return s;
}

std::string history_text(const History& h) {
  if (h.epochs.empty()) return "";
  const std::size_t last = h.epochs.size() - 1;
  std::string s = fmt::format("after epoch {}:", h.epochs[last]);
  auto add = [&](const char* name, const std::vector<double>& v) {
    if (v.size() > last) s += fmt::format(" {} {:.4g},", name, v[last]);
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

std::string printable(const std::string& text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool control = (u < 0x20 && c != '\n' && c != '\t') || u == 0x7f;
    out += control ? '?' : c;
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
