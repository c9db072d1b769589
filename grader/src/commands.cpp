#include "commands.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "builder.hpp"
#include "grade.hpp"
#include "printable.hpp"
#include "report.hpp"
#include "rubric.hpp"
#include "sandbox.hpp"
#include "similarity.hpp"

namespace fs = std::filesystem;

namespace grader {

namespace {

// Compilers each of `sharing` graders running at once may start: as the options
// say, else the CPUs shared out.
int compile_jobs(const CommonOptions& common, int sharing) {
  if (common.compile_jobs > 0) return common.compile_jobs;
  const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  return std::max(1, static_cast<int>(std::max(1L, cpus)) / std::max(1, sharing));
}

// Writes through a temporary file and a rename: a reader never sees half a file.
void write_atomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".part-" + std::to_string(getpid());
  {
    std::ofstream f(tmp, std::ios::binary);
    f << text;
    if (!f) throw std::runtime_error(tmp.string() + ": cannot be written");
  }
  fs::rename(tmp, path);
}

void write_reports(const Submission& s, const fs::path& out) {
  fs::create_directories(out);
  write_atomically(out / "report.md", to_markdown(s));
  write_atomically(out / "report.html", to_html(s));
  // student text that is not UTF-8 (a file's name) is replaced, never a failed dump
  constexpr auto replace = nlohmann::json::error_handler_t::replace;
  write_atomically(out / "results.json", to_gradescope(s).dump(2, ' ', false, replace) + "\n");
  write_atomically(out / "summary.json",
                   to_json(s).dump(2, ' ', false, replace) + "\n");  // last: it marks "done"
}

// A fresh folder no other process can guess (grade() sets who may enter it).
std::string scratch_dir() {
  std::string pattern = (fs::temp_directory_path() / "backprop-grader-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("no scratch folder in /tmp");
  return pattern;
}

// Whether student code may be graded here: in bubblewrap's sandbox, or in the
// weaker plain one when the instructor accepted it (--weak-sandbox).
bool may_grade(const CommonOptions& common) {
  const std::string why = jail_unavailable();
  if (why.empty()) return true;
  if (common.weak_sandbox) {
    std::cerr << "grader: warning: " << why
              << "; grading with the weaker sandbox (--weak-sandbox): a submission may escape "
                 "the process-group kill and reach other runs\n";
    return true;
  }
  std::cerr << "grader: student code cannot be sandboxed here: " << why
            << ".\nInstall bubblewrap, or pass --weak-sandbox to accept the weaker isolation "
               "(resource limits and a process-group kill only: one submission may then "
               "change another's grade).\n";
  return false;
}

// Loads the rubric or prints why not (exit status 2).
bool load(const CommonOptions& common, Rubric& rubric) {
  try {
    rubric = load_rubric(common.rubric);
    return true;
  } catch (const std::exception& e) {
    std::cerr << "grader: " << e.what() << "\n";
    return false;
  }
}

bool all_passed(const Submission& s) {
  for (const Item& item : s.items)
    if (item.status != Status::Passed) return false;
  return !s.items.empty();
}

}  // namespace

int check_command(const CommonOptions& common, const std::string& lab, bool verbose) {
  Rubric rubric;
  if (!load(common, rubric)) return 2;
  const bool tty = isatty(STDOUT_FILENO);
  GradeOptions o;
  o.root = o.submission = common.root;
  o.cache_dir = common.cache_dir;
  o.work_dir = scratch_dir();
  o.student_id = "grader check of " + fs::absolute(common.root).lexically_normal().string();
  o.reference = false;
  o.lab = lab;
  o.visible_only = true;
  o.compile_jobs = compile_jobs(common, 1);
  // the student's own code on their own machine: the plain sandbox is enough there
  o.weak_sandbox = !jail_unavailable().empty();
  if (o.weak_sandbox)
    std::cerr << "grader: note: " << jail_unavailable() << "; checking in the plain sandbox\n";
  std::cout << fmt::format("Checking your code in {}: the visible items of {}.\n",
                           fs::absolute(common.root).lexically_normal().string(),
                           lab.empty() ? "every lab" : "lab " + lab)
            << std::flush;
  o.on_build = [&](const std::string& source, int index, int total) {
    if (tty)
      std::cout << fmt::format("\r\x1b[Kbuilding your code: {}/{} {}", index, total, source)
                << std::flush;
    else if (index == 1)
      std::cout << "Building your code (the first run compiles every file: a minute or two)...\n"
                << std::flush;
  };
  o.on_item = [&](const Item& item, int, int) {
    std::cout << (tty ? "\r\x1b[K" : "") << item_line(item, tty) << std::flush;
  };
  const Submission s = grade(rubric, o);
  fs::remove_all(o.work_dir);
  if (s.items.empty()) {
    std::cerr << "grader: no visible item matches lab '" << lab << "'\n";
    return 2;
  }
  const fs::path out = fs::path(common.root) / "build" / "grader-report";
  write_reports(s, out);
  if (verbose) std::cout << "\n" << to_terminal_details(s, tty);
  if (!s.output.empty()) std::cout << "\n" << printable(s.output, s.output.size());
  std::cout << "\n"
            << summary_table(s) << "Total: " << points_text(s.total(), s.max_total())
            << "\n\nDetails (the worst elements, the diagnoses, hints): "
            << (out / "report.html").string() << " and report.md"
            << (verbose ? "" : ", or `grader check --verbose`") << ".\n";
  return all_passed(s) ? 0 : 1;
}

int grade_command(const CommonOptions& common, const std::string& submission,
                  const std::string& out, const std::string& student_id) {
  Rubric rubric;
  if (!load(common, rubric)) return 2;
  if (!fs::exists(fs::path(common.root) / "solutions")) {
    std::cerr << "grader: grading needs the reference solutions: " << common.root
              << "/solutions does not exist (is this a student handout?)\n";
    return 2;
  }
  if (!may_grade(common)) return 2;
  GradeOptions o;
  o.root = common.root;
  o.submission = submission;
  o.cache_dir = common.cache_dir;
  o.work_dir = scratch_dir();
  o.student_id =
      student_id.empty() ? fs::path(submission).lexically_normal().filename().string() : student_id;
  o.weak_sandbox = common.weak_sandbox && !jail_unavailable().empty();
  o.compile_jobs = compile_jobs(common, 1);
  o.combined_build = !common.files_alone;
  const Submission s = grade(rubric, o);
  fs::remove_all(o.work_dir);
  write_reports(s, out);
  std::cout << to_terminal(s, isatty(STDOUT_FILENO));
  return 0;
}

namespace {

// Starts `grader grade` for one student into `partial`; returns the child's pid.
pid_t start_grade(const CommonOptions& common, const fs::path& submission, const fs::path& partial,
                  const std::string& id, int jobs) {
  std::vector<std::string> args = {"/proc/self/exe",
                                   "--root",
                                   common.root,
                                   "--rubric",
                                   common.rubric,
                                   "--cache",
                                   common.cache_dir,
                                   "--compile-jobs",
                                   std::to_string(compile_jobs(common, jobs)),
                                   "grade",
                                   "--submission",   submission.string(),
                                   "--out",          partial.string(),
                                   "--student",      id};
  if (common.weak_sandbox) args.push_back("--weak-sandbox");
  if (common.files_alone) args.push_back("--files-alone");
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const std::string log = partial.string() + ".log";
    if (FILE* f = std::fopen(log.c_str(), "w")) {  // the child's terminal output
      dup2(fileno(f), STDOUT_FILENO);
      dup2(fileno(f), STDERR_FILENO);
    }
    execv("/proc/self/exe", argv.data());
    _exit(127);
  }
  return pid;
}

// A cell of marks.csv. A student's name may be anything a folder may be called: it is
// made printable, and one that a spreadsheet would run as a formula (=, +, -, @) is
// kept as text with a leading '.
std::string csv_field(const std::string& text) {
  std::string s = printable(text, 256);
  if (!s.empty() && std::string("=+-@").find(s[0]) != std::string::npos) s = "'" + s;
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// The items of a graded submission's summary.json that the grader could not judge.
int items_with_grader_errors(const fs::path& summary) {
  int n = 0;
  const nlohmann::json graded = nlohmann::json::parse(read_file(summary.string()));
  for (const auto& item : graded.at("items"))  // (not over a temporary's member: it would dangle)
    n += item.at("status").get<std::string>() == "error" ? 1 : 0;
  return n;
}

// The rubric's labs in the reports' order (by_lab): sorted, items of no lab last.
std::vector<std::string> labs_of(const Rubric& rubric) {
  std::vector<std::string> labs;
  for (const RubricItem& item : rubric.items)
    if (std::find(labs.begin(), labs.end(), item.lab) == labs.end()) labs.push_back(item.lab);
  std::sort(labs.begin(), labs.end(), [](const std::string& a, const std::string& b) {
    return !a.empty() && (b.empty() || a < b);
  });
  return labs;
}

// One row per student: the points of each rubric item, total, max, then each
// lab's subtotal (columns "lab01", "lab02", ...: lab_short_name).
void write_marks(const Rubric& rubric, const fs::path& out, const std::vector<std::string>& ids) {
  const std::vector<std::string> labs = labs_of(rubric);
  std::string csv = "student";
  for (const RubricItem& item : rubric.items) csv += "," + csv_field(item.id);
  csv += ",total,max";
  for (const std::string& lab : labs) csv += "," + csv_field(lab_short_name(lab));
  csv += "\n";
  for (const std::string& id : ids) {
    const fs::path summary = out / id / "summary.json";
    csv += csv_field(id);
    std::map<std::string, double> points;
    double total = 0, max = 0;
    if (fs::exists(summary)) {
      const nlohmann::json j = nlohmann::json::parse(read_file(summary.string()));
      for (const auto& item : j.at("items")) {
        points[item.at("id").get<std::string>()] = item.at("points").get<double>();
        total += item.at("points").get<double>();
        max += item.at("max_points").get<double>();
      }
    }
    std::map<std::string, double> subtotal;
    for (const RubricItem& item : rubric.items) {
      csv += points.count(item.id) ? fmt::format(",{:g}", points[item.id]) : ",";
      subtotal[item.lab] += points.count(item.id) ? points[item.id] : 0;
    }
    csv += fs::exists(summary) ? fmt::format(",{:g},{:g}", total, max) : ",not graded,";
    for (const std::string& lab : labs)
      csv += fs::exists(summary) ? fmt::format(",{:g}", subtotal[lab]) : ",";
    csv += "\n";
  }
  write_atomically(out / "marks.csv", csv);
}

// What a student's grade depends on besides the grader: every file of their
// folder (path and content; a symbolic link is not followed, as grading takes no file
// through one) and the rubric. Stored beside the reports; a different hash means the
// student must be graded again.
std::string submission_hash(const fs::path& folder, const std::string& rubric_path) {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(folder))
    if (e.symlink_status().type() == fs::file_type::regular)
      files.push_back(fs::relative(e.path(), folder).string());
  std::sort(files.begin(), files.end());
  std::string all = read_file(rubric_path);
  for (const std::string& f : files)
    all += "\n" + f + "\n" + content_hash(read_file((folder / f).string()));
  return content_hash(all);
}

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() > end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// The students' folders of `submissions`, sorted; `problem` says what is wrong
// when the folder is not one folder per student (or `out` lies inside it).
std::vector<std::string> student_folders(const fs::path& submissions, const fs::path& out,
                                         std::string& problem) {
  std::vector<std::string> ids, stray;
  const std::string inside = fs::weakly_canonical(submissions).string() + "/";
  if (fs::weakly_canonical(out).string().rfind(inside, 0) == 0) {
    problem = "the output folder " + out.string() + " is inside the submissions folder";
    return {};
  }
  for (const auto& e : fs::directory_iterator(submissions)) {
    const std::string name = e.path().filename().string();
    if (name.rfind('.', 0) == 0) continue;  // .DS_Store, .git
    if (!e.is_directory())
      stray.push_back(name);
    else if (ends_with(name, ".partial") || ends_with(name, ".partial.log"))
      problem = name + ": a student folder may not end in .partial or .partial.log (the "
                       "grader's own suffixes)";
    else if (name == "marks.csv" || name == "similarity.md")
      problem = name + ": a student folder may not be called as the grader's own reports "
                       "(marks.csv, similarity.md): rename it";
    else
      ids.push_back(name);
  }
  if (!stray.empty()) {
    std::string names;
    for (std::size_t i = 0; i < stray.size() && i < 5; ++i) names += (i ? ", " : "") + stray[i];
    problem = fmt::format(
        "{} holds {} file(s) that are not folders ({}{}): it must hold one folder per student "
        "(unpack each submission into a folder named after the student)",
        submissions.string(), stray.size(), names, stray.size() > 5 ? ", ..." : "");
  } else if (ids.empty() && problem.empty()) {
    problem = submissions.string() + " is empty: it must hold one folder per student";
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

int batch_command(const CommonOptions& common, const std::string& submissions,
                  const std::string& out, int jobs, bool force) {
  Rubric rubric;
  if (!load(common, rubric)) return 2;
  std::string problem;
  const std::vector<std::string> ids = student_folders(submissions, out, problem);
  if (!problem.empty()) {
    std::cerr << "grader: " << problem << "\n";
    return 2;
  }
  if (!may_grade(common)) return 2;
  fs::create_directories(out);

  std::map<pid_t, std::string> running;
  std::map<std::string, std::string> hashes;  // id -> the hash of what is being graded
  int done = 0, failed = 0, skipped = 0;
  auto finish_one = [&] {
    int status = 0;
    const pid_t pid = wait(&status);
    if (pid <= 0 || !running.count(pid)) return;
    const std::string id = running[pid];
    running.erase(pid);
    const fs::path partial = fs::path(out) / (id + ".partial");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && fs::exists(partial / "summary.json")) {
      // a grade with items the grader could not judge is kept, but the next run grades again
      const int unjudged = items_with_grader_errors(partial / "summary.json");
      if (unjudged == 0) write_atomically(partial / "submission.hash", hashes[id] + "\n");
      fs::remove_all(fs::path(out) / id);       // an earlier grade of files since changed
      fs::rename(partial, fs::path(out) / id);  // a graded student is complete or absent
      fs::remove(partial.string() + ".log");
      ++done;
      std::cout << fmt::format("graded {} ({}/{})", id, done + skipped, ids.size());
      if (unjudged > 0)
        std::cout << fmt::format(", but the grader could not judge {} item(s) (status \"error\" "
                                 "in its report): the next batch run grades it again",
                                 unjudged);
      std::cout << "\n";
    } else {
      ++failed;
      std::cout << fmt::format("FAILED to grade {}: see {}.log\n", id, partial.string());
    }
  };
  for (const std::string& id : ids) {
    const fs::path graded = fs::path(out) / id;
    hashes[id] = submission_hash(fs::path(submissions) / id, common.rubric);
    if (!force && fs::exists(graded / "summary.json") && fs::exists(graded / "submission.hash") &&
        read_file((graded / "submission.hash").string()) == hashes[id] + "\n") {
      ++skipped;  // graded by an earlier run, and its files have not changed since
      continue;
    }
    while (static_cast<int>(running.size()) >= jobs) finish_one();
    const fs::path partial = fs::path(out) / (id + ".partial");
    fs::remove_all(partial);
    running[start_grade(common, fs::path(submissions) / id, partial, id, jobs)] = id;
  }
  while (!running.empty()) finish_one();
  write_marks(rubric, out, ids);
  std::cout << "similar pairs: "
            << write_similarity_report(rubric, common.root, submissions, ids, out) << "\n";
  std::cout << fmt::format(
      "{} graded, {} unchanged since their last grading, {} failed; marks: {}\n", done, skipped,
      failed, (fs::path(out) / "marks.csv").string());
  return failed == 0 ? 0 : 1;
}

}  // namespace grader
