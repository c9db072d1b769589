#include "grade.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

#include "answers.hpp"
#include "builder.hpp"
#include "check_common.hpp"
#include "checks.hpp"
#include "elf_symbols.hpp"
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

// Workers run as users of their own when the grader is root, and the cache may be in a
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

// A worker executable, or why there is none.
struct WorkerBuild {
  std::string exe;
  Status status = Status::Error;
  std::string problem;  // "" when built
};

// Compiles each source once per run.
class ObjectCache {
 public:
  using Progress = std::function<void(const std::string& source, int index, int total)>;
  ObjectCache(Builder& builder, GradeStats& stats, Progress progress, int total)
      : builder_(builder), stats_(stats), progress_(std::move(progress)), total_(total) {}
  const BuildResult& get(const std::string& source, const std::string& name) {
    auto it = results_.find(source);
    if (it == results_.end()) {
      if (progress_) progress_(name, static_cast<int>(results_.size()) + 1, total_);
      it = results_.emplace(source, builder_.compile(source, name)).first;
      ++(it->second.from_cache ? stats_.cached : stats_.compiled);
    }
    return it->second;
  }
  // Builds the sources (code, name) not built yet in this run, `jobs` compilers at once.
  void prebuild(const std::vector<std::pair<std::string, std::string>>& sources, int jobs) {
    std::vector<std::pair<std::string, std::string>> missing;
    std::set<std::string> seen;
    for (const auto& [source, name] : sources)
      if (!results_.count(source) && seen.insert(source).second &&
          !builder_.cached(source, name))
        missing.emplace_back(source, name);
    if (missing.size() < 2 || jobs < 2) return;  // get() builds them one by one
    int started = static_cast<int>(results_.size());
    builder_.compile_in_parallel(missing, jobs, [&](const std::string& name) {
      if (progress_) progress_(name, ++started, total_);
    });
    for (const auto& [source, name] : missing) {
      BuildResult b = builder_.compile(source, name);  // from the cache, or the compiler's message
      b.from_cache = false;                             // it was compiled in this run
      ++stats_.compiled;
      results_.emplace(source, std::move(b));
    }
  }

 private:
  Builder& builder_;
  GradeStats& stats_;
  Progress progress_;
  int total_;
  std::map<std::string, BuildResult> results_;
};

// A student's own check has no reference code: an item may fail because of an
// item it depends on (graded before it, in rubric order) that does not pass.
void note_failing_dependencies(Item& item, const RubricItem& r, const std::vector<Item>& graded) {
  if (item.status == Status::Passed || item.status == Status::Blocked) return;
  for (const std::string& dep : r.depends_on)
    for (const Item& other : graded)
      if (other.id == dep && other.status != Status::Passed)
        item.message += fmt::format(
            "\nThis item also runs your {} ({}), which does not pass yet: fix that first.",
            other.title, other.id);
}

// For each framework file: the code to build it from, and whether that code is the student's.
using CodeOf = std::function<std::pair<std::string, bool>(const std::string& file)>;

// Builds the workers of one run (`options` with absolute paths), and runs them:
// jailed by bubblewrap, or in the plain sandbox where it cannot run and
// options.weak_sandbox accepts that (grade() refuses otherwise).
class Workers {
 public:
  Workers(const GradeOptions& options, GradeStats& stats)
      : options_(options),
        stats_(stats),
        jailed_(!options.weak_sandbox && jail_unavailable().empty()),
        builder_(default_toolchain(options.root), options.cache_dir,
                 framework_header_hash(options.root), jailed_),
        objects_(builder_, stats, options.on_build,
                 static_cast<int>(worker_sources(options.root).size() +
                                  framework_sources(options.root).size())),
        sources_(framework_sources(options.root)) {
    if (!jailed_ && options.compile_as_run_user && geteuid() == 0)
      builder_.compile_untrusted_as_run_user((fs::path(options.root) / "solutions").string());
  }

