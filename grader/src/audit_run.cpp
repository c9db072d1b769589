// The audit of a whole rubric (audit.hpp): the reference's run, each entry
// graded (in child processes when asked), and the text `grader audit` prints.
#include <fmt/format.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "audit.hpp"
#include "builder.hpp"

namespace fs = std::filesystem;

namespace grader {

namespace {

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
      std::ofstream(fmt::format("{}/results-{}.json", options.work_dir, part))
          << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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

  GradeOptions each = options;  // options.on_item follows the reference's run only
  each.on_item = {};
  each.on_build = {};
  const std::vector<EntryResult> results = audit_entries(entries, rubric, each, jobs, progress);
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
