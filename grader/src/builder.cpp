#include "builder.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "elf_symbols.hpp"
#include "printable.hpp"
#include "run_user.hpp"
#include "sandbox.hpp"
#include "sha256.hpp"
#include "toolchain_config.hpp"

namespace fs = std::filesystem;

namespace grader {

std::string content_hash(const std::string& bytes) { return sha256_hex(bytes).substr(0, 32); }

bool path_within(const std::string& path, const std::string& dir) {
  const fs::path p(path), d(dir);
  return std::mismatch(d.begin(), d.end(), p.begin(), p.end()).first == d.end();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string framework_header_hash(const std::string& root) {
  std::vector<std::string> headers;
  for (const char* dir : {"lib", "labs", "grader/worker"}) {
    if (!fs::exists(fs::path(root) / dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(root) / dir))
      if (e.is_regular_file() && e.path().extension() == ".hpp")
        headers.push_back(e.path().string());
  }
  headers.push_back((fs::path(root) / "grader/src/protocol.hpp").string());
  std::sort(headers.begin(), headers.end());
  std::string all;
  for (const std::string& h : headers) all += h.substr(root.size()) + '\n' + read_file(h);
  return content_hash(all);
}

Toolchain default_toolchain(const std::string& root) {
  Toolchain t;
  t.compiler = kCompiler;
  t.objcopy = kObjcopy;
  t.root = root;
  // -O1: a class's 50 files of student code compile in 15-25% less time than at -O2,
  // and the checks, whose heavy work is in OpenBLAS, take about 5% longer (measured in turn
  // with -O2: README, "Grading a class").
  t.compile_flags = {"-std=c++17",
                     "-O1",
                     "-DARMA_WARN_LEVEL=1",
                     "-I" + root + "/lib",
                     "-I" + root + "/labs",
                     "-I" + root + "/grader/src",
                     "-I" + root + "/grader/worker"};
  for (const char* dir : kIncludeDirs)  // each list ends with nullptr
    if (dir) t.compile_flags.push_back(std::string("-I") + dir);
  for (const char* lib : kLinkLibraries)
    if (lib) t.link_flags.push_back(lib);
  return t;
}

namespace {

// What units (compile_together) are compiled with besides the toolchain's flags: no
// global function inlined into another (each may be replaced at link time).
constexpr const char* kUnitFlag = "-fPIC";

// The compiler and linker are trusted, but what they compile is not: bound them.
Command compiler_command(std::vector<std::string> argv, const std::string& dir) {
  Command c;
  c.argv = std::move(argv);
  c.working_dir = dir;
  c.env = {"PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C"};
  c.limits.wall_seconds = 180;
  c.limits.cpu_seconds = 180;
  c.limits.memory_bytes = std::size_t{4} << 30;
  c.limits.file_size_bytes = std::size_t{512} << 20;
  c.limits.max_processes = 16;
  c.limits.max_open_files = 256;
  c.limits.output_bytes = 64 << 10;
  return c;
}

// A fresh folder in the cache for one compiler run's output, removed with
// whatever is left in it. The finished output is renamed out of it into the
// cache, so an interrupted build leaves no half file, and graders sharing a
// cache never see one.
class OutputFolder {
 public:
  explicit OutputFolder(const std::string& cache_dir) {
    std::string pattern = (fs::path(cache_dir) / "out-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("no output folder in " + cache_dir);
    path_ = pattern;
  }
  ~OutputFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The folders the toolchain's -I flags name (that exist).
std::vector<std::string> include_dirs(const Toolchain& t) {
  std::vector<std::string> dirs;
  for (const std::string& flag : t.compile_flags)
    if (flag.rfind("-I", 0) == 0 && fs::is_directory(flag.substr(2))) dirs.push_back(flag.substr(2));
  return dirs;
}

// The paths of a make rule written by the compiler's -MD (target: dep dep \ ...).
std::vector<std::string> paths_in_make_rule(const std::string& rule) {
  std::vector<std::string> paths;
  std::string path;
  bool after_colon = false;
  for (std::size_t i = 0; i < rule.size(); ++i) {
    const char c = rule[i];
    if (c == '\\' && i + 1 < rule.size() && rule[i + 1] != '\n') {
      path += rule[++i];  // an escaped character of the path (a space, a #)
    } else if (c == '\\' || c == ' ' || c == '\n' || c == '\t') {
      if (!path.empty() && after_colon) paths.push_back(path);
      path.clear();
    } else if (c == ':' && !after_colon &&
               (i + 1 == rule.size() || rule[i + 1] == ' ' || rule[i + 1] == '\n')) {
      after_colon = true;
      path.clear();
    } else {
      path += c;
    }
  }
  if (!path.empty() && after_colon) paths.push_back(path);
  return paths;
}

// Without the jail, a compile sees the whole file system: the first file it read (its
// -MD list) that the jail would not have shown it, or "" when there is none. The jail
// shows the toolchain's include folders, the compiler's own headers, the inputs and the
// output folder.
std::string read_outside_the_jail(const std::string& rule, const std::vector<std::string>& shown) {
  std::vector<std::string> allowed;
  for (const std::string& p : shown) allowed.push_back(fs::weakly_canonical(p).string());
  for (const std::string& path : paths_in_make_rule(rule)) {
    const std::string real = fs::weakly_canonical(path).string();
    if (std::none_of(allowed.begin(), allowed.end(),
                     [&](const std::string& a) { return path_within(real, a); }))
      return path;
  }
  return "";
}

// Whether one of `paths` is `dir` or inside it (after links and "..").
bool any_inside(const std::vector<std::string>& paths, const std::string& dir) {
  const std::string d = fs::weakly_canonical(dir).string();
  return std::any_of(paths.begin(), paths.end(), [&](const std::string& p) {
    return path_within(fs::weakly_canonical(p).string(), d);
  });
}

}  // namespace

void Builder::compile_untrusted_as_run_user(std::string trusted_dir) {
  trusted_dir_ = std::move(trusted_dir);
}

BuildResult Builder::run_tool(const ToolArguments& argv_for, const std::vector<std::string>& inputs,
                              const std::string& output) {
  const OutputFolder folder(cache_dir_);
  const std::string produced = (fs::path(folder.path()) / fs::path(output).filename()).string();
  std::vector<std::string> argv = argv_for(folder.path(), produced);
  // Without the jail, a compile lists what it reads, and may read only what the jail shows.
  const std::string reads = (fs::path(folder.path()) / "reads.d").string();
  const bool list_reads = !jailed_ && std::find(argv.begin(), argv.end(), "-c") != argv.end();
  if (list_reads) argv.insert(argv.end(), {"-MD", "-MF", reads});
  Command command = compiler_command(std::move(argv), folder.path());
  std::optional<RunUser> user;  // compile_untrusted_as_run_user: the compile's own user
  if (list_reads && trusted_dir_ && geteuid() == 0 && !any_inside(inputs, *trusted_dir_)) {
    user.emplace();
    if (chown(folder.path().c_str(), user->uid(), user->uid()) != 0)
      throw std::runtime_error("cannot give " + folder.path() + " to the compile's user");
    command.run_as_uid = user->uid();
    command.env.push_back("TMPDIR=" + folder.path());
  }
  if (jailed_) {
    Jail jail;
    jail.read_only = include_dirs(toolchain_);
    jail.read_only.insert(jail.read_only.end(), inputs.begin(), inputs.end());
    jail.writable = {folder.path()};
    jail.scratch_bytes = std::size_t{512} << 20;  // the compiler's temporary files
    command.jail = std::move(jail);
  }
  const auto start = std::chrono::steady_clock::now();
  const RunResult run = grader::run(command);
  BuildResult r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.output = printable(run.err + run.out, 16 << 10);
  r.ok = run.outcome == Outcome::Ok && fs::exists(produced);
  if (run.outcome != Outcome::Ok && run.outcome != Outcome::NonZeroExit)
    r.output += "\n" + run.message;
  if (r.ok && list_reads) {
    std::vector<std::string> shown = include_dirs(toolchain_);
    shown.insert(shown.end(), inputs.begin(), inputs.end());
    shown.insert(shown.end(), {folder.path(), "/usr/lib/gcc"});  // the compiler's own headers
    std::string outside;
    try {
      outside = read_outside_the_jail(read_file(reads), shown);
    } catch (const std::exception& e) {
      outside = e.what();
    }
    if (!outside.empty()) {
      r.ok = false;
      r.output += "it reads " + outside +
                  ", a file outside the framework's headers and the files handed in: the "
                  "grader's sandbox does not show it (#include only the framework's and the "
                  "standard headers)";
    }
  }
  if (r.ok) {
    fs::rename(produced, output);
    r.path = output;
  }
  return r;
}

BuildResult Builder::run_compiler(std::vector<std::string> argv,
                                  const std::vector<std::string>& inputs,
                                  const std::string& output) {
  return run_tool(
      [&](const std::string&, const std::string& produced) {
        argv.insert(argv.end(), {"-o", produced});
        return argv;
      },
      inputs, output);
}

Builder::Builder(Toolchain toolchain, std::string cache_dir, std::string header_hash, bool jailed)
    : toolchain_(std::move(toolchain)), cache_dir_(fs::absolute(cache_dir).string()),
      jailed_(jailed) {
  // absolute: the compiler runs inside the cache folder
  fs::create_directories(cache_dir_);
  // The cache key leaves out where the framework is (its headers' hash stands
  // for them), so that copies of one framework (a handout, another clone) share objects.
  std::string flags;
  for (std::string f : toolchain_.compile_flags) {
    if (!toolchain_.root.empty())
      for (std::size_t at; (at = f.find(toolchain_.root)) != std::string::npos;)
        f.replace(at, toolchain_.root.size(), "<root>");
    flags += f + ' ';
  }
  key_prefix_ = content_hash(toolchain_.compiler + flags + header_hash);
  pch_[0] = (fs::path(cache_dir_) / ("pch-" + key_prefix_) / "pch.hpp").string();
  pch_[1] = (fs::path(cache_dir_) / ("pch-" + key_prefix_ + kUnitFlag) / "pch.hpp").string();
}

bool Builder::ensure_precompiled_header(bool pic, BuildResult& failure) {
  if (pch_ready_[pic]) return true;
  const std::string& pch = pch_[pic];
  const std::string gch = pch + ".gch";
  if (!fs::exists(gch)) {
    fs::create_directories(fs::path(pch).parent_path());
    const std::string part = pch + ".part-" + std::to_string(getpid());
    std::ofstream(part) << "#include <armadillo>\n#include <fmt/format.h>\n";
    fs::rename(part, pch);  // graders sharing a cache never see half a file
    std::vector<std::string> argv = compile_command(pic);
    argv.insert(argv.end(), {"-x", "c++-header", pch});
    BuildResult r = run_compiler(argv, {pch}, gch);
    if (!r.ok) {
      failure = r;
      failure.output = "could not build the precompiled header:\n" + r.output;
      return false;
    }
  }
  pch_ready_[pic] = true;
  return true;
}

std::vector<std::string> Builder::compile_command(bool pic) const {
  std::vector<std::string> argv = {toolchain_.compiler};
  argv.insert(argv.end(), toolchain_.compile_flags.begin(), toolchain_.compile_flags.end());
  if (pic) argv.push_back(kUnitFlag);
  return argv;
}

BuildResult Builder::compile(const std::string& source, const std::string& name) {
  BuildResult r;
  std::string text;
  try {
    text = read_file(source);
  } catch (const std::exception& e) {
    r.output = e.what();
    return r;
  }
  const std::string object = object_path(text, name);
  if (fs::exists(object)) {
    r.ok = r.from_cache = true;
    r.path = object;
    return r;
  }
  if (!ensure_precompiled_header(false, r)) {
    r.graders_fault = true;
    return r;
  }
  std::vector<std::string> argv = compile_command(false);
  argv.insert(argv.end(), {"-Winvalid-pch", "-include", pch_[0], "-c", source});
  r = run_compiler(argv, {source, fs::path(pch_[0]).parent_path().string()}, object);
  if (!r.ok) r.output = name + ": does not compile\n" + r.output;
  return r;
}

std::string Builder::object_path(const std::string& text, const std::string& name) const {
  return (fs::path(cache_dir_) / (content_hash(key_prefix_ + name + '\n' + text) + ".o")).string();
}

bool Builder::cached(const std::string& source, const std::string& name) const {
  try {
    return fs::exists(object_path(read_file(source), name));
  } catch (const std::exception&) {
    return false;  // unreadable: compile() says so
  }
}

std::vector<bool> Builder::in_parallel(std::size_t count, int jobs,
                                       const std::function<bool(std::size_t)>& job,
                                       const std::function<void(std::size_t)>& on_start) {
  std::vector<bool> ok(count, false);
  std::map<pid_t, std::size_t> running;  // child -> its job
  auto finish_one = [&] {
    // any child: one of these, or a process an earlier run left to the grader
    int status = 0;
    const pid_t pid = ::wait(&status);
    if (pid < 0) running.clear();  // no children at all (cannot happen; never wait forever)
    if (auto it = running.find(pid); it != running.end()) {
      ok[it->second] = WIFEXITED(status) && WEXITSTATUS(status) == 0;
      running.erase(it);
    }
  };
  for (std::size_t i = 0; i < count; ++i) {
    while (static_cast<int>(running.size()) >= std::max(1, jobs)) finish_one();
    if (on_start) on_start(i);
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(job(i) ? 0 : 1);  // no destructor of the grader's objects runs twice
    if (pid < 0) {                          // no process to spare: run it here
      ok[i] = job(i);
      continue;
    }
    running.emplace(pid, i);
  }
  while (!running.empty()) finish_one();
  return ok;
}

void Builder::compile_in_parallel(const std::vector<std::pair<std::string, std::string>>& sources,
                                  int jobs, const std::function<void(const std::string&)>& on_start) {
  if (sources.empty()) return;
  BuildResult failure;
  if (!ensure_precompiled_header(false, failure)) return;  // compile() reports it, source by source
  in_parallel(
      sources.size(), jobs,
      [&](std::size_t i) { return compile(sources[i].first, sources[i].second).ok; },
      [&](std::size_t i) {
        if (on_start) on_start(sources[i].second);
      });
}

int Builder::link_in_parallel(const std::vector<std::vector<std::string>>& object_lists,
                              int jobs) {
  std::vector<const std::vector<std::string>*> missing;
  for (const auto& objects : object_lists)
    if (!fs::exists(executable_path(objects))) missing.push_back(&objects);
  in_parallel(missing.size(), jobs, [&](std::size_t i) { return link(*missing[i]).ok; });
  return static_cast<int>(missing.size());
}

std::string Builder::executable_path(const std::vector<std::string>& objects) const {
  std::string key = key_prefix_;
  for (const std::string& o : objects) key += o + '\n';
  return (fs::path(cache_dir_) / ("worker-" + content_hash(key))).string();
}

BuildResult Builder::link(const std::vector<std::string>& objects) {
  const std::string exe = executable_path(objects);
  BuildResult r;
  if (fs::exists(exe)) {
    r.ok = r.from_cache = true;
    r.path = exe;
    return r;
  }
  std::vector<std::string> argv = {toolchain_.compiler};
  argv.insert(argv.end(), objects.begin(), objects.end());
  argv.insert(argv.end(), toolchain_.link_flags.begin(), toolchain_.link_flags.end());
  r = run_compiler(argv, objects, exe);
  if (!r.ok)
    r.output = "the worker does not link (a function defined twice, or missing?)\n" + r.output;
  return r;
}

std::optional<std::string> Builder::unit_path(
    const std::vector<std::pair<std::string, std::string>>& sources, BuildResult& failure) const {
  std::string key = key_prefix_ + " " + kUnitFlag + ", together:\n";
  for (const auto& [source, name] : sources) {
    if (source.find_first_of("\"\\\n") != std::string::npos) {
      failure.output = source + ": a path an #include line cannot name";
      return std::nullopt;
    }
    try {
      key += name + '\n' + content_hash(read_file(source)) + '\n';
    } catch (const std::exception& e) {
      failure.output = e.what();
      return std::nullopt;
    }
  }
  return (fs::path(cache_dir_) / ("unit-" + content_hash(key) + ".o")).string();
}

BuildResult Builder::compile_together(
    const std::vector<std::pair<std::string, std::string>>& sources) {
  BuildResult r;
  const std::optional<std::string> object = unit_path(sources, r);
  if (!object) return r;
  if (fs::exists(*object)) {
    r.ok = r.from_cache = true;
    r.path = *object;
    return r;
  }
  if (!ensure_precompiled_header(true, r)) {
    r.graders_fault = true;
    return r;
  }
  std::vector<std::string> inputs = {fs::path(pch_[1]).parent_path().string()};
  for (const auto& source : sources) inputs.push_back(source.first);
  return run_tool(
      [&](const std::string& folder, const std::string& produced) {
        const std::string unit = (fs::path(folder) / "unit.cpp").string();
        std::ofstream text(unit);
        for (const auto& source : sources) text << "#include \"" << source.first << "\"\n";
        std::vector<std::string> argv = compile_command(true);
        argv.insert(argv.end(), {"-Winvalid-pch", "-include", pch_[1], "-c", unit, "-o", produced});
        return argv;
      },
      inputs, *object);
}

std::vector<BuildResult> Builder::compile_together_in_parallel(
    const std::vector<std::vector<std::pair<std::string, std::string>>>& units, int jobs) {
  std::vector<BuildResult> results(units.size());
  std::vector<std::size_t> missing;  // not in the cache
  for (std::size_t i = 0; i < units.size(); ++i) {
    const std::optional<std::string> object = unit_path(units[i], results[i]);
    if (!object) continue;
    if (fs::exists(*object)) results[i] = compile_together(units[i]);
    else missing.push_back(i);
  }
  if (missing.empty()) return results;
  BuildResult failure;
  if (!ensure_precompiled_header(true, failure)) {  // before the children, which would each build it
    failure.graders_fault = true;
    for (std::size_t i : missing) results[i] = failure;
    return results;
  }
  const std::vector<bool> built = in_parallel(
      missing.size(), jobs, [&](std::size_t k) { return compile_together(units[missing[k]]).ok; });
  for (std::size_t k = 0; k < missing.size(); ++k) {
    if (!built[k]) continue;  // not ok, no message
    results[missing[k]] = compile_together(units[missing[k]]);  // from the cache
    results[missing[k]].from_cache = false;                     // compiled in this run
  }
  return results;
}

BuildResult Builder::weakened(const std::string& object, const std::set<std::string>& strong) {
  BuildResult r;
  if (toolchain_.objcopy.empty()) {
    r.output = "no objcopy in this toolchain";
    return r;
  }
  const std::optional<std::set<std::string>> defined = defined_global_symbols(object);
  if (!defined) {
    r.output = object + ": not an object file the grader can read";
    return r;
  }
  std::string list = "# weak\n";  // one name per line; objcopy refuses an empty list
  for (const std::string& name : *defined) {
    if (strong.count(name)) continue;
    if (name.find_first_of("# \t\r\n") != std::string::npos) {
      r.output = object + ": a symbol objcopy's list cannot name";
      return r;
    }
    list += name + '\n';
  }
  const std::string copy =
      (fs::path(cache_dir_) / ("weak-" + content_hash(object + '\n' + list) + ".o")).string();
  if (fs::exists(copy)) {
    r.ok = r.from_cache = true;
    r.path = copy;
    return r;
  }
  return run_tool(
      [&](const std::string& folder, const std::string& produced) {
        const std::string names = (fs::path(folder) / "weak.txt").string();
        std::ofstream(names) << list;
        return std::vector<std::string>{toolchain_.objcopy, "--weaken-symbols=" + names, object,
                                        produced};
      },
      {object}, copy);
}

}  // namespace grader
