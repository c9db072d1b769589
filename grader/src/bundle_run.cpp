// `grader bundle run`: one submission graded inside a platform's container.
//
//   Gradescope    reads <root>/submission, writes <root>/results/results.json
//   PrairieLearn  reads <root>/student,    writes <root>/results/results.json
//
// Whatever the submission, a results.json is written that the student can read:
// nothing sent, none of the expected file names, or code that does not compile
// each gets a message saying so and what to send instead.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "builder.hpp"
#include "bundle.hpp"
#include "grade.hpp"
#include "report.hpp"
#include "rubric.hpp"
#include "sandbox.hpp"

namespace fs = std::filesystem;

namespace grader {

namespace {

// Others may pass through `dir` to a path it leads to, and not list it.
void pass_through_only(const fs::path& dir) {
  fs::permissions(dir, fs::perms::others_read | fs::perms::others_write, fs::perm_options::remove);
  fs::permissions(dir, fs::perms::others_exec, fs::perm_options::add);
}

// In `dir`, on the way to the `shown` paths: each entry shown stays as it is, each on
// the way is passed through, every other loses its permissions for others.
void hide_all_but(const fs::path& dir, const std::vector<fs::path>& shown) {
  pass_through_only(dir);
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    const fs::path& p = entry.path();
    if (entry.is_symlink()) continue;  // what it points to keeps its own permissions
    if (std::find(shown.begin(), shown.end(), p) != shown.end()) continue;
    if (std::any_of(shown.begin(), shown.end(), [&](const fs::path& s) { return path_within(s, p); }))
      hide_all_but(p, shown);
    else
      fs::permissions(p, fs::perms::others_all, fs::perm_options::remove);
  }
}

bool in_lab(const RubricItem& item, const std::string& lab) {
  return lab.empty() || item.lab.find(lab) != std::string::npos;
}

// The rubric's items of `lab` only ("" = all of them).
Rubric only_lab(const Rubric& rubric, const std::string& lab) {
  Rubric kept = rubric;
  kept.items.clear();
  for (const RubricItem& item : rubric.items)
    if (in_lab(item, lab)) kept.items.push_back(item);
  return kept;
}

// Every regular file of the submission, as paths relative to it, and each symbolic
// link, said to be one.
std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (const fs::file_type type = it->symlink_status(ec).type(); type == fs::file_type::regular)
      files.push_back(fs::relative(it->path(), dir).string());
    else if (type == fs::file_type::symlink)  // not followed
      files.push_back(it->path().lexically_relative(dir).string() +
                      " (a symbolic link: not graded; hand in the file itself)");
  std::sort(files.begin(), files.end());
  return files;
}

std::string expected_names(const Rubric& rubric) {
  std::string names;
  for (const std::string& f : rubric.student_files())
    names += fmt::format("\n  {} (or the whole repository with it at {})",
                         fs::path(f).filename().string(), f);
  return names;
}

// A submission nobody could grade: every item at zero with `why`, and `why` for the run.
Submission ungraded(const Rubric& rubric, const std::string& why) {
  Submission s;
  s.student_id = "submission";
  s.seed = rubric.seed;
  s.grader_version = "0.1";
  s.output = why;
  for (const RubricItem& r : rubric.items)
    s.items.push_back(
        failed_item(r, Status::Failed, "Not graded: " + why.substr(0, why.find('\n'))));
  return s;
}

// Some of the student's code does not compile and nothing earned a point: the
// compiler's message is then the whole story.
bool only_compile_errors(const Submission& s) {
  bool compile_error = false;
  for (const Item& item : s.items) {
    if (item.points > 0) return false;
    compile_error = compile_error || item.status == Status::CompileError;
  }
  return compile_error;
}

// Where a student can send only a few files (PrairieLearn, Gradescope uploads), the
// first compiler message is the most useful line of the report.
std::string first_compile_error(const Submission& s) {
  for (const Item& item : s.items)
    if (item.status == Status::CompileError) return item.message;
  return "";
}

void write_results(const fs::path& platform_root, const nlohmann::json& results) {
  const fs::path dir = platform_root / "results";
  fs::create_directories(dir);
  const fs::path tmp = dir / "results.json.part";
  {
    std::ofstream f(tmp, std::ios::binary);
    f << results.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";  // not UTF-8: replaced
    if (!f) throw std::runtime_error(tmp.string() + ": cannot be written");
  }
  fs::rename(tmp, dir / "results.json");
}

struct Graded {
  Submission submission;
  bool gradable = true;  // false: nothing in it could be graded (message in submission.output)
};

