// Builds workers from a mix of student and reference sources, without CMake:
// each source is compiled once into an object file kept in a cache under its
// content hash, so re-grading after a one-file edit recompiles only that file.
// The compiler runs in the sandbox (a submission can make it loop or blow up, or
// read files into the object with `#include` or `.incbin`): jailed, it sees only
// the system, the include folders of its flags (the framework's headers), the
// one source it compiles, the precompiled header, and a fresh output folder.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace grader {

// How to compile and link against the framework (filled from the grader's own build).
struct Toolchain {
  std::string compiler;                    // e.g. /usr/bin/c++
  std::string objcopy;                     // e.g. /usr/bin/objcopy ("" where there is none)
  std::vector<std::string> compile_flags;  // -std=..., -O..., -D..., -I... (framework headers)
  std::vector<std::string> link_flags;     // libraries
  std::string root;  // the framework's folder, which the -I flags name
};

// The toolchain the grader itself was built with, for the framework at `root`.
Toolchain default_toolchain(const std::string& root);

struct BuildResult {
  bool ok = false;
  std::string output;  // the compiler's or linker's messages (printable, capped)
  std::string path;    // the object or executable, when ok
  bool from_cache = false;
  double seconds = 0;
  // failed before the source itself was compiled (the grader's precompiled header):
  // not the doing of the code being built
  bool graders_fault = false;
};

class Builder {
 public:
  // `cache_dir` is created if needed; `header_hash` identifies the framework's
  // headers (a change to any of them invalidates every object). `jailed`: the
  // compiler runs under bubblewrap (sandbox.hpp), else in the plain sandbox.
  Builder(Toolchain toolchain, std::string cache_dir, std::string header_hash, bool jailed = true);

  // Compiles `source`; `name` is how messages refer to it (e.g. its path in the repository).
  BuildResult compile(const std::string& source, const std::string& name);
  // Whether compile(source, name) would find its object in the cache.
  bool cached(const std::string& source, const std::string& name) const;
  // Compiles `sources` (source, name) into the cache, up to `jobs` compilers at once
  // (each in a child process of its own), calling `on_start` as each starts. What
  // fails is not cached: compile() then says why.
  void compile_in_parallel(const std::vector<std::pair<std::string, std::string>>& sources,
                           int jobs, const std::function<void(const std::string& name)>& on_start);
  // Compiles `sources` (source, name) as one unit, with -fPIC: then no function of
  // one file is inlined into another's (each may be replaced at link time), so a
  // copy of the unit with some files' functions made weak (weakened()) links with
  // other objects that define those functions, and theirs are the ones called.
  // Cached under the sources' content.
  BuildResult compile_together(const std::vector<std::pair<std::string, std::string>>& sources);
  // compile_together() of each unit, up to `jobs` compilers at once. A unit that
  // does not compile comes back not ok, with no message (compile each file alone
  // to learn why).
  std::vector<BuildResult> compile_together_in_parallel(
      const std::vector<std::vector<std::pair<std::string, std::string>>>& units, int jobs);
  // A copy of `object` (cached) in which every global symbol but those named in
  // `strong` is weak: where another object linked with it defines the same symbol,
  // the linker takes that definition, everywhere.
  BuildResult weakened(const std::string& object, const std::set<std::string>& strong);
  // As root without the jail (a platform's container): every compile of code from
  // outside `trusted_dir` (the reference's solutions/) runs as a user of its own
  // (run_user.hpp), as the workers do, so that it reads, with #include or the
  // assembler's .incbin, only what every user may read (see hide_course_files).
  void compile_untrusted_as_run_user(std::string trusted_dir);
  // Links objects into an executable (cached by the set of objects).
  BuildResult link(const std::vector<std::string>& objects);
  // Links each list of objects not linked yet, `jobs` linkers at once (each in a
  // child process of its own); link() then finds them in the cache. Returns how
  // many it linked.
  int link_in_parallel(const std::vector<std::vector<std::string>>& object_lists, int jobs);

 private:
  // The precompiled header for objects compiled with -fPIC (`pic`) or without.
  bool ensure_precompiled_header(bool pic, BuildResult& failure);
  std::vector<std::string> compile_command(bool pic) const;  // compiler and flags
  // Runs job(i) for i < count, each in a child process, `jobs` at once; calls
  // on_start(i) as each starts. Returns whether each job returned true.
  std::vector<bool> in_parallel(std::size_t count, int jobs, const std::function<bool(std::size_t)>& job,
                   const std::function<void(std::size_t)>& on_start = {});
  // The cache's object for the unit of `sources`, or nullopt (and why in `failure`).
  std::optional<std::string> unit_path(const std::vector<std::pair<std::string, std::string>>& sources,
                                       BuildResult& failure) const;
  // The cache's object for the code `text` of the source called `name`.
  std::string object_path(const std::string& text, const std::string& name) const;
  // The cache's executable for these objects.
  std::string executable_path(const std::vector<std::string>& objects) const;
  // Runs the compiler with `argv` + "-o" + a file in a fresh output folder, giving
  // it `inputs` (and the include folders) to read; on success moves the output to `output`.
  BuildResult run_compiler(std::vector<std::string> argv, const std::vector<std::string>& inputs,
                           const std::string& output);
  // The same for any tool: argv_for(folder, produced) gives the command that writes
  // `produced` (in `folder`, the fresh output folder, where it may put its own inputs).
  using ToolArguments =
      std::function<std::vector<std::string>(const std::string& folder, const std::string& produced)>;
  BuildResult run_tool(const ToolArguments& argv_for, const std::vector<std::string>& inputs,
                       const std::string& output);

  Toolchain toolchain_;
  std::string cache_dir_, key_prefix_;
  std::string pch_[2];  // [pic]
  bool jailed_;
  std::optional<std::string> trusted_dir_;  // compile_untrusted_as_run_user
  bool pch_ready_[2] = {false, false};
};

// The first 128 bits of the SHA-256 of `bytes`, as 32 hex digits: the cache's keys. No
// one can make two different files share a key (sha256.hpp).
std::string content_hash(const std::string& bytes);
// The hash of every header under `root`/lib, labs and grader/worker and of the protocol
// header: what every object depends on.
std::string framework_header_hash(const std::string& root);
std::string read_file(const std::string& path);  // throws std::runtime_error naming the path
// Whether `path` is `dir` or inside it, comparing the paths as written (canonical ones
// where links or ".." matter).
bool path_within(const std::string& path, const std::string& dir);

}  // namespace grader
