#include "audit.hpp"

#include <fmt/format.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <toml++/toml.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
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

// `text` on one line, at most `limit` characters.
std::string one_line(std::string text, std::size_t limit = 160) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  for (auto at = text.find('\n'); at != std::string::npos; at = text.find('\n', at))
    text.replace(at, 1, " / ");
  if (text.size() > limit) text = text.substr(0, limit - 3) + "...";
  return text;
}

// The item's message without its first line (the summary): the details.
std::string details(const Item& graded) {
  const auto eol = graded.message.find('\n');
  return eol == std::string::npos ? graded.message : graded.message.substr(eol + 1);
}

std::string described(const TensorDiagnosis& d) {
  return fmt::format("{}: {} - {}", d.tensor, d.diagnosis.code, d.diagnosis.explanation);
}

// Grades and judges one entry in the scratch folder `work_dir`.
EntryResult audit_entry(const CatalogueEntry& e, const Rubric& rubric, const GradeOptions& options,
                        const std::string& work_dir) {
  GradeOptions o = options;
  o.work_dir = work_dir;
  try {
    return judge_entry(e, grade_entry(e, rubric, o).items.at(0));
  } catch (const std::exception& ex) {
    EntryResult broken;
    broken.entry = e;
    broken.said = ex.what();
    return broken;
  }
}

// Every entry graded and judged, in order; with jobs > 1, in that many child
// processes (entry i in child i % jobs), each writing its results to a file.
std::vector<EntryResult> audit_entries(const std::vector<const CatalogueEntry*>& entries,
                                       const Rubric& rubric, const GradeOptions& options,
                                       int jobs, const Progress& progress) {
  const int n = static_cast<int>(entries.size());
  std::vector<EntryResult> results(entries.size());
  auto run = [&](int i, int part) {
    if (progress) progress(*entries[i], i + 1, n);
    return audit_entry(*entries[i], rubric, options,
                       fmt::format("{}/entry-{}", options.work_dir, part));
  };
  jobs = std::clamp(jobs, 1, std::max(n, 1));
  if (jobs == 1) {
    for (int i = 0; i < n; ++i) results[i] = run(i, 0);
    return results;
  }
  std::cout << std::flush;
  std::cerr << std::flush;
  std::vector<pid_t> children;
  for (int part = 0; part < jobs; ++part) {
    const pid_t pid = fork();
    if (pid == 0) {
      // a forked child does not inherit the grader's subreaper role (sandbox.cpp): without
      // it, a run's orphans would wait unreaped in the parent and count against the
      // workers' process limit
      prctl(PR_SET_CHILD_SUBREAPER, 1);
      nlohmann::json out = nlohmann::json::array();
      for (int i = part; i < n; i += jobs) {
        const EntryResult r = run(i, part);
        out.push_back({{"index", i}, {"finding", static_cast<int>(r.finding)},
                       {"points", r.points}, {"max_points", r.max_points}, {"said", r.said}});
      }
      std::ofstream(fmt::format("{}/results-{}.json", options.work_dir, part)) << out.dump();
      std::_Exit(0);
    }
    children.push_back(pid);
  }
  // wait() reaps any orphan reparented here too
  for (std::size_t left = children.size(); left > 0;) {
    const pid_t pid = wait(nullptr);
    if (pid < 0) break;
    if (std::find(children.begin(), children.end(), pid) != children.end()) --left;
  }
  for (int i = 0; i < n; ++i) {  // an entry whose process died before writing stays Broken
    results[i].entry = *entries[i];
    results[i].said = "the process that graded this entry ended before writing its result";
  }
  for (int part = 0; part < jobs; ++part) {
    const fs::path file = fmt::format("{}/results-{}.json", options.work_dir, part);
    if (!fs::exists(file)) continue;
    for (const nlohmann::json& r : nlohmann::json::parse(read_file(file.string()))) {
      EntryResult& result = results.at(r.at("index").get<int>());
      result.finding = static_cast<Finding>(r.at("finding").get<int>());
      result.points = r.at("points").get<double>();
      result.max_points = r.at("max_points").get<double>();
      result.said = r.at("said").get<std::string>();
    }
  }
  return results;
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
    r.said = one_line(details(graded));
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
    m.text += worst > 0 ? fmt::format("{:.3g}x below", r.tolerance / worst) : "exact";
  } else if (!graded.accuracies.empty()) {
    const double lowest = *std::min_element(graded.accuracies.begin(), graded.accuracies.end());
    m.text = fmt::format("lowest held-out accuracy {:.1f}%, threshold {:.1f}%: {:.1f} points above",
                         100 * lowest, 100 * r.threshold, 100 * (lowest - r.threshold));
  } else if (needs_reference(r)) {
    m.text = "judged against the reference's own answers: no margin to measure";
  } else {
    m.text = "judged by exact answers the grader computes: no margin to measure";
  }
  return m;
}