  // What build(code_of) compiles: (code, name) of each source.
  std::vector<std::pair<std::string, std::string>> sources_of(const CodeOf& code_of) const {
    std::vector<std::pair<std::string, std::string>> all;
    for (const std::string& s : worker_sources(options_.root))
      all.emplace_back((fs::path(options_.root) / s).string(), s);
    for (const std::string& file : sources_) all.emplace_back(code_of(file).first, file);
    return all;
  }
  // Compiles ahead, options.compile_jobs at once, what building these workers needs.
  void prebuild(const std::vector<CodeOf>& builds) {
    std::vector<std::pair<std::string, std::string>> all;
    for (const CodeOf& code_of : builds) {
      const auto some = sources_of(code_of);
      all.insert(all.end(), some.begin(), some.end());
    }
    objects_.prebuild(all, options_.compile_jobs);
  }

  // Links ahead, options.compile_jobs linkers at once, the workers these builds
  // need (after prebuild: the objects are there).
  void prelink(const std::vector<CodeOf>& builds) {
    std::set<std::vector<std::string>> lists;
    for (const CodeOf& code_of : builds) {
      WorkerBuild w;
      std::vector<std::string> objects = objects_of(code_of, w);
      if (w.problem.empty()) lists.insert(std::move(objects));
    }
    stats_.linked += builder_.link_in_parallel({lists.begin(), lists.end()}, options_.compile_jobs);
  }

  void add_run_counts(GradeStats& stats) const {
    stats.sessions += counts_.sessions;
    stats.session_answers += counts_.session_answers;
    stats.runs_alone += counts_.runs_alone;
  }

  // A worker from the worker's own sources and the code `code_of` gives.
  WorkerBuild build(const CodeOf& code_of) {
    WorkerBuild w;
    const std::vector<std::string> link_objects = objects_of(code_of, w);
    if (!w.problem.empty()) return w;
    const bool students = std::any_of(sources_.begin(), sources_.end(),
                                      [&](const std::string& file) { return code_of(file).second; });
    return linked(link_objects, students);
  }
  // A worker linked from these objects; `students`: some are the student's, and a
  // definition missing or doubled (an empty or cut file) is theirs to mend. Any other
  // failure (a full disk, say) is the grader's.
  WorkerBuild linked(const std::vector<std::string>& objects, bool students = true) {
    WorkerBuild w;
    const BuildResult exe = builder_.link(objects);
    stats_.linked += exe.from_cache ? 0 : 1;
    if (exe.ok) {
      w.exe = runnable_copy(exe.path, options_.work_dir);
      return w;
    }
    const bool definitions = exe.output.find("undefined reference") != std::string::npos ||
                             exe.output.find("multiple definition") != std::string::npos;
    w.status = students && definitions ? Status::CompileError : Status::Error;
    w.problem = w.status == Status::CompileError
                    ? "your code does not link (is a function your file must define missing, "
                      "or defined twice?):\n" + exe.output
                    : exe.output;
    return w;
  }

  // Compiles the student's files `files` (code, name) in a few units together, one
  // per compile job (GradeOptions::combined_build). Needs the reference objects
  // (prebuild({reference_code()})).
  void compile_together(const std::vector<std::pair<std::string, std::string>>& files) {
    const std::size_t count = std::min<std::size_t>(std::max(1, options_.compile_jobs), files.size());
    std::vector<std::vector<std::pair<std::string, std::string>>> units(count);
    for (std::size_t i = 0; i < files.size(); ++i)  // in order, shared out evenly
      units[i * count / files.size()].push_back(files[i]);
    const std::vector<BuildResult> built = builder_.compile_together_in_parallel(units, count);
    for (std::size_t u = 0; u < count; ++u) {
      if (!built[u].ok) continue;  // its files' items are built file by file
      ++(built[u].from_cache ? stats_.units_cached : stats_.units_compiled);
      for (const auto& file : units[u]) unit_of_[file.second] = built[u].path;
    }
  }
  // The objects of item `r`'s worker from the units: the worker's own sources, the
  // reference's object of every file but r's own, and the units that hold r's own
  // files with every symbol weak but those the reference's objects of r's files
  // define (so the reference's definitions of the other files' functions are the
  // ones linked and called). nullopt where a file of r is in no unit, or a copy fails.
  std::optional<std::vector<std::string>> together_objects_of(const RubricItem& r) {
    std::set<std::string> units, strong;
    const CodeOf reference = reference_code();
    for (const std::string& file : r.files) {
      const auto unit = unit_of_.find(file);
      if (unit == unit_of_.end()) return std::nullopt;
      units.insert(unit->second);
      const BuildResult& b = objects_.get(reference(file).first, file);
      const std::set<std::string>* defined = b.ok ? symbols_of(b.path) : nullptr;
      if (!defined) return std::nullopt;
      strong.insert(defined->begin(), defined->end());
    }
    WorkerBuild unused;
    const CodeOf others = [&](const std::string& file) {
      return std::find(r.files.begin(), r.files.end(), file) != r.files.end()
                 ? std::make_pair(std::string(), false)  // from a unit
                 : reference(file);
    };
    std::vector<std::string> objects = objects_of(others, unused);
    if (!unused.problem.empty()) return std::nullopt;
    for (const std::string& unit : units) {
      const BuildResult copy = builder_.weakened(unit, strong);
      if (!copy.ok) return std::nullopt;
      objects.push_back(copy.path);
    }
    return objects;
  }
  // Links ahead, options.compile_jobs linkers at once, these lists of objects.
  void prelink_objects(const std::vector<std::vector<std::string>>& lists) {
    stats_.linked += builder_.link_in_parallel(lists, options_.compile_jobs);
  }

