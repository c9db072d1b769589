// The rubric audit (`grader audit`): runs the mistake catalogue
// (grader/catalogue/mistakes.toml: realistic student mistakes and right answers
// written differently, each the reference solution with one edit) against a
// rubric, and says per item which mistakes it catches and with which diagnosis,
// which right answers it accepts at full marks, and how far the reference
// solution sits from failing it. An instructor who changes the rubric runs it to
// see that every item still catches what it should. The grader's tests run the
// same code on the course rubric (grader/tests/test_catalogue.cpp).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "grade.hpp"
#include "result.hpp"
#include "rubric.hpp"

namespace grader {

// Where the catalogue is, from the framework's root. Instructor material: not in
// the handout (`grader release`).
inline constexpr const char* kCatalogue = "grader/catalogue/mistakes.toml";

// One entry: the reference solution of `file` (solutions/`file`) with `replace`
// changed to `with` (and `prepend` put at the top), graded on `item`.
struct CatalogueEntry {
  std::string name, file, replace, with, prepend, item;
  bool correct = false;   // a right answer written differently: it must get full marks
  std::string diagnosis;  // a mistake's expected diagnosis code ("" = any)
  std::string mention;    // what that diagnosis's explanation (without a code: the message) says
};

// The [[mistake]] entries, then the [[correct]] ones. Throws RubricError naming
// the file and the entry when one is incomplete.
std::vector<CatalogueEntry> load_catalogue(const std::string& path);

// Grades `entry` as a submission holding its changed file and the reference of
// the other files of the graded items: on its item, then on each of `also` (ids).
// options.submission is ignored; options.work_dir is the scratch folder, removed
// afterwards. Throws std::runtime_error when `replace` is not in the reference file.
Submission grade_entry(const CatalogueEntry& entry, const Rubric& rubric,
                       const GradeOptions& options, const std::vector<std::string>& also = {});

enum class Finding {
  Caught,          // a mistake lost points, with the expected diagnosis
  WrongDiagnosis,  // a mistake lost points, but the expected diagnosis is not there
  Missed,          // a mistake got full marks
  Accepted,        // a right answer got full marks
  MarkedDown,      // a right answer lost points
  Broken           // the entry does not apply (its text is not in the reference file)
};
std::string to_string(Finding finding);  // "caught", "MISSED", ...
bool is_failure(Finding finding);        // every finding but Caught and Accepted

struct EntryResult {
  CatalogueEntry entry;
  Finding finding = Finding::Broken;
  double points = 0, max_points = 0;
  std::string said;  // what the grader said: the diagnosis, or the message's first detail
};

// Judges how `graded` (the entry's item, graded) treated `entry`.
EntryResult judge_entry(const CatalogueEntry& entry, const Item& graded);

// The reference solution on one item: how far it is from failing.
struct ReferenceMargin {
  double points = 0, max_points = 0;
  std::string text;  // e.g. "worst relative error 2.1e-10, tolerance 1e-06: 4800x below"
};
ReferenceMargin reference_margin(const RubricItem& r, const Item& graded);

struct ItemAudit {
  RubricItem item;
  ReferenceMargin reference;
  std::vector<EntryResult> entries;  // empty: not covered by the catalogue
};

struct Audit {
  std::vector<ItemAudit> items;           // rubric order
  std::vector<std::string> unknown_items;  // entries naming an item the rubric does not have
  double seconds = 0;
};

// Whether item `r` is selected by `only` (an item id, or a lab as `grader check --lab` takes it).
bool audit_selects(const RubricItem& r, const std::string& only);

// Told each entry before it is graded (index from 1).
using Progress = std::function<void(const CatalogueEntry& entry, int index, int total)>;

// Audits the items of `rubric` that `only` selects ("" = all) with `catalogue`:
// grades the reference solution on them, then each of their entries, `jobs` at
// a time (in child processes). options.root must hold solutions/; options.work_dir
// is the scratch folder; options.on_item follows the reference's run.
Audit run_audit(const Rubric& rubric, const std::vector<CatalogueEntry>& catalogue,
                const GradeOptions& options, const std::string& only, int jobs,
                const Progress& progress);

// The audit as text: per item, its reference margin and each entry's finding; a summary.
std::string to_text(const Audit& audit);
// No mistake missed or misdiagnosed, no right answer marked down, no broken entry,
// the reference at full marks on every audited item.
bool audit_passed(const Audit& audit);

}  // namespace grader
