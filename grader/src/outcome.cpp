// How a finished run is classified, and explained to the student in one line.
#include "outcome.hpp"

#include <fmt/format.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <csignal>

namespace grader {
namespace {

bool mentions_out_of_memory(const std::string& err) {
  for (const char* s : {"bad_alloc", "out of memory", "Cannot allocate memory"}) {
    if (err.find(s) != std::string::npos) return true;
  }
  return false;
}

std::string format_bytes(std::size_t n) {
  if (n >= (std::size_t{1} << 30) && n % (std::size_t{1} << 30) == 0) {
    return fmt::format("{} GiB", n >> 30);
  }
  if (n >= (std::size_t{1} << 20)) return fmt::format("{:.3g} MiB", n / 1048576.0);
  if (n >= 1024) return fmt::format("{:.3g} KiB", n / 1024.0);
  return fmt::format("{} bytes", n);
}

std::string crash_hint(int signal) {
  switch (signal) {
    case SIGSEGV:
      return "; often an index out of range or a reference to freed memory";
    case SIGABRT:
      return "; often an uncaught exception or a failed assertion: see its error output";
    case SIGFPE:
      return "; often an integer division by zero";
    default:
      return "";
  }
}

}  // namespace

std::string message_for(const RunResult& r, const Limits& l) {
  switch (r.outcome) {
    case Outcome::Ok:
      return fmt::format("your code ran to the end in {:.2f} s", r.wall_seconds);
    case Outcome::NonZeroExit:
      return fmt::format("your code stopped with exit status {}; see its error output",
                         r.exit_code);
    case Outcome::Crashed:
      return fmt::format("your code crashed: {}{}", r.signal_name, crash_hint(r.signal));
    case Outcome::TimedOut:
      return fmt::format(
          "your code was stopped after {:g} s (time limit); it may loop forever or wait for "
          "input that never comes",
          l.wall_seconds);
    case Outcome::CpuLimit:
      return fmt::format(
          "your code was stopped after {:g} s of CPU time (CPU limit); it may loop forever",
          cpu_limit(l));
    case Outcome::MemoryLimit:
      return fmt::format(
          "your code ran out of memory (limit {}); it may allocate in a loop or build a matrix "
          "far larger than intended",
          format_bytes(l.memory_bytes));
    case Outcome::OutputLimit:
      return fmt::format(
          "your code printed more than {}; only the first {} of each stream is kept (remove "
          "printing inside loops)",
          format_bytes(l.output_bytes), format_bytes(l.output_bytes));
    case Outcome::FileSizeLimit:
      return fmt::format("your code tried to write a file larger than {} (file size limit)",
                         format_bytes(l.file_size_bytes));
    case Outcome::ProcessLimit:
      return fmt::format(
          "your code started more than {} processes (process limit); it must not start "
          "processes",
          l.max_processes);
    case Outcome::StartFailed:
      return "the program could not be started";
  }
  return "";
}

// The outcome of a child that ended by itself (not killed by the grader's watch).
Outcome classify(int status, const RunResult& r, const Limits& l) {
  if (WIFEXITED(status)) {
    if (WEXITSTATUS(status) == 0) {
      return r.out_truncated || r.err_truncated ? Outcome::OutputLimit : Outcome::Ok;
    }
    return mentions_out_of_memory(r.err) ? Outcome::MemoryLimit : Outcome::NonZeroExit;
  }
  int sig = WTERMSIG(status);
  if (sig == SIGXCPU) return Outcome::CpuLimit;
  if (sig == SIGXFSZ) return Outcome::FileSizeLimit;
  if (sig == SIGKILL) {  // not sent by the grader: the CPU hard limit, or the OOM killer
    // (rusage can read up to ~10% below the kernel's own count for RLIMIT_CPU)
    return r.cpu_seconds >= 0.9 * cpu_limit(l) ? Outcome::CpuLimit : Outcome::MemoryLimit;
  }
  return mentions_out_of_memory(r.err) ? Outcome::MemoryLimit : Outcome::Crashed;
}

double cpu_limit(const Limits& l) { return std::ceil(std::max(l.cpu_seconds, 1.0)); }

std::string describe_signal(int signal) {
  struct Known {
    int number;
    const char* abbrev;
    const char* words;
  };
  static const Known known[] = {
      {SIGSEGV, "SIGSEGV", "segmentation fault"},
      {SIGABRT, "SIGABRT", "aborted"},
      {SIGFPE, "SIGFPE", "floating-point exception"},
      {SIGBUS, "SIGBUS", "bus error"},
      {SIGILL, "SIGILL", "illegal instruction"},
      {SIGTRAP, "SIGTRAP", "trace trap"},
      {SIGKILL, "SIGKILL", "killed"},
      {SIGTERM, "SIGTERM", "terminated"},
      {SIGINT, "SIGINT", "interrupted"},
      {SIGPIPE, "SIGPIPE", "broken pipe"},
      {SIGXCPU, "SIGXCPU", "CPU time limit exceeded"},
      {SIGXFSZ, "SIGXFSZ", "file size limit exceeded"},
  };
  for (const Known& k : known) {
    if (k.number == signal) return fmt::format("{} ({})", k.words, k.abbrev);
  }
  return fmt::format("signal {}", signal);
}

const char* to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::Ok:
      return "Ok";
    case Outcome::NonZeroExit:
      return "NonZeroExit";
    case Outcome::Crashed:
      return "Crashed";
    case Outcome::TimedOut:
      return "TimedOut";
    case Outcome::CpuLimit:
      return "CpuLimit";
    case Outcome::MemoryLimit:
      return "MemoryLimit";
    case Outcome::OutputLimit:
      return "OutputLimit";
    case Outcome::FileSizeLimit:
      return "FileSizeLimit";
    case Outcome::ProcessLimit:
      return "ProcessLimit";
    case Outcome::StartFailed:
      return "StartFailed";
  }
  return "?";
}

}  // namespace grader