  // The objects of a worker from the worker's own sources and the code `code_of`
  // gives; w.status and w.problem say why there is none.
  std::vector<std::string> objects_of(const CodeOf& code_of, WorkerBuild& w) {
    std::vector<std::string> link_objects;
    for (const std::string& s : worker_sources(options_.root)) {
      const BuildResult& b = objects_.get((fs::path(options_.root) / s).string(), s);
      if (!b.ok && w.problem.empty())
        w.problem = "the grader's worker does not build:\n" + b.output;
      link_objects.push_back(b.path);
    }
    for (const std::string& file : sources_) {
      const auto [code, students] = code_of(file);
      if (code.empty()) continue;  // linked from elsewhere (a unit)
      const BuildResult& b = objects_.get(code, file);
      if (!b.ok && w.problem.empty()) {
        w.status = students && !b.graders_fault ? Status::CompileError : Status::Error;
        w.problem = b.graders_fault ? "the grader could not build (not a problem of your code; "
                                      "grade again):\n" + b.output
                                    : b.output;
      }
      link_objects.push_back(b.path);
    }
    return link_objects;
  }

  // The reference worker: every file from solutions/ where it has one; built once.
  const WorkerBuild& reference() {
    if (!reference_) reference_ = build(reference_code());
    return *reference_;
  }
  // Every file from solutions/ where it has one.
  CodeOf reference_code() const {
    return [root = options_.root](const std::string& file) {
      const fs::path solution = fs::path(root) / "solutions" / file;
      return std::make_pair((fs::exists(solution) ? solution : fs::path(root) / file).string(),
                            false);
    };
  }

  // A runner for the reference worker (or one that says why there is none).
  WorkerRunner reference_runner(double time_limit) {
    const WorkerBuild& w = reference();
    if (!w.problem.empty()) {
      const std::string problem = "the reference worker does not build:\n" + w.problem;
      return [problem](const Message&) {
        WorkerReply reply;
        reply.problem = problem;
        return reply;
      };
    }
    // named after the worker, whose name stands for the code it was built from
    const std::string worker = fs::path(w.exe).filename().string();
    const fs::path answers = fs::path(options_.cache_dir) / ("answers-" + worker);
    return remembered_answers(answers.string(), runner(w.exe, time_limit));
  }

  // Runs the worker `exe` in the sandbox, one request at a time.
  WorkerRunner runner(const std::string& exe, double time_limit) const {
    const WorkerSetup setup{exe, time_limit, jailed_, options_.work_dir};
    return [setup](const Message& request) { return run_worker(setup, request); };
  }
  // Runs `planned` (two requests or more) in one session of the worker `exe` when
  // the first request comes, then answers from it; a request the session did not
  // answer (or not planned) runs on its own.
  WorkerRunner session_runner(const std::string& exe, double time_limit,
                              std::vector<Message> planned) {
    if (planned.size() < 2) return runner(exe, time_limit);  // nothing to gain
    const WorkerSetup setup{exe, time_limit, jailed_, options_.work_dir};
    auto answers = std::make_shared<std::optional<std::map<std::string, WorkerReply>>>();
    return [setup, planned = std::move(planned), answers, counts = &counts_](const Message& request) {
      if (!*answers) {
        std::vector<std::optional<WorkerReply>> replies = run_worker_session(setup, planned);
        answers->emplace();
        ++counts->sessions;
        for (std::size_t i = 0; i < planned.size(); ++i)
          if (replies[i]) (*answers)->emplace(encode(planned[i]), std::move(*replies[i]));
      }
      if (auto it = (*answers)->find(encode(request)); it != (*answers)->end()) {
        ++counts->session_answers;
        return it->second;
      }
      ++counts->runs_alone;
      return run_worker(setup, request);
    };
  }

