// grader: the Backprop Lab autograder. `grader --help`, `grader <command> --help`.
#include <CLI/CLI.hpp>

#include "bundle.hpp"
#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "Backprop Lab autograder: builds student code into an isolated worker, runs "
      "gradient checks, reference checks and accuracy thresholds, and writes reports."};
  app.require_subcommand(1);
  grader::CommonOptions common;
  common.root = NN_SOURCE_DIR;
  app.add_option("--root", common.root, "the framework's root folder")->capture_default_str();
  app.add_option("--rubric", common.rubric, "the rubric (default: <root>/grader/rubric.toml)");
  app.add_option("--cache", common.cache_dir,
                 "compiled objects, shared between runs (default: <root>/build/grader-cache)");
  app.add_option("--compile-jobs", common.compile_jobs,
                 "compilers, linkers and checks run at once (default: one per CPU; batch shares "
                 "them among its jobs)")
      ->check(CLI::Range(1, 64));

  std::string lab;
  CLI::App* check = app.add_subcommand("check",
                                       "check your own code: the visible items, on your "
                                       "working tree");
  check->add_option("--lab", lab, "only this lab's items, e.g. 05 or 06-activations");
  bool verbose = false;
  check->add_flag("--verbose,-v", verbose,
                  "print every check, the worst elements and the diagnoses here too (they are "
                  "always in build/grader-report/)");

  std::string submission, out, student_id;
  CLI::App* grade = app.add_subcommand("grade", "grade one submission");
  grade
      ->add_option("--submission", submission,
                   "the student's folder (a repository copy, or "
                   "just their files)")
      ->required()
      ->check(CLI::ExistingDirectory);
  grade->add_option("--out", out, "where to write the reports")->required();
  grade->add_option("--student", student_id, "the student's id (default: the folder's name)");
  const char* weak_help =
      "grade even where bubblewrap cannot run, in the weaker sandbox (limits and a "
      "process-group kill only; one submission may then reach another's run)";
  grade->add_flag("--weak-sandbox", common.weak_sandbox, weak_help);
  const char* alone_help =
      "compile each student file alone, not the files together in a few units (about four "
      "times the compiler's time; the marks are the same)";
  grade->add_flag("--files-alone", common.files_alone, alone_help);

  std::string submissions;
  int jobs = 2;
  CLI::App* batch =
      app.add_subcommand("batch",
                         "grade a whole class; writes marks.csv. Run again, it grades only the "
                         "students whose files changed");
  batch->add_option("--submissions", submissions, "a folder with one folder per student")
      ->required()
      ->check(CLI::ExistingDirectory);
  batch->add_option("--out", out, "where to write each student's reports and marks.csv")
      ->required();
  batch->add_option("--jobs", jobs, "submissions graded at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  bool force = false;
  batch->add_flag("--force", force,
                  "grade every student again (by default a student is graded again only when "
                  "their files or the rubric changed)");
  batch->add_flag("--weak-sandbox", common.weak_sandbox, weak_help);
  batch->add_flag("--files-alone", common.files_alone, alone_help);

  CLI::App* release = app.add_subcommand("release", "write the student handout");
  release->add_option("--out", out, "the folder to create")->required();

  std::string only, catalogue;
  CLI::App* audit = app.add_subcommand(
      "audit",
      "run the mistake catalogue against the rubric: which mistakes each item catches, which "
      "right answers it accepts, the reference's margin; exit 1 when one is missed");
  audit->add_option("--only", only, "only this item (its id) or lab (e.g. 05 or 06-activations)");
  audit->add_option("--catalogue", catalogue,
                    "the catalogue (default: <root>/grader/catalogue/mistakes.toml)")
      ->check(CLI::ExistingFile);
  audit->add_option("--jobs", jobs, "catalogue entries graded at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();

  grader::BundleOptions bundle_options;
  CLI::App* bundle = grader::add_bundle_cli(app, bundle_options);

  CLI11_PARSE(app, argc, argv);
  if (common.rubric.empty()) common.rubric = common.root + "/grader/rubric.toml";
  if (common.cache_dir.empty()) common.cache_dir = common.root + "/build/grader-cache";

  if (*check) return grader::check_command(common, lab, verbose);
  if (*grade) return grader::grade_command(common, submission, out, student_id);
  if (*batch) return grader::batch_command(common, submissions, out, jobs, force);
  if (*bundle) return grader::bundle_command(common, bundle_options);
  if (*audit) return grader::audit_command(common, only, catalogue, jobs);
  return grader::release_command(common, out);
}
