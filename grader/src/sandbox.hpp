// Runs an untrusted program (the worker built from student code) as a child
// process under limits, and says what became of it in words a student can read.
//
// Contract: run() always returns (it never throws for anything the child does),
// and when it returns no process of the child's process group is left running:
// the group is SIGKILLed on timeout, on a limit, and after the child exits.
//
// How each limit holds (Linux):
//   wall time     the grader's own deadline; on expiry SIGKILL to the whole group.
//   CPU time      RLIMIT_CPU: SIGXCPU at the limit (rounded up to whole seconds),
//                 SIGKILL one second later. Counts the child's own CPU time.
//   memory        RLIMIT_AS (address space, not resident memory): allocation fails,
//                 so C++ code throws std::bad_alloc. Detected best effort from the
//                 child's stderr ("bad_alloc", "out of memory") after an abnormal end,
//                 or an unexplained SIGKILL (the kernel's OOM killer). Large address
//                 space reservations (thread stacks, OpenBLAS buffers) count too.
//   file size     RLIMIT_FSIZE: SIGXFSZ when a write would pass it.
//   processes     The grader watches the group: every 20 ms it counts the processes
//                 in it (from /proc) and SIGKILLs the group when there are more than
//                 max_processes. Processes made faster than the watch looks may pass
//                 the bound for those milliseconds. Also RLIMIT_NPROC, which counts
//                 every task (process or thread) of the child's real user and never
//                 limits root: as root with run_as_uid, the child runs as that user
//                 and RLIMIT_NPROC = max_processes holds in the kernel (threads, e.g.
//                 OpenBLAS's, count too); as a non-root user it is set to that user's
//                 current task count plus max_processes; as root alone, only the
//                 watch holds.
//   open files    RLIMIT_NOFILE. Core dumps: RLIMIT_CORE = 0.
//   network       unshare(CLONE_NEWNET) (or with CLONE_NEWUSER when not root): the
//                 child sees only a loopback device that is down. Where the OS
//                 refuses, the run goes on and RunResult::network_isolated is false.
//   output        stdout and stderr are drained to the end (the child never blocks
//                 on a full pipe); the first output_bytes of each are kept.
// Zombies: the grader makes itself a child subreaper (PR_SET_CHILD_SUBREAPER, once,
// for the rest of its life), so what the child leaves behind is reparented to the
// grader and reaped by run(), even where init does not reap (some containers).
// Side effect: orphans of the grader's other children (e.g. a build's) are
// reparented to the grader too; whoever runs those should reap them.
// Not contained: a process that leaves the group (setsid/setpgid) escapes the
// group kill; a pid namespace or cgroup would be needed for that.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace grader {

struct Limits {
  double wall_seconds = 10;
  double cpu_seconds = 10;
  std::size_t memory_bytes = std::size_t{2} << 30;  // 0: no limit
  std::size_t file_size_bytes = std::size_t{64} << 20;
  int max_processes = 32;  // the child and everything it starts, together
  int max_open_files = 64;
  std::size_t output_bytes = std::size_t{1} << 20;  // kept per stream
  bool allow_network = false;
};

struct Command {
  std::vector<std::string> argv;    // argv[0] is a path to the program (no PATH search)
  std::string working_dir;          // empty: the grader's own
  std::vector<std::string> env;     // "NAME=value": the child's whole environment
  std::string stdin_bytes;          // empty: stdin is /dev/null
  std::optional<uid_t> run_as_uid;  // applied only when the grader is root
  std::optional<gid_t> run_as_gid;  // with run_as_uid; defaults to the same number
  Limits limits;
};

enum class Outcome {
  Ok,             // exited with status 0
  NonZeroExit,    // exited with another status
  Crashed,        // killed by a signal of its own (segfault, abort, ...)
  TimedOut,       // passed the wall time
  CpuLimit,       // passed the CPU time
  MemoryLimit,    // ran out of memory (best effort, see above)
  OutputLimit,    // exited with status 0 but printed more than output_bytes
  FileSizeLimit,  // wrote a file larger than file_size_bytes
  ProcessLimit,   // started more processes than max_processes
  StartFailed,    // could not be started (no such program, not executable)
};

struct RunResult {
  Outcome outcome = Outcome::StartFailed;
  pid_t pid = -1;           // the child's pid, also its process group id
  int exit_code = -1;       // when it exited, else -1
  int signal = 0;           // the signal that ended it, else 0
  std::string signal_name;  // e.g. "segmentation fault (SIGSEGV)"
  double wall_seconds = 0;
  double cpu_seconds = 0;  // user + system of the child and the children it waited for
  std::string out, err;    // raw bytes: use printable() (printable.hpp) before showing them
  bool out_truncated = false, err_truncated = false;
  bool network_isolated = false;
  std::string message;  // one line for the student, e.g. "your code was stopped after ..."
};

RunResult run(const Command& command);

// "segmentation fault (SIGSEGV)", "aborted (SIGABRT)", "signal 42" for unknown ones.
std::string describe_signal(int signal);

// "Crashed", "TimedOut", ...
const char* to_string(Outcome outcome);

}  // namespace grader
