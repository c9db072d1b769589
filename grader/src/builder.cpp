#include "builder.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "printable.hpp"
#include "sandbox.hpp"
#include "toolchain_config.hpp"

namespace fs = std::filesystem;

namespace grader {

std::string content_hash(const std::string& bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
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

}  // namespace

BuildResult Builder::run_compiler(std::vector<std::string> argv,
                                  const std::vector<std::string>& inputs,
                                  const std::string& output) {
  const OutputFolder folder(cache_dir_);
  const std::string produced = (fs::path(folder.path()) / fs::path(output).filename()).string();
  argv.insert(argv.end(), {"-o", produced});
  Command command = compiler_command(std::move(argv), folder.path());
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
  if (r.ok) {
    fs::rename(produced, output);
    r.path = output;
  }
  return r;
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
  pch_ = (fs::path(cache_dir_) / ("pch-" + key_prefix_) / "pch.hpp").string();
}

bool Builder::ensure_precompiled_header(BuildResult& failure) {
  if (pch_ready_) return true;
  const std::string gch = pch_ + ".gch";
  if (!fs::exists(gch)) {
    fs::create_directories(fs::path(pch_).parent_path());
    const std::string part = pch_ + ".part-" + std::to_string(getpid());
    std::ofstream(part) << "#include <armadillo>\n#include <fmt/format.h>\n";
    fs::rename(part, pch_);  // graders sharing a cache never see half a file
    std::vector<std::string> argv = {toolchain_.compiler};
    argv.insert(argv.end(), toolchain_.compile_flags.begin(), toolchain_.compile_flags.end());
    argv.insert(argv.end(), {"-x", "c++-header", pch_});
    BuildResult r = run_compiler(argv, {pch_}, gch);
    if (!r.ok) {
      failure = r;
      failure.output = "could not build the precompiled header:\n" + r.output;
      return false;
    }
  }
  pch_ready_ = true;
  return true;
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
  if (!ensure_precompiled_header(r)) {
    r.graders_fault = true;
    return r;
  }
  std::vector<std::string> argv = {toolchain_.compiler};
  argv.insert(argv.end(), toolchain_.compile_flags.begin(), toolchain_.compile_flags.end());
  argv.insert(argv.end(), {"-Winvalid-pch", "-include", pch_, "-c", source});
  r = run_compiler(argv, {source, fs::path(pch_).parent_path().string()}, object);
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

void Builder::in_parallel(std::size_t count, int jobs, const std::function<bool(std::size_t)>& job,
                          const std::function<void(std::size_t)>& on_start) {
  std::set<pid_t> running;
  auto finish_one = [&] {
    // any child: one of these, or a process an earlier run left to the grader
    const pid_t pid = ::wait(nullptr);
    if (pid < 0) running.clear();  // no children at all (cannot happen; never wait forever)
    running.erase(pid);
  };
  for (std::size_t i = 0; i < count; ++i) {
    while (static_cast<int>(running.size()) >= std::max(1, jobs)) finish_one();
    if (on_start) on_start(i);
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(job(i) ? 0 : 1);  // no destructor of the grader's objects runs twice
    if (pid < 0) {                          // no process to spare: run it here
      job(i);
      continue;
    }
    running.insert(pid);
  }
  while (!running.empty()) finish_one();
}

void Builder::compile_in_parallel(const std::vector<std::pair<std::string, std::string>>& sources,
                                  int jobs, const std::function<void(const std::string&)>& on_start) {
  if (sources.empty()) return;
  BuildResult failure;
  if (!ensure_precompiled_header(failure)) return;  // compile() reports it, source by source
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

}  // namespace grader
