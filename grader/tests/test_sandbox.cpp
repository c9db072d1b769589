// The sandbox against hostile workers (tests/hostile/*.cpp): for each, the grader
// survives, the outcome and message are right, the run ends within its limits
// (generous margins: the machine is shared), and no process is left behind.
#include <dirent.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "printable.hpp"
#include "run_user.hpp"
#include "sandbox.hpp"

namespace grader {

void PrintTo(Outcome outcome, std::ostream* os) { *os << to_string(outcome); }

namespace {

constexpr double kMargin = 3.0;  // seconds of slack on every time bound

std::string hostile(const std::string& name) { return std::string(NN_HOSTILE_DIR) + "/" + name; }

// Live (not zombie) process? A killed orphan may stay a zombie until init reaps it.
bool alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  char state = line[line.rfind(')') + 2];
  return state != 'Z' && state != 'X';
}

// Processes in process group pgid, zombies included.
int group_size(pid_t pgid) {
  int n = 0;
  DIR* proc = opendir("/proc");
  while (dirent* e = readdir(proc)) {
    if (e->d_name[0] >= '1' && e->d_name[0] <= '9' && getpgid(std::atoi(e->d_name)) == pgid) ++n;
  }
  closedir(proc);
  return n;
}

// The run left nothing behind, not even a zombie: the group is gone and the test
// process (a subreaper once run() has run) has no child left to reap.
void expect_nothing_left(const RunResult& r) {
  ASSERT_GT(r.pid, 0);
  EXPECT_FALSE(alive(r.pid));
  EXPECT_EQ(group_size(r.pid), 0);
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1) << "a child of the test was not reaped";
}

Command command(const std::string& program, double wall = 10) {
  Command c;
  c.argv = {hostile(program)};
  c.limits.wall_seconds = wall;
  c.limits.cpu_seconds = wall;
  c.limits.memory_bytes = std::size_t{512} << 20;
  c.limits.max_processes = 16;
  return c;
}

// A fresh directory for a run that writes files, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/sandbox_test_XXXXXX";
    path_ = mkdtemp(name);
    chmod(path_.c_str(), 0777);  // writable when the child runs as another user
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(Sandbox, RunsAProgramWithStdinEnvironmentAndDirectory) {
  Command c;
  c.argv = {"/bin/sh", "-c", "cat; echo \"$GREETING\"; pwd"};
  c.env = {"GREETING=hello"};
  c.stdin_bytes = std::string("from stdin\n");
  c.working_dir = "/tmp";
  RunResult r = run(c);
  EXPECT_EQ(r.outcome, Outcome::Ok) << r.message << printable(r.err);
  EXPECT_EQ(r.out, "from stdin\nhello\n/tmp\n");
  EXPECT_EQ(r.exit_code, 0);
  expect_nothing_left(r);
}

// Runs in two threads at once: each run reads its own child's end, never the
// other's (the grader reaps the strays of earlier runs; once, it took a child that
// had just ended from the run beside it, which then waited out its wall limit).
TEST(Sandbox, RunsSideBySideInThreadsEachSeeTheirOwnEnd) {
  auto quick_runs = [](int& wrong, std::string& last) {
    for (int i = 0; i < 40; ++i) {
      Command c;
      c.argv = {"/bin/true"};
      c.limits.wall_seconds = 3;
      const RunResult r = run(c);
      if (r.outcome != Outcome::Ok) {
        ++wrong;
        last = r.message;
      }
    }
  };
  int wrong_a = 0, wrong_b = 0;
  std::string last_a, last_b;
  std::thread other([&] { quick_runs(wrong_b, last_b); });
  quick_runs(wrong_a, last_a);
  other.join();
  EXPECT_EQ(wrong_a, 0) << last_a;
  EXPECT_EQ(wrong_b, 0) << last_b;
}

