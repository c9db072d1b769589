// The mistake catalogue (audit.hpp): loading it, grading one entry, judging what
// the grader made of it, and the reference's margin on an item.
#include "audit.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "builder.hpp"
#include "checks.hpp"

namespace fs = std::filesystem;

namespace grader {

namespace {

// Removes a scratch folder however the scope is left.
struct Scratch {
  fs::path path;
  explicit Scratch(fs::path p) : path(std::move(p)) { fs::remove_all(path); }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string capped(std::string text, std::size_t limit) {
  if (text.size() > limit) text = text.substr(0, limit - 3) + "...";
  return text;
}

// `text`'s lines, each without its indentation.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    line.erase(0, line.find_first_not_of(' '));
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// `text` on one line, at most `limit` characters.
std::string one_line(const std::string& text, std::size_t limit = 160) {
  std::string joined;
  for (const std::string& line : lines_of(text)) joined += (joined.empty() ? "" : " / ") + line;
  return capped(joined, limit);
}

// What an item's message says beyond its summary: the first case that went
// wrong, and the likely mistake the checks named ("Likely: ...") if any.
std::string details(const Item& graded) {
  const std::vector<std::string> lines = lines_of(graded.message);
  if (lines.size() < 2) return one_line(graded.message);
  std::string said = capped(lines[1], 110);
  for (std::size_t i = 2; i < lines.size(); ++i)
    if (lines[i].rfind("Likely:", 0) == 0) return said + " / " + capped(lines[i], 130);
  return said;
}

std::string described(const TensorDiagnosis& d) {
  return fmt::format("{}: {} - {}", d.tensor, d.diagnosis.code, d.diagnosis.explanation);
}

}  // namespace

std::vector<CatalogueEntry> load_catalogue(const std::string& path) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw RubricError(fmt::format("{}: {}", path, e.description()));
  }
  std::vector<CatalogueEntry> entries;
  for (const char* kind : {"mistake", "correct"}) {
    const toml::array* list = t[kind].as_array();
    if (!list) continue;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const toml::table* e = (*list)[i].as_table();
      auto text = [&](const char* key, bool required) {
        const std::optional<std::string> v = e ? (*e)[key].value<std::string>() : std::nullopt;
        if (!v && required)
          throw RubricError(fmt::format("{}: [[{}]] {}: key '{}' is missing or not a string",
                                        path, kind, i + 1, key));
        return v.value_or(std::string());
      };
      CatalogueEntry entry;
      entry.correct = std::string(kind) == "correct";
      entry.name = text("name", true);
      entry.file = text("file", true);
      entry.replace = text("replace", true);
      entry.with = text("with", true);
      entry.item = text("item", true);
      entry.prepend = text("prepend", false);
      entry.diagnosis = text("diagnosis", false);
      entry.mention = text("mention", false);
      entries.push_back(std::move(entry));
    }
  }
  return entries;
}

Submission grade_entry(const CatalogueEntry& entry, const Rubric& rubric,
                       const GradeOptions& options, const std::vector<std::string>& also) {
  const Scratch scratch(options.work_dir);
  const fs::path solutions = fs::path(options.root) / "solutions";
  const fs::path dir = scratch.path / "submission";
  std::string text = read_file((solutions / entry.file).string());
  const auto at = text.find(entry.replace);
  if (at == std::string::npos)
    throw std::runtime_error(fmt::format("the text to replace is not in solutions/{}: \"{}\"",
                                         entry.file, one_line(entry.replace, 60)));
  text.replace(at, entry.replace.size(), entry.with);
  fs::create_directories((dir / entry.file).parent_path());
  std::ofstream(dir / entry.file) << entry.prepend << text;

  Rubric graded = rubric;
  graded.items = {rubric.item(entry.item)};
  for (const std::string& id : also) graded.items.push_back(rubric.item(id));
  for (const RubricItem& r : graded.items)  // a right answer for every other file
    for (const std::string& f : r.files)
      if (f != entry.file && fs::exists(solutions / f)) {
        fs::create_directories((dir / f).parent_path());
        fs::copy_file(solutions / f, dir / f, fs::copy_options::skip_existing);
      }
  GradeOptions o = options;
  o.submission = dir.string();
  o.work_dir = (scratch.path / "work").string();
  return grade(graded, o);
}

