// The grader's subcommands, one function each (main.cpp only parses arguments).
#pragma once

#include <string>

namespace grader {

struct CommonOptions {
  std::string root;       // the framework (default: the tree the grader was built from)
  std::string rubric;     // default: <root>/grader/rubric.toml
  std::string cache_dir;  // default: <root>/build/grader-cache
  // Grade where bubblewrap cannot run, in the weaker plain sandbox (sandbox.hpp).
  // Without it, grade and batch refuse there.
  bool weak_sandbox = false;
  int compile_jobs = 0;  // compilers at once; 0: one per CPU
  // grade and batch: compile each student file alone, not in units together
  // (GradeOptions::combined_build): slower, for comparing
  bool files_alone = false;
};

// A student checks their own working tree (visible items, no reference code):
// one line per item as it is graded, a table per lab; every detail when `verbose`.
int check_command(const CommonOptions& common, const std::string& lab, bool verbose);
// An instructor grades one submission into `out` (results.json, summary.json, report.md,
// report.html).
int grade_command(const CommonOptions& common, const std::string& submission,
                  const std::string& out, const std::string& student_id);
// A whole class: every folder of `submissions`, `jobs` at a time; ends with marks.csv.
// Resumable: a student already graded is graded again only when their files (or the
// rubric) changed since, or with `force`. Exit 2 when `submissions` is not one
// folder per student.
int batch_command(const CommonOptions& common, const std::string& submissions,
                  const std::string& out, int jobs, bool force);
// The student handout: lib/ and labs/ with stubs, visible checks, no solutions/, no hidden items.
int release_command(const CommonOptions& common, const std::string& out);
// The rubric audit (audit.hpp): the mistake catalogue `catalogue` (default:
// <root>/grader/catalogue/mistakes.toml) against the rubric, on the items `only`
// selects (an item id or a lab; "" = all), `jobs` entries at a time. Exit 1 when a
// mistake is missed or misdiagnosed, a right answer is marked down or the reference
// loses points.
int audit_command(const CommonOptions& common, const std::string& only,
                  const std::string& catalogue, int jobs);

}  // namespace grader