bool audit_selects(const RubricItem& r, const std::string& only) {
  return only.empty() || r.id == only || r.lab.find(only) != std::string::npos;
}

Audit run_audit(const Rubric& rubric, const std::vector<CatalogueEntry>& catalogue,
                const GradeOptions& options, const std::string& only, int jobs,
                const Progress& progress) {
  const auto start = std::chrono::steady_clock::now();
  Audit audit;
  Rubric selected = rubric;
  selected.items.clear();
  for (const RubricItem& r : rubric.items)
    if (audit_selects(r, only)) selected.items.push_back(r);
  std::vector<const CatalogueEntry*> entries;
  for (const CatalogueEntry& e : catalogue) {
    const bool known = std::any_of(rubric.items.begin(), rubric.items.end(),
                                   [&](const RubricItem& r) { return r.id == e.item; });
    if (!known && only.empty())
      audit.unknown_items.push_back(e.item + " (" + e.name + ")");
    else if (known && audit_selects(rubric.item(e.item), only))
      entries.push_back(&e);
  }

  // The reference solution on every audited item, in one run.
  GradeOptions reference = options;
  reference.submission = (fs::path(options.root) / "solutions").string();
  reference.work_dir = options.work_dir + "/reference";
  const Submission ref = grade(selected, reference);
  fs::remove_all(reference.work_dir);
  for (std::size_t i = 0; i < selected.items.size(); ++i)
    audit.items.push_back({selected.items[i], reference_margin(selected.items[i], ref.items[i]), {}});

  const std::vector<EntryResult> results = audit_entries(entries, rubric, options, jobs, progress);
  for (const EntryResult& result : results)
    for (ItemAudit& a : audit.items)
      if (a.item.id == result.entry.item) a.entries.push_back(result);
  audit.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return audit;
}

std::string to_text(const Audit& audit) {
  std::string out;
  int mistakes = 0, caught = 0, other = 0, missed = 0, correct = 0, accepted = 0, broken = 0,
      reference_full = 0;
  std::vector<std::string> failures, uncovered;
  for (const ItemAudit& a : audit.items) {
    out += fmt::format("{} ({}, {:g} points, {})\n", a.item.id, a.item.lab, a.item.points,
                       to_string(a.item.kind));
    const bool full = a.reference.points >= a.reference.max_points;
    reference_full += full ? 1 : 0;
    if (!full) failures.push_back(a.item.id + ": the reference loses points");
    out += fmt::format("  {:<15} {:>5g}/{:<3g} {}\n", "reference", a.reference.points,
                       a.reference.max_points, a.reference.text);
    if (a.entries.empty()) {
      out += "  not covered: no catalogue entry\n";
      uncovered.push_back(a.item.id);
    }
    for (const EntryResult& e : a.entries) {
      out += fmt::format("  {:<15} {:>5.3g}/{:<3g} {}{}\n", to_string(e.finding), e.points,
                         e.max_points, e.entry.correct ? "(right answer) " : "", e.entry.name);
      if (!e.said.empty()) out += fmt::format("  {:<25} {}\n", "", e.said);
      (e.entry.correct ? correct : mistakes) += 1;
      accepted += e.finding == Finding::Accepted ? 1 : 0;
      caught += e.finding == Finding::Caught ? 1 : 0;
      other += e.finding == Finding::WrongDiagnosis ? 1 : 0;
      missed += e.finding == Finding::Missed ? 1 : 0;
      broken += e.finding == Finding::Broken ? 1 : 0;
      if (is_failure(e.finding))
        failures.push_back(fmt::format("{}: {} {}", a.item.id, to_string(e.finding), e.entry.name));
    }
  }
  out += fmt::format(
      "\nSummary: {} of {} mistakes caught with the catalogued diagnosis ({} caught with another, "
      "{} missed); {} of {} right answers accepted at full marks; {} broken entries; the "
      "reference at full marks on {} of {} items; {:.0f} s.\n",
      caught, mistakes, other, missed, accepted, correct, broken, reference_full,
      audit.items.size(), audit.seconds);
  if (!uncovered.empty()) {
    out += fmt::format("Not covered ({} items with no catalogue entry):", uncovered.size());
    for (const std::string& id : uncovered) out += " " + id;
    out += "\n";
  }
  for (const std::string& u : audit.unknown_items)
    out += "Skipped: an entry for an item the rubric does not have: " + u + "\n";
  if (failures.empty()) return out + "Audit passed.\n";
  out += fmt::format("Audit FAILED ({}):\n", failures.size());
  for (const std::string& f : failures) out += "  " + f + "\n";
  return out;
}

bool audit_passed(const Audit& audit) {
  for (const ItemAudit& a : audit.items) {
    if (a.reference.points < a.reference.max_points) return false;
    for (const EntryResult& e : a.entries)
      if (is_failure(e.finding)) return false;
  }
  return true;
}

}  // namespace grader
