// Course platforms: `grader bundle` writes what an instructor uploads to a
// platform that grades each submission in its own container, and `grader bundle
// run` is what that container runs for one submission.
//
//   grader bundle gradescope --out autograder.zip   Gradescope's autograder zip:
//       setup.sh and run_autograder at its root, the framework in framework/
//   grader bundle prairielearn --out DIR            a Docker image folder (image/) and
//       one externally graded question per lab (questions/)
//   grader bundle run gradescope|prairielearn --platform-root DIR
//       grades DIR/submission (Gradescope) or DIR/student (PrairieLearn) and writes
//       DIR/results/results.json in the platform's format
//
// The entry scripts (grader/bundle/) call `bundle run`; a submission that cannot be
// graded (nothing sent, wrong file names, nothing compiles) still gets a results.json
// that says why, never a platform error.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.hpp"
#include "result.hpp"

namespace grader {

struct BundleOptions {
  std::string platform;       // gradescope | prairielearn
  std::string out;            // the zip (Gradescope) or folder (PrairieLearn) to write
  std::string lab;            // grade only this lab's items ("" = the whole course)
  std::string platform_root;  // `bundle run`: the platform's folder (/autograder, /grade)
  bool run = false;           // `bundle run` rather than writing a bundle
};

// Adds `bundle` and its subcommands to `app`; the parsed values land in `options`.
CLI::App* add_bundle_cli(CLI::App& app, BundleOptions& options);
// Runs what the command line asked for (after parsing).
int bundle_command(const CommonOptions& common, const BundleOptions& options);

// Writers (bundle.cpp).
int write_gradescope_bundle(const CommonOptions& common, const std::string& zip_path,
                            const std::string& lab);
int write_prairielearn_bundle(const CommonOptions& common, const std::string& dir,
                              const std::string& lab);

// In the plain sandbox, as root, a platform's container keeps the instructor's files
// from the users student code runs as (its compiles and its workers): everything
// under `root` but what a handout shows every student (lib/, labs/, grader/src/,
// grader/worker/) loses its permissions for other users; the folders above `root` and
// on the way to those and to `cache` let them pass through (not list); in the cache, only the
// precompiled headers stay readable (the reference's objects, workers and answers
// do not). Owners and groups keep theirs (bundle_run.cpp).
void hide_course_files(const std::string& root, const std::string& cache);

// Grading inside the platform's container (bundle_run.cpp).
int run_on_platform(const CommonOptions& common, const std::string& platform,
                    const std::string& platform_root, const std::string& lab);

// PrairieLearn's results.json for a graded submission: score in [0, 1], tests with
// points and max_points, the learning curves as images; hidden items folded into
// one line without details (report_prairielearn.cpp).
nlohmann::json to_prairielearn(const Submission& submission);
// PrairieLearn's results.json for a submission that cannot be graded.
nlohmann::json prairielearn_not_gradable(const std::string& message);

}  // namespace grader