 private:
  const GradeOptions& options_;
  GradeStats& stats_;
  bool jailed_;
  Builder builder_;
  ObjectCache objects_;
  std::vector<std::string> sources_;
  std::optional<WorkerBuild> reference_;
  std::map<std::string, std::string> unit_of_;               // file -> unit object
  std::map<std::string, std::set<std::string>> symbols_of_;  // object -> its global symbols
  const std::set<std::string>* symbols_of(const std::string& object) {
    auto it = symbols_of_.find(object);
    if (it == symbols_of_.end()) {
      std::optional<std::set<std::string>> names = defined_global_symbols(object);
      if (!names) return nullptr;
      it = symbols_of_.emplace(object, std::move(*names)).first;
    }
    return &it->second;
  }
  struct RunCounts {  // GradeStats' worker runs, counted by the runners in several threads
    std::atomic<int> sessions{0}, session_answers{0}, runs_alone{0};
  } counts_;
};

// The paths absolute (the compiler and the workers run in other folders) and
// the scratch folder ready.
GradeOptions prepared(const GradeOptions& given) {
  GradeOptions options = given;
  for (std::string* path :
       {&options.root, &options.submission, &options.cache_dir, &options.work_dir})
    if (!path->empty()) *path = fs::absolute(*path).lexically_normal().string();
  fs::create_directories(options.work_dir);
  // only the grader may list it; workers, run as other users, need to reach their copies in it
  fs::permissions(options.work_dir, geteuid() == 0 ? fs::perms::owner_all | fs::perms::group_exec |
                                                         fs::perms::others_exec
                                                   : fs::perms::owner_all);
  return options;
}