TEST(Sandbox, AppliesTheResourceLimits) {
  Command c;
  c.argv = {"/bin/cat", "/proc/self/limits"};
  c.limits.cpu_seconds = 7;
  c.limits.memory_bytes = std::size_t{300} << 20;
  c.limits.file_size_bytes = 1 << 20;
  c.limits.max_processes = 9;
  c.limits.max_open_files = 33;
  RunResult r = run(c);
  ASSERT_EQ(r.outcome, Outcome::Ok) << r.message;
  auto expect_line = [&](const std::string& prefix, const std::string& soft) {
    std::size_t at = r.out.find(prefix);
    ASSERT_NE(at, std::string::npos) << prefix;
    std::string line = r.out.substr(at, r.out.find('\n', at) - at);
    EXPECT_NE(line.find(" " + soft + " "), std::string::npos) << line;
  };
  expect_line("Max cpu time", "7");
  expect_line("Max address space", std::to_string(300 << 20));
  expect_line("Max file size", std::to_string(1 << 20));
  if (geteuid() == 0) {
    expect_line("Max processes", "9");
  } else {  // the user's current task count + 9 (see sandbox.hpp)
    long processes = 0;
    std::sscanf(r.out.c_str() + r.out.find("Max processes"), "Max processes %ld", &processes);
    EXPECT_GE(processes, 10);
  }
  expect_line("Max open files", "33");
  expect_line("Max core file size", "0");
}

TEST(Sandbox, IsolatesTheNetworkWhereTheSystemAllows) {
  Command c;
  c.argv = {"/bin/cat", "/proc/net/dev"};  // the interfaces of the reader's network namespace
  RunResult r = run(c);
  ASSERT_EQ(r.outcome, Outcome::Ok) << r.message;
  if (!r.network_isolated) GTEST_SKIP() << "network isolation unavailable here";
  int interfaces = 0;
  for (std::size_t at = r.out.find(':'); at != std::string::npos; at = r.out.find(':', at + 1)) {
    ++interfaces;
  }
  EXPECT_EQ(interfaces, 1) << r.out;  // only lo
  EXPECT_NE(r.out.find("lo:"), std::string::npos) << r.out;
}

