// Grades one submission: finds the student's files, builds a worker for each
// item from the student's code for that item's own files and the reference
// code for everything else (so one mistake costs one item), runs the item's
// checks against the worker in a sandbox, and collects the results.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "result.hpp"
#include "rubric.hpp"

namespace grader {

struct GradeOptions {
  std::string root;        // the pristine framework (with solutions/ when `reference`)
  std::string submission;  // the student's directory: a copy of the repository or just their files
  std::string cache_dir;   // compiled objects and workers, shared between runs
  std::string work_dir;    // the grader's scratch folder (workers' copies, plain runs' folders)
  std::string student_id;
  // Grading: every file but the item's own comes from the reference (solutions/).
  // A student's own check: every file comes from the submission.
  bool reference = true;
  std::string lab;  // grade only this lab's items ("" = all); "05" matches "labs/05-linear"
  bool visible_only = false;  // leave out hidden items (a student's own check)
  // Progress (for `grader check`), both optional: before each source is built in
  // this run (from the object cache or not; `total` counts what a run that takes
  // every file from the submission builds), and after each item is graded.
  std::function<void(const std::string& source, int index, int total)> on_build;
  std::function<void(const Item& item, int index, int total)> on_item;
  // Run student code (compiler and workers) without bubblewrap, under the weaker
  // plain sandbox (sandbox.hpp). Otherwise grade() throws where bubblewrap cannot run.
  bool weak_sandbox = false;
  // With weak_sandbox, as root: the student's compiles run as users of their own too, as
  // their workers do (Builder::compile_untrusted_as_run_user), so that neither reads what
  // hide_course_files() hid. A platform's container sets it.
  bool compile_as_run_user = false;
  // Compilers and linkers run at once while building (each in a child process of the
  // grader), and items checked at once after (each in a thread of its own).
  int compile_jobs = 1;
  // Grading (with `reference`): compile the files the student handed in together in a few units
  // (one per compile job) instead of one by one, which takes about a fifth of the
  // compiler's time, and check each item with a worker whose item's own functions come
  // from the units and all others from the reference (Builder::compile_together,
  // weakened). Items that do not pass (or are not written) are then checked again as
  // without it, each with its own files compiled alone: the verdict of an item that
  // does not pass never depends on the student's other files.
  bool combined_build = false;
};

// What building the workers took: how many sources were compiled and how many
// came from the cache (for incremental re-grading and the benchmark).
struct GradeStats {
  int compiled = 0, cached = 0, linked = 0;
  // worker runs: sessions (one per item that sends several requests), the requests
  // they answered, and those they did not (or that were not planned: an item's
  // requests that depend on its answers), which ran on their own (worker_run.hpp)
  int sessions = 0, session_answers = 0, runs_alone = 0;
  // combined_build: units compiled and found in the cache; items settled by the
  // units' workers, and items checked again with their files compiled alone
  int units_compiled = 0, units_cached = 0, settled_together = 0, rechecked_alone = 0;
};

// Throws std::runtime_error when student code cannot be sandboxed as options ask.
// An item of `r` that earned nothing, with `status` and `message`.
Item failed_item(const RubricItem& r, Status status, const std::string& message);

Submission grade(const Rubric& rubric, const GradeOptions& options, GradeStats* stats = nullptr);

// Where a handout keeps the reference's answers (answers.hpp), from its root.
inline constexpr const char* kAnswersDir = "grader/answers";

// For `grader release`: runs the reference worker (built from options.root's
// solutions/) on every request of every item of `rubric` that needs the
// reference, and writes each answer into `answers_dir`. Returns how many were
// written; `problems` receives each request the reference did not answer.
int write_reference_answers(const Rubric& rubric, const GradeOptions& options,
                            const std::string& answers_dir, std::vector<std::string>& problems);

// Where the submission's copy of each student file is (repository path -> file);
// files it does not have are absent. A submission may be a copy of the repository
// (lib/nn/layers/linear.cpp) or just the files (linear.cpp, anywhere in it).
// `notes` receives what was ambiguous.
std::map<std::string, std::string> locate_student_files(const std::vector<std::string>& files,
                                                        const std::string& submission,
                                                        std::vector<std::string>& notes);

// Every source a worker is built from, as repository paths: lib/nn/**/*.cpp and labs/**/*.cpp
// (not labs/*/programs/, which hold the labs' programs, each with a main()).
std::vector<std::string> framework_sources(const std::string& root);

}  // namespace grader
