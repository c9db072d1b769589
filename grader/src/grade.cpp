#include "grade.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "builder.hpp"
#include "checks.hpp"
#include "printable.hpp"
#include "sandbox.hpp"
#include "worker_run.hpp"

namespace fs = std::filesystem;

namespace grader {

namespace {

// The worker's own sources (repository paths): its main, the protocol, the probe
// registry and every lab's probes (grader/worker/probes/*.cpp).
std::vector<std::string> worker_sources(const std::string& root) {
  std::vector<std::string> sources = {"grader/worker/worker.cpp", "grader/src/protocol.cpp",
                                      "grader/worker/probe.cpp"};
  const fs::path probes = fs::path(root) / "grader/worker/probes";
  std::vector<std::string> found;
  if (fs::exists(probes))
    for (const auto& e : fs::directory_iterator(probes))
      if (e.is_regular_file() && e.path().extension() == ".cpp")
        found.push_back(fs::relative(e.path(), root).string());
  std::sort(found.begin(), found.end());
  sources.insert(sources.end(), found.begin(), found.end());
  return sources;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool in_lab(const RubricItem& item, const std::string& lab) {
  return lab.empty() || item.lab.find(lab) != std::string::npos;
}

// Workers run as `nobody` when the grader is root, and the cache may be in a
// private folder: such a grader runs a copy kept in its scratch folder.
std::string runnable_copy(const std::string& exe, const std::string& work_dir) {
  if (geteuid() != 0) return exe;
  const fs::path copy = fs::path(work_dir) / fs::path(exe).filename();
  if (!fs::exists(copy)) {
    const fs::path part = copy.string() + ".part";
    fs::copy_file(exe, part, fs::copy_options::overwrite_existing);
    fs::permissions(part, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
    fs::rename(part, copy);
  }
  return copy.string();
}

Item failed_item(const RubricItem& r, Status status, const std::string& message) {
  Item item;
  item.id = r.id;
  item.title = r.title;
  item.lab = r.lab;
  item.max_points = r.points;
  item.visibility = r.visibility;
  item.status = status;
  item.message = message;
  return item;
}

// Compiles each source once per run.
class ObjectCache {
 public:
  ObjectCache(Builder& builder, GradeStats& stats) : builder_(builder), stats_(stats) {}
  const BuildResult& get(const std::string& source, const std::string& name) {
    auto it = results_.find(source);
    if (it == results_.end()) {
      it = results_.emplace(source, builder_.compile(source, name)).first;
      ++(it->second.from_cache ? stats_.cached : stats_.compiled);
    }
    return it->second;
  }

 private:
  Builder& builder_;
  GradeStats& stats_;
  std::map<std::string, BuildResult> results_;
};

}  // namespace

std::vector<std::string> framework_sources(const std::string& root) {
  std::vector<std::string> sources;
  for (const char* top : {"lib/nn", "labs"}) {
    const fs::path dir = fs::path(root) / top;
    if (!fs::exists(dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file() && e.path().extension() == ".cpp" &&
          e.path().parent_path().filename() != "programs")  // a lab's programs have main()
        sources.push_back(fs::relative(e.path(), root).string());
  }
  std::sort(sources.begin(), sources.end());
  return sources;
}

std::map<std::string, std::string> locate_student_files(const std::vector<std::string>& files,
                                                        const std::string& submission,
                                                        std::vector<std::string>& notes) {
  std::map<std::string, std::string> found;
  std::multimap<std::string, fs::path> by_name;  // file name -> paths in the submission
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(submission, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec)) by_name.emplace(it->path().filename().string(), it->path());
  for (const std::string& file : files) {
    const fs::path exact = fs::path(submission) / file;
    if (fs::is_regular_file(exact)) {
      found[file] = exact.string();
      continue;
    }
    const std::string name = fs::path(file).filename().string();
    const auto range = by_name.equal_range(name);
    const auto count = std::distance(range.first, range.second);
    if (count == 1) found[file] = range.first->second.string();
    if (count > 1)
      notes.push_back(fmt::format("{} is in the submission {} times and none at {}: not used", name,
                                  count, file));
  }
  return found;
}

Submission grade(const Rubric& rubric, const GradeOptions& given, GradeStats* stats_out) {
  GradeStats stats;
  GradeOptions options = given;  // the compiler and the workers run in other folders
  for (std::string* path :
       {&options.root, &options.submission, &options.cache_dir, &options.work_dir})
    *path = fs::absolute(*path).lexically_normal().string();
  const auto start = std::chrono::steady_clock::now();
  Submission result;
  result.student_id = options.student_id;
  result.seed = rubric.seed;
  result.grader_version = "0.1";
  result.tolerances = {{"gradient relative error", rubric.tolerance}};

  std::vector<std::string> notes;
  const std::map<std::string, std::string> student =
      locate_student_files(rubric.student_files(), options.submission, notes);
  for (const std::string& file : rubric.student_files())
    if (!student.count(file))
      notes.push_back(file + " is not in the submission: graded as not written");

  if (!options.weak_sandbox && !jail_unavailable().empty())
    throw std::runtime_error("student code cannot be sandboxed here: " + jail_unavailable());
  Builder builder(default_toolchain(options.root), options.cache_dir,
                  framework_header_hash(options.root), !options.weak_sandbox);
  ObjectCache objects(builder, stats);
  fs::create_directories(options.work_dir);
  // only the grader may list it; workers, run as nobody, need to reach their copies in it
  fs::permissions(options.work_dir, geteuid() == 0 ? fs::perms::owner_all |
                                                         fs::perms::group_exec |
                                                         fs::perms::others_exec
                                                   : fs::perms::owner_all);

  // The code of `file` for an item that owns it (student) or not (reference).
  auto source_of = [&](const std::string& file, bool own) {
    if (own || !options.reference) {
      if (auto it = student.find(file); it != student.end()) return it->second;
      return (fs::path(options.root) / file).string();  // the handout's stub
    }
    const fs::path solution = fs::path(options.root) / "solutions" / file;
    return (fs::exists(solution) ? solution : fs::path(options.root) / file).string();
  };

  const std::vector<std::string> sources = framework_sources(options.root);
  for (const RubricItem& r : rubric.items) {
    if (!in_lab(r, options.lab) || (options.visible_only && r.visibility != Visibility::Visible))
      continue;
    const auto item_start = std::chrono::steady_clock::now();
    std::vector<std::string> link_objects;
    std::string problem;
    Status status = Status::Error;
    for (const std::string& s : worker_sources(options.root)) {
      const BuildResult& b = objects.get((fs::path(options.root) / s).string(), s);
      if (!b.ok) problem = "the grader's worker does not build:\n" + b.output;
      link_objects.push_back(b.path);
    }
    for (const std::string& file : sources) {
      const bool own = std::find(r.files.begin(), r.files.end(), file) != r.files.end();
      const BuildResult& b = objects.get(source_of(file, own), file);
      if (!b.ok && problem.empty()) {
        const bool students = own || (!options.reference && student.count(file));
        status = students ? Status::CompileError : Status::Error;
        problem = b.output;
      }
      link_objects.push_back(b.path);
    }
    Item item;
    if (problem.empty()) {
      const BuildResult exe = builder.link(link_objects);
      stats.linked += exe.from_cache ? 0 : 1;
      if (exe.ok) {
        WorkerSetup worker{runnable_copy(exe.path, options.work_dir), r.time_limit,
                           !options.weak_sandbox, options.work_dir};
        item = run_check(r, rubric.seed,
                         [&worker](const Message& request) { return run_worker(worker, request); });
      } else {
        item = failed_item(r, Status::Error, exe.output);
      }
    } else {
      item = failed_item(r, status, problem);
    }
    item.execution_time = seconds_since(item_start);
    result.items.push_back(std::move(item));
  }

  // A student's own check has no reference code: a later item may fail because of an earlier one.
  if (!options.reference)
    for (Item& item : result.items) {
      if (item.status == Status::Passed) continue;
      for (const std::string& dep : rubric.item(item.id).depends_on)
        for (const Item& other : result.items)
          if (other.id == dep && other.status != Status::Passed)
            item.message += fmt::format(
                "\nThis item also runs your {} ({}), which does not pass yet: fix that first.",
                other.title, other.id);
    }

  for (const std::string& n : notes) result.output += n + "\n";
  result.execution_time = seconds_since(start);
  if (stats_out) *stats_out = stats;
  return result;
}

}  // namespace grader