TEST(Sandbox, ReportsAProgramThatCannotStart) {
  Command c;
  c.argv = {"/nonexistent/worker"};
  RunResult r = run(c);
  EXPECT_EQ(r.outcome, Outcome::StartFailed);
  EXPECT_NE(r.message.find("/nonexistent/worker"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("No such file"), std::string::npos) << r.message;
  expect_nothing_left(r);
}

TEST(Sandbox, ReportsAMissingWorkingDirectory) {
  Command c;
  c.argv = {"/bin/true"};
  c.working_dir = "/nonexistent/dir";
  RunResult r = run(c);
  EXPECT_EQ(r.outcome, Outcome::StartFailed);
  EXPECT_EQ(r.message,
            "the program could not be started: changing to the working directory /bin/true: No "
            "such file or directory");
  expect_nothing_left(r);
}

TEST(Sandbox, Segfault) {
  RunResult r = run(command("segfault"));
  EXPECT_EQ(r.outcome, Outcome::Crashed);
  EXPECT_EQ(r.signal, SIGSEGV);
  EXPECT_EQ(r.signal_name, "segmentation fault (SIGSEGV)");
  EXPECT_NE(r.message.find("crashed: segmentation fault (SIGSEGV)"), std::string::npos);
  EXPECT_EQ(r.out, "about to crash\n");
  EXPECT_LT(r.wall_seconds, kMargin);
  expect_nothing_left(r);
}

TEST(Sandbox, BusyLoopHitsTheCpuLimit) {
  Command c = command("busy_loop", 20);
  c.limits.cpu_seconds = 1;
  RunResult r = run(c);
  EXPECT_EQ(r.outcome, Outcome::CpuLimit) << r.message;
  EXPECT_EQ(r.signal, SIGXCPU);
  EXPECT_GE(r.cpu_seconds, 0.5);  // rusage reads a little below the kernel's limit count
  // ended by the CPU limit, before the wall limit (how long 1 s of CPU takes depends on the load)
  EXPECT_LT(r.wall_seconds, c.limits.wall_seconds);
  EXPECT_NE(r.message.find("CPU limit"), std::string::npos) << r.message;
  expect_nothing_left(r);
}

TEST(Sandbox, IgnoringTheCpuSignalEndsWithTheHardLimit) {
  Command c = command("ignore_cpu_signal", 20);
  c.limits.cpu_seconds = 1;  // SIGXCPU at 1 s, ignored; SIGKILL at 2 s
  RunResult r = run(c);
  EXPECT_EQ(r.outcome, Outcome::CpuLimit) << r.message;
  EXPECT_EQ(r.signal, SIGKILL);
  EXPECT_GE(r.cpu_seconds, 1.5);
  EXPECT_LT(r.wall_seconds, c.limits.wall_seconds);  // ended by the hard CPU limit
  expect_nothing_left(r);
}

TEST(Sandbox, BusyLoopHitsTheWallLimit) {
  Command c = command("busy_loop", 1);
  c.limits.cpu_seconds = 30;
  RunResult r = run(c);
  EXPECT_EQ(r.outcome, Outcome::TimedOut) << r.message;
  EXPECT_GE(r.wall_seconds, 1.0);
  EXPECT_LT(r.wall_seconds, 1 + kMargin);
  expect_nothing_left(r);
}

TEST(Sandbox, SleepForeverTimesOut) {
  RunResult r = run(command("sleep_forever", 1));
  EXPECT_EQ(r.outcome, Outcome::TimedOut);
  EXPECT_EQ(r.signal, SIGKILL);
  EXPECT_LT(r.cpu_seconds, 0.5);
  EXPECT_LT(r.wall_seconds, 1 + kMargin);
  EXPECT_EQ(r.message,
            "your code was stopped after 1 s (time limit); it may loop forever or wait for input "
            "that never comes");
  expect_nothing_left(r);
}

TEST(Sandbox, MemoryBombHitsTheMemoryLimit) {
  Command c = command("memory_bomb");
  c.limits.memory_bytes = std::size_t{256} << 20;
  RunResult r = run(c);
  EXPECT_EQ(r.outcome, Outcome::MemoryLimit) << r.message << "\n" << printable(r.err);
  EXPECT_NE(r.message.find("out of memory (limit 256 MiB)"), std::string::npos) << r.message;
  EXPECT_LT(r.wall_seconds, 10 + kMargin);
  expect_nothing_left(r);
}

// The bomb is bounded (200 children), so a failing limit cannot take down the machine.
TEST(Sandbox, ForkBombIsStoppedAndEveryChildKilled) {
  Command c = command("fork_bomb", 10);
  c.limits.max_processes = 8;
  RunResult r = run(c);
  EXPECT_TRUE(r.outcome == Outcome::ProcessLimit || r.outcome == Outcome::TimedOut) << r.message;
  if (r.outcome == Outcome::ProcessLimit) {
    EXPECT_NE(r.message.find("more than 8 processes"), std::string::npos) << r.message;
  } else {  // RLIMIT_NPROC held: fork failed after a few children
    EXPECT_NE(r.out.find("started"), std::string::npos);
  }
  EXPECT_LT(r.wall_seconds, 10 + kMargin);
  expect_nothing_left(r);
}

// As root, the child can run as an unprivileged user, for which RLIMIT_NPROC holds.
TEST(Sandbox, ForkBombAsAnotherUserIsBoundedByTheKernel) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to switch user";
  TempDir dir;
  Command c = command("fork_bomb", 2);
  c.working_dir = dir.path();
  // another user may not reach the build folder (a clone under /root): run a copy from /tmp
  const std::string copy = dir.path() + "/fork_bomb";
  std::filesystem::copy_file(c.argv[0], copy);
  chmod(copy.c_str(), 0755);
  c.argv[0] = copy;
  const RunUser user;
  c.run_as_uid = user.uid();
  c.limits.max_processes = 8;
  RunResult r = run(c);
  ASSERT_NE(r.outcome, Outcome::StartFailed) << r.message;
  int started = -1;
  std::sscanf(r.out.c_str(), "started %d", &started);
  EXPECT_GE(started, 0) << printable(r.out);
  EXPECT_LT(started, 8);  // the bomb itself counts
  EXPECT_EQ(r.outcome, Outcome::TimedOut) << r.message;
  EXPECT_LT(r.wall_seconds, 2 + kMargin);
  expect_nothing_left(r);
}