std::string to_string(Finding finding) {
  switch (finding) {
    case Finding::Caught:
      return "caught";
    case Finding::WrongDiagnosis:
      return "OTHER DIAGNOSIS";
    case Finding::Missed:
      return "MISSED";
    case Finding::Accepted:
      return "accepted";
    case Finding::MarkedDown:
      return "MARKED DOWN";
    case Finding::Broken:
      return "BROKEN ENTRY";
  }
  return "?";
}

bool is_failure(Finding finding) {
  return finding != Finding::Caught && finding != Finding::Accepted;
}

EntryResult judge_entry(const CatalogueEntry& entry, const Item& graded) {
  EntryResult r;
  r.entry = entry;
  r.points = graded.points;
  r.max_points = graded.max_points;
  const bool full = graded.points >= graded.max_points && graded.status == Status::Passed;
  if (entry.correct) {
    r.finding = full ? Finding::Accepted : Finding::MarkedDown;
    if (!full) r.said = one_line(graded.message, 400);
    return r;
  }
  if (full) {
    r.finding = Finding::Missed;
    return r;
  }
  const TensorDiagnosis* expected = nullptr;
  for (const TensorDiagnosis& d : graded.diagnoses)
    if (!expected && d.diagnosis.code == entry.diagnosis &&
        d.diagnosis.explanation.find(entry.mention) != std::string::npos)
      expected = &d;
  bool found = true;
  if (!entry.diagnosis.empty())
    found = expected != nullptr;
  else if (!entry.mention.empty())
    found = graded.message.find(entry.mention) != std::string::npos;
  r.finding = found ? Finding::Caught : Finding::WrongDiagnosis;
  if (expected)
    r.said = one_line(described(*expected));
  else if (!graded.diagnoses.empty())
    r.said = one_line(described(graded.diagnoses.front()));
  else
    r.said = details(graded);
  if (!found)
    r.said = fmt::format("expected {}{}; the grader said: {}",
                         entry.diagnosis.empty() ? "a message" : entry.diagnosis,
                         entry.mention.empty() ? "" : " mentioning '" + entry.mention + "'",
                         r.said);
  return r;
}

ReferenceMargin reference_margin(const RubricItem& r, const Item& graded) {
  ReferenceMargin m;
  m.points = graded.points;
  m.max_points = graded.max_points;
  if (graded.status != Status::Passed) {
    m.text = "THE REFERENCE LOSES POINTS: " + one_line(graded.message, 300);
    return m;
  }
  if (!graded.gradients.empty()) {
    double worst = 0;
    for (const nn::gradcheck::Report& report : graded.gradients)
      for (const nn::gradcheck::TensorResult& t : report.tensors) worst = std::max(worst, t.rel_error);
    m.text = fmt::format("worst relative error {:.2g}, tolerance {:.0e}: ", worst, r.tolerance);
    const double ratio = worst > 0 ? r.tolerance / worst : 0;
    m.text += worst == 0    ? std::string("exact")
              : ratio >= 10 ? fmt::format("{:.0f}x below", ratio)
                            : fmt::format("{:.2g}x below", ratio);
  } else if (!graded.accuracies.empty()) {
    const double lowest = *std::min_element(graded.accuracies.begin(), graded.accuracies.end());
    m.text = fmt::format("lowest held-out accuracy {:.1f}%, threshold {:.1f}%: {:.1f} points above",
                         100 * lowest, 100 * r.threshold, 100 * (lowest - r.threshold));
  } else if (needs_reference(r)) {
    m.text = "judged against the reference's own answers: no margin to measure";
  } else {
    m.text = "judged by the exercise's own checks: no margin recorded";
  }
  return m;
}

}  // namespace grader
