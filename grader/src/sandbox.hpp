// Runs an untrusted program (the worker built from student code, or the compiler
// on student code) as a child process under limits, and says what became of it in
// words a student can read.
//
// Contract: run() always returns (it never throws for anything the child does),
// and when it returns no process the child started is left running.
//
// Two kinds of run:
//   jailed (Command::jail set): the child runs under bubblewrap (bwrap), in new
//     user, PID, network, IPC, UTS and cgroup namespaces (--unshare-all), with a
//     filesystem of its own: read-only binds of the system (/usr, /lib*, the
//     dynamic linker's cache, /etc/alternatives) and of the paths the command
//     names, a fresh /proc that shows only its own processes, a minimal read-only
//     /dev, a private /tmp that is a tmpfs of jail.scratch_bytes (its working
//     folder and HOME; the only place it can write unless jail.writable names a
//     folder; with bubblewrap before 0.7.0, Ubuntu 22.04's, the tmpfs has the
//     kernel's default size, half the memory, and RLIMIT_FSIZE bounds each file),
//     and a read-only root. Its PID namespace ends with it: when its
//     first process ends, or bwrap is killed (--die-with-parent), the kernel kills
//     every process in it, including those that left the process group (setsid)
//     or double-forked. The child cannot see the grader, other runs, or any
//     file it was not given.
//   plain (no jail): the weaker isolation, for machines without bubblewrap: the
//     limits below, a network namespace where the OS allows, and a process-group
//     kill; a process that leaves the group and its parent escapes that kill.
// jail_unavailable() says whether jailed runs work here.
//
// Descriptors: the child gets stdin (/dev/null or the given bytes), stdout and
// stderr (pipes the grader drains), and Command::pass_fds as 3, 4, ...; nothing
// else of the grader's. The worker's request and answer travel this way, never
// through a path another process could reach.
//
// How each limit holds (Linux), in both kinds of run:
//   wall time     the grader's own deadline; on expiry SIGKILL to every process
//                 of the run (its process group and every descendant).
//   CPU time      RLIMIT_CPU: SIGXCPU at the limit (rounded up to whole seconds),
//                 SIGKILL one second later. Counts each process's own CPU time.
//   memory        RLIMIT_AS (address space, not resident memory): allocation fails,
//                 so C++ code throws std::bad_alloc. Detected best effort from the
//                 child's stderr ("bad_alloc", "out of memory") after an abnormal end,
//                 or an unexplained SIGKILL (the kernel's OOM killer). Large address
//                 space reservations (thread stacks, OpenBLAS buffers) count too.
//   file size     RLIMIT_FSIZE: SIGXFSZ when a write would pass it. Jailed, the
//                 total of what it writes is bounded by its /tmp's size too.
//   processes     The grader watches the run: every 20 ms it counts its processes
//                 (from /proc: the process group and every descendant; bwrap's own
//                 two are not counted) and kills the run when there are more than
//                 max_processes. Processes made faster than the watch looks may pass
//                 the bound for those milliseconds. Also RLIMIT_NPROC, which counts
//                 every task (process or thread) of the child's real user and never
//                 limits root: as root with run_as_uid, the child runs as that user
//                 (for student code a user of its own, run_user.hpp, so that the
//                 count is its run's alone) and RLIMIT_NPROC = max_processes holds
//                 in the kernel (threads, e.g.
//                 OpenBLAS's, count too); as a non-root user it is set to that user's
//                 current task count plus max_processes; as root alone, only the
//                 watch holds.
//   open files    RLIMIT_NOFILE. Core dumps: RLIMIT_CORE = 0.
//   network       jailed: a network namespace of its own. Plain: unshare(CLONE_NEWNET)
//                 (or with CLONE_NEWUSER when not root): the child sees only a
//                 loopback device that is down; where the OS refuses, the run goes on
//                 and RunResult::network_isolated is false.
//   output        stdout and stderr are drained to the end (the child never blocks
//                 on a full pipe); the first output_bytes of each are kept.
// Zombies: the grader makes itself a child subreaper (PR_SET_CHILD_SUBREAPER, once,
// for the rest of its life), so what the child leaves behind is reparented to the
// grader and reaped by run(), even where init does not reap (some containers).
// Side effect: orphans of the grader's other children are reparented to the
// grader too; whoever runs those should reap them.
// A jailed child's death by a signal reaches the grader as bwrap's exit status
// 128 + signal: run() reports it as that signal (a program that calls exit(139)
// is reported as a segmentation fault).
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

// What a jailed child sees of the machine besides the system (see above).
struct Jail {
  std::vector<std::string> read_only;  // host paths (files or folders), bound at the same path
  std::vector<std::string> writable;   // host folders bound writable at the same path
  std::size_t scratch_bytes = std::size_t{64} << 20;  // the size of its private /tmp
};

struct Command {
  std::vector<std::string> argv;    // argv[0] is a path to the program (no PATH search)
  std::string working_dir;          // empty: the grader's own (jailed: /tmp)
  std::optional<Jail> jail;         // set: run under bubblewrap (see above)
  std::vector<int> pass_fds;        // the grader's descriptors, given to the child as 3, 4, ...
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

// Why jailed runs cannot work on this machine, in a sentence for the instructor
// ("" when they can): bubblewrap missing, or the kernel refusing its namespaces.
// Checked once (a jailed /bin/true, also as a run's own user when the grader is root).
std::string jail_unavailable();

// Whether the jail's /tmp is bounded by jail.scratch_bytes: bubblewrap's --size, which
// bubblewrap 0.7.0 brought (Debian 12 has 0.8.0; Ubuntu 22.04 has 0.6.1, whose jail's /tmp
// is then a tmpfs of the kernel's default size, each file still bounded by RLIMIT_FSIZE).
bool jail_bounds_scratch();

// The bubblewrap program: $GRADER_BWRAP if set, else /usr/bin/bwrap.
std::string bwrap_path();

// "segmentation fault (SIGSEGV)", "aborted (SIGABRT)", "signal 42" for unknown ones.
std::string describe_signal(int signal);

// "Crashed", "TimedOut", ...
const char* to_string(Outcome outcome);

}  // namespace grader