// Two runs at the same time are two users; what a run leaves running as its user
// (here a process that left its process group) ends when the user is freed, and
// the user is free again.
TEST(RunUser, IsNoOtherRunsAndEndsWhatItsRunLeft) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to switch user";
  pid_t left = -1;
  uid_t first = 0;
  {
    const RunUser a, b;
    EXPECT_NE(a.uid(), b.uid());
    EXPECT_GE(a.uid(), kFirstRunUid);
    EXPECT_LT(a.uid(), kFirstRunUid + kRunUids);
    first = a.uid();
    left = fork();
    if (left == 0) {
      if (setsid() < 0 || setgid(first) != 0 || setuid(first) != 0) _exit(1);
      for (;;) pause();
    }
    ASSERT_GT(left, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_EQ(kill(left, 0), 0) << "the process did not start";
  }
  EXPECT_EQ(kill(left, 0), -1) << "the process of the freed user is still there (or unreaped)";
  EXPECT_EQ(errno, ESRCH);
  if (kill(left, 0) == 0) kill(left, SIGKILL), waitpid(left, nullptr, 0);
}

TEST(Sandbox, ExitInTheMiddleKeepsThePartialOutput) {
  RunResult r = run(command("partial_exit"));
  EXPECT_EQ(r.outcome, Outcome::Ok);
  EXPECT_EQ(r.out, "partial output\n");
  expect_nothing_left(r);

  Command c = command("partial_exit");
  c.argv.push_back("3");
  r = run(c);
  EXPECT_EQ(r.outcome, Outcome::NonZeroExit);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.message, "your code stopped with exit status 3; see its error output");
  expect_nothing_left(r);
}

TEST(Sandbox, OutputFloodIsDrainedAndCapped) {
  Command c = command("output_flood", 30);
  c.limits.output_bytes = 1 << 20;
  RunResult r = run(c);
  EXPECT_EQ(r.outcome, Outcome::OutputLimit) << r.message;
  EXPECT_EQ(r.exit_code, 0);  // it finished: the pipe never blocked it
  EXPECT_EQ(r.out.size(), std::size_t{1} << 20);
  EXPECT_TRUE(r.out_truncated);
  EXPECT_FALSE(r.err_truncated);
  EXPECT_NE(r.message.find("printed more than 1 MiB"), std::string::npos) << r.message;
  EXPECT_LT(r.wall_seconds, 30);
  expect_nothing_left(r);
}

// The grader must keep checking the deadline while it drains a child that never stops printing.
TEST(Sandbox, PrintingForeverTimesOut) {
  Command c = command("print_forever", 1);
  c.limits.output_bytes = 4096;
  RunResult r = run(c);
  EXPECT_EQ(r.outcome, Outcome::TimedOut) << r.message;
  EXPECT_EQ(r.out.size(), 4096u);
  EXPECT_TRUE(r.out_truncated);
  EXPECT_EQ(r.out.rfind("iteration 0\n", 0), 0u);
  EXPECT_LT(r.wall_seconds, 1 + kMargin);
  expect_nothing_left(r);
}