Graded grade_submission(const CommonOptions& common, const Rubric& rubric,
                        const fs::path& submission) {
  const std::vector<std::string> sent =
      fs::is_directory(submission) ? files_in(submission) : std::vector<std::string>{};
  if (sent.empty())
    return {ungraded(rubric,
                     "Your submission is empty: no file arrived. Send the files you "
                     "wrote:" +
                         expected_names(rubric)),
            false};

  std::vector<std::string> notes;
  const std::map<std::string, std::string> found =
      locate_student_files(rubric.student_files(), submission.string(), notes);
  std::set<std::string> used;
  for (const auto& [file, path] : found) used.insert(fs::relative(path, submission).string());
  std::string unused;
  for (const std::string& f : sent)
    if (!used.count(f) && fs::path(f).extension() == ".cpp") unused += "\n  " + f;
  if (found.empty()) {
    std::string why = "None of the files this assignment grades is in your submission.";
    why += "\nYou sent:";
    for (const std::string& f : sent) why += "\n  " + f;
    why += "\nThe files graded here (keep these exact names):" + expected_names(rubric);
    return {ungraded(rubric, why), false};
  }

  GradeOptions o;
  o.root = common.root;
  o.submission = submission.string();
  o.cache_dir = common.cache_dir;
  std::string work = (fs::temp_directory_path() / "backprop-platform-XXXXXX").string();
  if (!mkdtemp(work.data())) throw std::runtime_error("no scratch folder in /tmp");
  o.work_dir = work;
  o.student_id = "submission";
  // The platform runs each submission in a container of its own; bubblewrap is
  // used where the container lets it run, else the plain sandbox.
  o.weak_sandbox = !jail_unavailable().empty();
  if (o.weak_sandbox && geteuid() == 0) {  // the container is the submission's alone
    hide_course_files(o.root, o.cache_dir);
    o.compile_as_run_user = true;
  }
  o.combined_build = true;
  Graded g{grade(rubric, o), true};
  fs::remove_all(work);
  if (!unused.empty())
    g.submission.output +=
        "These files were not graded (their names are not the ones the "
        "assignment grades):" +
        unused + "\n";
  if (only_compile_errors(g.submission)) {
    g.gradable = false;
    g.submission.output =
        "Your code does not compile, so its checks could not run. The "
        "compiler said:\n" +
        first_compile_error(g.submission) + "\n" + g.submission.output;
  }
  return g;
}

}  // namespace

void hide_course_files(const std::string& root_dir, const std::string& cache_dir) {
  const fs::path root = fs::canonical(root_dir), cache = fs::weakly_canonical(cache_dir);
  fs::create_directories(cache);
  std::vector<fs::path> shown = {root / "lib", root / "labs", root / "grader/src",
                                 root / "grader/worker"};
  if (path_within(cache, root)) shown.push_back(cache);
  // the folders above: passed through (a framework in a private folder, /root say, is
  // otherwise out of the compiles' reach)
  for (fs::path p = root.parent_path(); p != p.root_path(); p = p.parent_path())
    fs::permissions(p, fs::perms::others_exec, fs::perm_options::add);
  hide_all_but(root, shown);
  pass_through_only(cache);
  for (const fs::directory_entry& entry : fs::directory_iterator(cache))
    if (!entry.is_symlink() && entry.path().filename().string().rfind("pch-", 0) != 0)
      fs::permissions(entry.path(), fs::perms::others_all, fs::perm_options::remove);
}

int run_on_platform(const CommonOptions& common, const std::string& platform,
                    const std::string& platform_root, const std::string& lab) {
  const fs::path root = platform_root;
  const bool gradescope = platform == "gradescope";
  try {
    const Rubric rubric = only_lab(load_rubric(common.rubric), lab);
    if (rubric.items.empty())
      throw std::runtime_error("no rubric item belongs to lab '" + lab + "'");
    const Graded g =
        grade_submission(common, rubric, root / (gradescope ? "submission" : "student"));
    if (gradescope) {
      write_results(root, to_gradescope(g.submission));
    } else {
      write_results(root, g.gradable ? to_prairielearn(g.submission)
                                     : prairielearn_not_gradable(g.submission.output));
    }
    std::cout << to_terminal(g.submission);  // the platform keeps it for the instructor
    return 0;
  } catch (const std::exception& e) {
    // The grader's own failure: the student still gets a result that says so.
    const std::string why = std::string("The autograder could not grade this submission (") +
                            e.what() +
                            "). This is not a mistake in your code: tell your instructor.";
    std::cerr << "grader: " << e.what() << "\n";
    if (gradescope) {
      write_results(root, {{"score", 0},
                           {"output", why},
                           {"stdout_visibility", "hidden"},
                           {"tests", nlohmann::json::array()}});
    } else {
      write_results(root, prairielearn_not_gradable(why));
    }
    return 1;
  }
}

}  // namespace grader