// Runs work(i) for each i < count in `jobs` threads, and done(i) in the calling
// thread in the order of i, each as soon as work(i) has ended. An exception from
// work() stops the threads taking more and is thrown here once they have ended.
void in_threads_in_order(std::size_t count, int jobs, const std::function<void(std::size_t)>& work,
                         const std::function<void(std::size_t)>& done) {
  std::mutex mutex;
  std::condition_variable ended;
  std::vector<bool> finished(count, false);
  std::size_t next = 0;
  std::exception_ptr failure;
  auto take = [&] {
    for (;;) {
      std::size_t i;
      {
        const std::lock_guard<std::mutex> lock(mutex);
        if (next == count || failure) return;
        i = next++;
      }
      std::exception_ptr error;
      try {
        work(i);
      } catch (...) {
        error = std::current_exception();
      }
      {
        const std::lock_guard<std::mutex> lock(mutex);
        finished[i] = true;
        if (error && !failure) failure = error;
      }
      ended.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < std::min<int>(std::max(1, jobs), static_cast<int>(count)); ++t)
    threads.emplace_back(take);
  for (std::size_t i = 0; i < count; ++i) {
    {
      std::unique_lock<std::mutex> lock(mutex);
      ended.wait(lock, [&] { return finished[i] || failure; });
      if (!finished[i]) break;
    }
    done(i);
  }
  for (std::thread& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

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

// Whether `path` (in `submission`) is a regular file reached without a symbolic link:
// a link hands in a file the student did not write, the reference's say, by its path.
bool handed_in_itself(const fs::path& submission, const fs::path& path) {
  std::error_code ec;
  fs::path at = submission;
  for (const fs::path& part : path.lexically_relative(submission)) {
    at /= part;
    if (fs::symlink_status(at, ec).type() == fs::file_type::symlink) return false;
  }
  return fs::symlink_status(path, ec).type() == fs::file_type::regular;
}

std::map<std::string, std::string> locate_student_files(const std::vector<std::string>& files,
                                                        const std::string& submission,
                                                        std::vector<std::string>& notes) {
  std::map<std::string, std::string> found;
  std::multimap<std::string, fs::path> by_name;  // file name -> paths in the submission
  std::set<std::string> links;                    // names of symbolic links in the submission
  std::error_code ec;
  // The walk does not follow links to folders; a link to a file is not taken for one.
  for (auto it = fs::recursive_directory_iterator(submission, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::file_type type = it->symlink_status(ec).type();
    if (type == fs::file_type::regular) by_name.emplace(it->path().filename().string(), it->path());
    if (type == fs::file_type::symlink) links.insert(it->path().filename().string());
  }
  for (const std::string& file : files) {
    const fs::path exact = fs::path(submission) / file;
    if (handed_in_itself(submission, exact)) {
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
    if (count == 0 && (links.count(name) || fs::exists(exact)))
      notes.push_back(fmt::format("{} is a symbolic link (or inside one): not graded; hand in the "
                                  "file itself",
                                  file));
  }
  return found;
}

Submission grade(const Rubric& rubric, const GradeOptions& given, GradeStats* stats_out) {
  GradeStats stats;
  const GradeOptions options = prepared(given);
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
  Workers workers(options, stats);
  // The code of `file` for an item that owns it (student) or not (reference).
  auto source_of = [&](const std::string& file, bool own) {
    if (own || !options.reference) {
      if (auto it = student.find(file); it != student.end()) return it->second;
      return (fs::path(options.root) / file).string();  // the handout's stub
    }
    const fs::path solution = fs::path(options.root) / "solutions" / file;
    return (fs::exists(solution) ? solution : fs::path(options.root) / file).string();
  };
  // The reference's answers: the reference worker where the root has solutions/,
  // else (a handout) the answers `grader release` shipped.
  const bool has_solutions = fs::exists(fs::path(options.root) / "solutions");
  auto reference_for = [&](const RubricItem& r) -> WorkerRunner {
    if (!needs_reference(r)) return {};
    if (has_solutions) return workers.reference_runner(r.time_limit);
    return shipped_answers((fs::path(options.root) / kAnswersDir).string());
  };

  auto selected = [&](const RubricItem& r) {
    return in_lab(r, options.lab) && (!options.visible_only || r.visibility == Visibility::Visible);
  };
  const int total =
      static_cast<int>(std::count_if(rubric.items.begin(), rubric.items.end(), selected));
  // The code of each framework file for item `r`.
  auto code_for = [&](const RubricItem& r) -> CodeOf {
    return [&, files = &r.files](const std::string& file) {
      const bool own = std::find(files->begin(), files->end(), file) != files->end();
      return std::make_pair(source_of(file, own),
                            own || (!options.reference && student.count(file) > 0));
    };
  };
  std::vector<const RubricItem*> chosen;
  for (const RubricItem& r : rubric.items)
    if (selected(r)) chosen.push_back(&r);
  struct Slot {
    WorkerBuild worker;
    WorkerRunner reference;
    Item item;
    bool settled = false;  // by a worker built from the units (first pass)
  };
  std::vector<Slot> slots(chosen.size());
  auto check = [&](Slot& slot, const RubricItem& r) {
    const auto item_start = std::chrono::steady_clock::now();
    if (slot.worker.problem.empty()) {
      slot.item = run_check(
          r, rubric.seed,
          workers.session_runner(slot.worker.exe, r.time_limit,
                                 planned_requests(r, rubric.seed, slot.reference)),
          slot.reference);
    } else {
      slot.item = failed_item(r, slot.worker.status, slot.worker.problem);
    }
    slot.item.execution_time = seconds_since(item_start);
  };
  const bool needs_reference_worker =
      has_solutions && std::any_of(chosen.begin(), chosen.end(),
                                   [](const RubricItem* r) { return needs_reference(*r); });

  // First pass (options.combined_build): the student's files compiled together in a
  // few units, each item checked with its own files' functions from them and every
  // other function from the reference. An item that passes (or is not written) is
  // settled; the others are checked again in the second pass, with their files
  // compiled alone, so a unit never costs an item anything. The units hold the files
  // the student handed in (an item with a file they did not hand in, the handout's
  // stub, is built as without units: the stubs' objects are cached).
  std::vector<std::pair<std::string, std::string>> handed_in;
  {
    std::set<std::string> own_files;
    for (const RubricItem* r : chosen) own_files.insert(r->files.begin(), r->files.end());
    for (const std::string& file : own_files)
      if (auto it = student.find(file); it != student.end()) handed_in.emplace_back(it->second, file);
  }
  if (options.combined_build && options.reference && handed_in.size() > 1) {
    workers.prebuild({workers.reference_code()});
    workers.compile_together(handed_in);
    std::vector<std::optional<std::vector<std::string>>> objects(chosen.size());
    std::vector<std::vector<std::string>> lists;
    for (std::size_t i = 0; i < chosen.size(); ++i)
      if ((objects[i] = workers.together_objects_of(*chosen[i]))) lists.push_back(*objects[i]);
    workers.prelink_objects(lists);
    std::vector<std::size_t> built;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      if (!objects[i]) continue;
      slots[i].worker = workers.linked(*objects[i]);
      if (!slots[i].worker.problem.empty()) continue;
      slots[i].reference = reference_for(*chosen[i]);
      built.push_back(i);
    }
    in_threads_in_order(
        built.size(), options.compile_jobs,
        [&](std::size_t k) { check(slots[built[k]], *chosen[built[k]]); }, [](std::size_t) {});
    for (std::size_t i : built) {
      const Status status = slots[i].item.status;
      slots[i].settled = status == Status::Passed || status == Status::NotImplemented;
      ++(slots[i].settled ? stats.settled_together : stats.rechecked_alone);
    }
  }

  // Second pass: every item not settled, with a worker built from its own files
  // compiled alone and the reference's objects.
  std::vector<CodeOf> builds;
  for (std::size_t i = 0; i < chosen.size(); ++i)
    if (!slots[i].settled) builds.push_back(code_for(*chosen[i]));
  if (needs_reference_worker && !builds.empty()) builds.push_back(workers.reference_code());
  workers.prebuild(builds);
  workers.prelink(builds);
  for (std::size_t i = 0; i < chosen.size(); ++i) {  // building is not shared between threads
    if (slots[i].settled) continue;
    slots[i].worker = workers.build(code_for(*chosen[i]));
    slots[i].reference =
        slots[i].worker.problem.empty() ? reference_for(*chosen[i]) : WorkerRunner{};
  }
  // The checks, options.compile_jobs items at once, each in a thread of its own (the
  // student's code runs in processes; the grader's side of a check shares nothing that
  // changes but the run counts): reported in rubric order, each as soon as it is done.
  in_threads_in_order(
      slots.size(), options.compile_jobs,
      [&](std::size_t i) {
        if (!slots[i].settled) check(slots[i], *chosen[i]);
      },
      [&](std::size_t i) {
        Item& item = slots[i].item;
        if (!options.reference) note_failing_dependencies(item, *chosen[i], result.items);
        result.items.push_back(std::move(item));
        if (options.on_item)
          options.on_item(result.items.back(), static_cast<int>(result.items.size()), total);
      });
  workers.add_run_counts(stats);

  for (const std::string& n : notes) result.output += n + "\n";
  result.execution_time = seconds_since(start);
  if (stats_out) *stats_out = stats;
  return result;
}

int write_reference_answers(const Rubric& rubric, const GradeOptions& given,
                            const std::string& answers_dir, std::vector<std::string>& problems) {
  GradeStats stats;
  const GradeOptions options = prepared(given);
  Workers workers(options, stats);
  int written = 0;
  for (const RubricItem& r : rubric.items) {
    if (!needs_reference(r)) continue;
    const WorkerRunner reference = workers.reference_runner(r.time_limit);
    for (const Message& request : reference_requests(r, rubric.seed)) {
      std::string problem;
      if (const std::optional<Message> answer =
              checks::reference_answer(reference, request, problem)) {
        write_answer(answers_dir, request, *answer);
        ++written;
      } else {
        problems.push_back(r.id + ": " + problem);
      }
    }
  }
  return written;
}

}  // namespace grader