TEST(Sandbox, UncaughtExceptionAborts) {
  RunResult r = run(command("uncaught_exception"));
  EXPECT_EQ(r.outcome, Outcome::Crashed);
  EXPECT_EQ(r.signal_name, "aborted (SIGABRT)");
  EXPECT_NE(r.err.find("boom from the worker"), std::string::npos) << printable(r.err);
  EXPECT_NE(r.message.find("uncaught exception"), std::string::npos) << r.message;
  expect_nothing_left(r);
}

TEST(Sandbox, HugeFileHitsTheFileSizeLimit) {
  TempDir dir;
  Command c = command("huge_file");
  c.working_dir = dir.path();
  c.limits.file_size_bytes = std::size_t{8} << 20;
  RunResult r = run(c);
  EXPECT_EQ(r.outcome, Outcome::FileSizeLimit) << r.message;
  EXPECT_EQ(r.signal, SIGXFSZ);
  EXPECT_LE(std::filesystem::file_size(dir.path() + "/huge.bin"), std::size_t{8} << 20);
  EXPECT_NE(r.message.find("larger than 8 MiB"), std::string::npos) << r.message;
  EXPECT_LT(r.wall_seconds, kMargin * 3);
  expect_nothing_left(r);
}

TEST(Sandbox, GrandchildThatOutlivesItsParentIsKilled) {
  RunResult r = run(command("orphan_grandchild"));
  EXPECT_EQ(r.outcome, Outcome::Ok) << r.message;
  pid_t grandchild = std::atoi(r.out.c_str());
  ASSERT_GT(grandchild, 0) << printable(r.out);
  EXPECT_FALSE(alive(grandchild));
  EXPECT_LT(r.wall_seconds, kMargin);
  expect_nothing_left(r);
}

TEST(Sandbox, BinaryGarbageIsKeptExactlyAndMadePrintable) {
  RunResult r = run(command("binary_garbage"));
  EXPECT_EQ(r.outcome, Outcome::Ok) << r.message;
  ASSERT_EQ(r.out.size(), 4u * 256);
  ASSERT_EQ(r.err.size(), 4u * 256);
  for (std::size_t i = 0; i < r.out.size(); ++i) {
    ASSERT_EQ(static_cast<unsigned char>(r.out[i]), i % 256);
  }
  std::string text = printable(r.out);
  for (char ch : text) {
    unsigned char b = static_cast<unsigned char>(ch);
    EXPECT_TRUE(b >= 0x20 || b == '\n' || b == '\t') << int(b);
    EXPECT_LT(b, 0x80) << "every byte >= 0x80 here is invalid UTF-8 and escaped";
  }
  EXPECT_NE(text.find("\\x00\\x01"), std::string::npos);
  expect_nothing_left(r);
}

TEST(Printable, KeepsValidUtf8AndEscapesTheRest) {
  EXPECT_EQ(printable("héllo ✓\n\tok"), "héllo ✓\n\tok");
  EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(printable("\x1b[31mred"), "\\x1B[31mred");
  EXPECT_EQ(printable("\xC3"), "\\xC3");                    // truncated sequence
  EXPECT_EQ(printable("\xC0\xAF"), "\\xC0\\xAF");           // overlong
  EXPECT_EQ(printable("\xED\xA0\x80"), "\\xED\\xA0\\x80");  // surrogate
  EXPECT_EQ(printable("\xC2\x85"), "\\xC2\\x85");           // C1 control
  EXPECT_EQ(printable("abcdef", 3), "abc... (3 more bytes)");
}

TEST(Sandbox, DescribesSignals) {
  EXPECT_EQ(describe_signal(SIGFPE), "floating-point exception (SIGFPE)");
  EXPECT_EQ(describe_signal(SIGXCPU), "CPU time limit exceeded (SIGXCPU)");
  EXPECT_EQ(describe_signal(99), "signal 99");
}

}  // namespace
}  // namespace grader
