// The child process runner (see sandbox.hpp for the contract and the limits).
#include "sandbox.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include "outcome.hpp"
#include "printable.hpp"
#include "run_user.hpp"

namespace grader {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kTick = std::chrono::milliseconds(10);         // exit and deadline resolution
constexpr auto kWatchEvery = std::chrono::milliseconds(20);   // process-count watch
constexpr auto kDrainGrace = std::chrono::milliseconds(500);  // reading output after the kill
constexpr auto kReapGrace = std::chrono::seconds(2);          // waiting for the run to die
constexpr int kJailProcesses = 2;  // bwrap and its init in the PID namespace, not the program's

// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    reset();
    fd_ = std::exchange(other.fd_, -1);
    return *this;
  }
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

struct Pipe {
  Fd read, write;
};

bool make_pipe(Pipe& p) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return false;
  p.read = Fd(fds[0]);
  p.write = Fd(fds[1]);
  return true;
}

// What the child tells the parent through the status pipe before exec.
enum class Step : char { Chdir = 'c', Limits = 'l', User = 'u', Exec = 'e' };

struct StartReport {
  bool network_isolated = false;
  bool failed = false;
  Step step = Step::Exec;
  int error = 0;
};

std::string step_name(Step step) {
  switch (step) {
    case Step::Chdir:
      return "changing to the working directory";
    case Step::Limits:
      return "setting the limits";
    case Step::User:
      return "switching user";
    case Step::Exec:
      return "executing the program";
  }
  return "starting";
}

// What the child is given besides the command: its descriptors, its RLIMIT_NPROC and
// the program it executes (the command's, or bwrap with the command after it).
struct ChildSetup {
  int in, out, err, status;
  const std::vector<int>* pass_fds;
  rlim_t nproc;
  char* const* argv;
  char* const* envp;
};

// Above every descriptor the child is given, while it moves them into place.
constexpr int kParking = 100;

// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void child_main(const Command& c, const ChildSetup& setup) {
  int status_fd = setup.status;
  auto fail = [&status_fd](Step step) {  // by reference: status_fd moves to 3
    int error = errno;
    char step_byte = static_cast<char>(step);
    (void)!::write(status_fd, &step_byte, 1);
    (void)!::write(status_fd, &error, sizeof error);
    _exit(127);
  };
  ::setpgid(0, 0);
  // Park every descriptor above the final numbers first, so that no dup2 below
  // overwrites one that is still to be moved.
  const std::vector<int>& passed = *setup.pass_fds;
  const int n = static_cast<int>(passed.size());
  int from[3 + 64];  // stdin, stdout, stderr, the passed ones (run() checks the count)
  from[0] = ::fcntl(setup.in, F_DUPFD, kParking);
  from[1] = ::fcntl(setup.out, F_DUPFD, kParking);
  from[2] = ::fcntl(setup.err, F_DUPFD, kParking);
  for (int i = 0; i < n; ++i) from[3 + i] = ::fcntl(passed[i], F_DUPFD, kParking);
  const int status_parked = ::fcntl(status_fd, F_DUPFD, kParking);
  for (int i = 0; i < 3 + n; ++i) ::dup2(from[i], i);
  status_fd = 3 + n;  // closed by exec
  ::dup2(status_parked, status_fd);
  ::fcntl(status_fd, F_SETFD, FD_CLOEXEC);
  const unsigned first_unused = static_cast<unsigned>(status_fd + 1);
  if (::syscall(SYS_close_range, first_unused, ~0U, 0U) != 0) {
    for (int fd = status_fd + 1; fd < 4096; ++fd) ::close(fd);
  }

  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int s = 1; s < NSIG; ++s) {
    if (s != SIGKILL && s != SIGSTOP) ::signal(s, SIG_DFL);
  }

  // jailed, bwrap changes to the working folder inside the jail (--chdir)
  if (!c.jail && !c.working_dir.empty() && ::chdir(c.working_dir.c_str()) != 0) fail(Step::Chdir);

  char isolated = c.jail ? '1' : '0';  // jailed: a network namespace of its own
  if (!c.jail && !c.limits.allow_network) {
    if (::unshare(CLONE_NEWNET) == 0 || ::unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0) {
      isolated = '1';
    }
  }
  (void)!::write(status_fd, &isolated, 1);

  const Limits& l = c.limits;
  auto limit = [&](int resource, rlim_t soft, rlim_t hard) {
    rlimit r{soft, hard};
    if (::setrlimit(resource, &r) != 0) fail(Step::Limits);
  };
  rlim_t cpu = static_cast<rlim_t>(cpu_limit(l));
  limit(RLIMIT_CORE, 0, 0);
  limit(RLIMIT_CPU, cpu, cpu + 1);  // SIGXCPU at the limit, SIGKILL a second later
  if (l.memory_bytes > 0) limit(RLIMIT_AS, l.memory_bytes, l.memory_bytes);
  limit(RLIMIT_FSIZE, l.file_size_bytes, l.file_size_bytes);
  limit(RLIMIT_NPROC, setup.nproc, setup.nproc);
  limit(RLIMIT_NOFILE, static_cast<rlim_t>(l.max_open_files),
        static_cast<rlim_t>(l.max_open_files));

  if (c.run_as_uid && ::geteuid() == 0) {
    gid_t gid = c.run_as_gid.value_or(static_cast<gid_t>(*c.run_as_uid));
    if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(*c.run_as_uid) != 0) {
      fail(Step::User);
    }
  }

  ::execve(setup.argv[0], setup.argv, setup.envp);
  fail(Step::Exec);
  _exit(127);
}

// Reads the status pipe to its end (the child's exec closes it).
StartReport read_start_report(int fd) {
  std::string bytes;
  char buf[64];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) bytes.append(buf, static_cast<std::size_t>(n));
    if (n == 0 || (n < 0 && errno != EINTR)) break;
  }
  StartReport report;
  std::size_t at = 0;
  if (!bytes.empty() && (bytes[0] == '0' || bytes[0] == '1')) {
    report.network_isolated = bytes[0] == '1';
    at = 1;
  }
  if (bytes.size() >= at + 1 + sizeof(int)) {
    report.failed = true;
    report.step = static_cast<Step>(bytes[at]);
    std::memcpy(&report.error, bytes.data() + at + 1, sizeof(int));
  } else if (at == 0) {  // ended before reporting anything (killed from outside)
    report.failed = true;
  }
  return report;
}

// A stream of the child's output: the first `cap` bytes kept, the rest counted away.
struct Capture {
  Fd fd;
  std::string* data;
  bool* truncated;
  bool open() const { return fd.get() >= 0; }
};

// Reads what is there, at most 1 MiB per call, so that a child printing without
// end cannot keep the grader from checking the deadline.
void drain(Capture& c, std::size_t cap) {
  char buf[65536];
  for (int chunk = 0; chunk < 16; ++chunk) {
    ssize_t n = ::read(c.fd.get(), buf, sizeof buf);
    if (n > 0) {
      std::size_t room = cap - std::min(cap, c.data->size());
      std::size_t keep = std::min(room, static_cast<std::size_t>(n));
      c.data->append(buf, keep);
      if (keep < static_cast<std::size_t>(n)) *c.truncated = true;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return;
    c.fd.reset();  // end of file, or an error: either way nothing more to read
    return;
  }
}

// Waits up to `timeout` for output on the open captures and drains what came.
void poll_captures(Capture (&caps)[2], std::size_t cap, Clock::duration timeout) {
  pollfd fds[2];
  nfds_t n = 0;
  for (Capture& c : caps) {
    if (c.open()) fds[n++] = pollfd{c.fd.get(), POLLIN, 0};
  }
  int ms = static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(timeout).count());
  if (n == 0) {
    std::this_thread::sleep_for(timeout);
    return;
  }
  if (::poll(fds, n, std::max(ms, 0)) <= 0) return;
  for (Capture& c : caps) {
    if (c.open()) drain(c, cap);
  }
}

// A process as /proc shows it.
struct ProcessInfo {
  pid_t pid;
  pid_t ppid;
  uid_t uid;
  long pgrp;
  long threads;
  bool dead;  // a zombie, waiting to be reaped
};

std::vector<ProcessInfo> all_processes() {
  std::vector<ProcessInfo> all;
  DIR* proc = ::opendir("/proc");
  if (!proc) return all;
  while (dirent* e = ::readdir(proc)) {
    if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
    std::string dir = std::string("/proc/") + e->d_name;
    std::ifstream stat(dir + "/stat");
    std::string line;
    struct stat owner {};
    if (!std::getline(stat, line) || ::stat(dir.c_str(), &owner) != 0) continue;
    std::size_t close = line.rfind(')');  // the command name may contain anything
    if (close == std::string::npos) continue;
    char state = 0;
    long ppid = 0, pgrp = 0, threads = 0;
    if (std::sscanf(line.c_str() + close + 1,
                    " %c %ld %ld %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %ld",
                    &state, &ppid, &pgrp, &threads) != 4) {
      continue;
    }
    all.push_back({static_cast<pid_t>(std::atol(e->d_name)), static_cast<pid_t>(ppid),
                   owner.st_uid, pgrp, threads, state == 'Z' || state == 'X'});
  }
  ::closedir(proc);
  return all;
}

struct Member {
  pid_t pid;
  bool dead;
};

// The processes of the run started as `pid`: its process group, and every
// descendant of `pid` or of a process in `known` (the run's processes seen
// before, so that one reparented to the grader, such as bwrap's init after bwrap
// died, stays in). `known` is updated: what was seen and still exists.
std::vector<Member> run_members(pid_t pid, std::set<pid_t>& known) {
  const std::vector<ProcessInfo> all = all_processes();
  std::set<pid_t> in_run = {pid};
  for (const ProcessInfo& p : all)
    if (p.pgrp == pid || known.count(p.pid)) in_run.insert(p.pid);
  for (bool grew = true; grew;) {
    grew = false;
    for (const ProcessInfo& p : all)
      if (!in_run.count(p.pid) && in_run.count(p.ppid)) grew = in_run.insert(p.pid).second;
  }
  std::vector<Member> members;
  known.clear();
  for (const ProcessInfo& p : all)
    if (in_run.count(p.pid)) {
      members.push_back({p.pid, p.dead});
      known.insert(p.pid);
    }
  return members;
}

// RLIMIT_NPROC for the child. The kernel counts every task (process or thread)
// of the child's real user, and never limits root. As another user (run_as_uid)
// the bound is max_processes; as the grader's own non-root user, whose session
// has its own processes, the bound is what that user runs now plus max_processes.
rlim_t process_rlimit(const Command& c) {
  rlim_t bound = static_cast<rlim_t>(c.limits.max_processes + (c.jail ? kJailProcesses : 0));
  if (::geteuid() == 0) return bound;
  for (const ProcessInfo& p : all_processes()) {
    if (p.uid == ::getuid() && !p.dead) bound += static_cast<rlim_t>(p.threads);
  }
  return bound;
}

int count_live(pid_t pid, std::set<pid_t>& known) {
  int n = 0;
  for (const Member& m : run_members(pid, known)) n += m.dead ? 0 : 1;
  return n;
}

// SIGKILLs every process of the run and waits (briefly) until none is left alive.
// Jailed, killing bwrap and its init ends the PID namespace: the kernel kills the rest.
void kill_run(pid_t pid, std::set<pid_t>& known) {
  for (auto until = Clock::now() + kReapGrace; Clock::now() < until;) {
    ::kill(-pid, SIGKILL);  // again each time, for any process forked while the last went out
    int live = 0;
    for (const Member& m : run_members(pid, known)) {
      if (m.dead) continue;
      ::kill(m.pid, SIGKILL);
      ++live;
    }
    if (live == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// Reaps the dead of the run that were reparented to the grader (see
// become_subreaper). Those that are not the grader's children are left alone.
void reap_run(pid_t pid, std::set<pid_t>& known) {
  for (const Member& m : run_members(pid, known)) {
    if (m.dead) ::waitpid(m.pid, nullptr, WNOHANG);
  }
}

// Processes the child leaves behind (orphans) are reparented to the nearest
// subreaper ancestor, else to init. Making the grader one lets run() reap them
// itself, so no zombie outlives a run even where init does not reap (containers).
void become_subreaper() {
  static const bool done = ::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0;
  (void)done;
}

double seconds(const timeval& tv) { return tv.tv_sec + tv.tv_usec / 1e6; }

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const std::string& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// stdin for the child: /dev/null, or an in-memory file holding the bytes (no pipe
// to keep fed, so a child that never reads cannot stall the grader).
Fd make_stdin(const std::string& bytes) {
  if (bytes.empty()) return Fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  Fd fd(::memfd_create("stdin", MFD_CLOEXEC));
  if (fd.get() < 0) return Fd();
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Fd();
    done += static_cast<std::size_t>(n);
  }
  ::lseek(fd.get(), 0, SEEK_SET);
  return fd;
}

constexpr const char* kSystemDatasets = "/usr/share/datasets";

// The folders at the top of the system that the jail shows as they are: a
// symbolic link (/lib -> usr/lib on merged-/usr systems) stays one.
void add_system_paths(std::vector<std::string>& args) {
  args.insert(args.end(), {"--ro-bind", "/usr", "/usr"});
  // the system's data sets (the full Fashion-MNIST, whose test images the grader holds
  // back): an empty folder, so that student code cannot look up the labels of what it is
  // tested on
  if (::access(kSystemDatasets, F_OK) == 0)
    args.insert(args.end(), {"--tmpfs", kSystemDatasets, "--remount-ro", kSystemDatasets});
  for (const char* top : {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
    char target[4096];
    const ssize_t n = ::readlink(top, target, sizeof target - 1);
    if (n > 0) {
      args.insert(args.end(), {"--symlink", std::string(target, static_cast<std::size_t>(n)), top});
    } else if (::access(top, F_OK) == 0) {
      args.insert(args.end(), {"--ro-bind", top, top});
    }
  }
  // the dynamic linker's cache; the compiler's alternatives (/usr/bin/c++ -> /etc/alternatives)
  for (const char* etc : {"/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
                          "/etc/alternatives"})
    args.insert(args.end(), {"--ro-bind-try", etc, etc});
}

// bwrap's command line for a jailed command (see sandbox.hpp for the why of each part).
std::vector<std::string> jailed_argv(const Command& c) {
  const Jail& jail = *c.jail;
  std::vector<std::string> args = {bwrap_path(), "--unshare-all", "--unshare-user",
                                   "--die-with-parent", "--new-session"};
  add_system_paths(args);
  args.insert(args.end(), {"--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev"});
  if (jail_bounds_scratch())  // bubblewrap 0.7.0 and newer; Ubuntu 22.04 has 0.6.1
    args.insert(args.end(), {"--size", std::to_string(jail.scratch_bytes)});
  args.insert(args.end(), {"--tmpfs", "/tmp"});
  for (const std::string& path : jail.read_only) args.insert(args.end(), {"--ro-bind", path, path});
  for (const std::string& path : jail.writable) args.insert(args.end(), {"--bind", path, path});
  args.insert(args.end(), {"--chdir", c.working_dir.empty() ? "/tmp" : c.working_dir,
                           "--remount-ro", "/", "--"});
  args.insert(args.end(), c.argv.begin(), c.argv.end());
  return args;
}

// The first line of what a program printed, safe to show.
std::string first_line_printed(const std::string& bytes) {
  return printable(bytes.substr(0, bytes.find('\n')), 300);
}

// A jailed program killed by a signal: bwrap exits with 128 + the signal. Turned
// back into a wait status that says "killed by that signal".
int unjailed_status(int wstatus) {
  if (!WIFEXITED(wstatus)) return wstatus;
  const int code = WEXITSTATUS(wstatus);
  if (code > 128 && code < 128 + NSIG) return code - 128;  // WIFSIGNALED, WTERMSIG = signal
  return wstatus;
}

RunResult start_failed(RunResult r, const std::string& why) {
  r.outcome = Outcome::StartFailed;
  r.message = "the program could not be started: " + why;
  return r;
}

// The children of the runs in progress: run() may be called from several threads
// at once (the attack tests do), and a child that has just ended belongs to its
// own run, which reads its status; reap_strays() must not take it.
std::mutex g_running_mutex;
std::set<pid_t> g_running;

// Reaps what earlier runs left reparented to the grader (bubblewrap's helper can
// die after its run was judged): zombies still count against the sandbox user's
// process limit, and enough of them stop every later sandbox from starting.
void reap_strays() {
  siginfo_t info{};
  if (::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid == 0)
    return;  // no child has ended: nothing to reap (the usual case, and cheap)
  const pid_t self = ::getpid();
  std::lock_guard<std::mutex> lock(g_running_mutex);
  for (const ProcessInfo& p : all_processes())
    if (p.ppid == self && p.dead && !g_running.count(p.pid)) ::waitpid(p.pid, nullptr, WNOHANG);
}

}  // namespace

RunResult run(const Command& command) {
  reap_strays();
  RunResult r;
  const Limits& limits = command.limits;
  if (command.argv.empty()) return start_failed(r, "no program given");
  if (command.pass_fds.size() > 64) return start_failed(r, "more than 64 descriptors to pass");

  Pipe out, err, status;
  Fd in = make_stdin(command.stdin_bytes);
  if (!make_pipe(out) || !make_pipe(err) || !make_pipe(status) || in.get() < 0) {
    return start_failed(r, std::string("no pipes: ") + std::strerror(errno));
  }
  const std::vector<std::string> program = command.jail ? jailed_argv(command) : command.argv;
  std::vector<char*> argv = c_strings(program);
  std::vector<char*> envp = c_strings(command.env);

  const ChildSetup setup{in.get(),  out.write.get(),         err.write.get(), status.write.get(),
                         &command.pass_fds, process_rlimit(command), argv.data(), envp.data()};
  become_subreaper();
  const Clock::time_point start = Clock::now();
  pid_t pid;
  {
    std::lock_guard<std::mutex> lock(g_running_mutex);  // a child of this run from the start
    pid = ::fork();
    if (pid > 0) g_running.insert(pid);
  }
  if (pid < 0) return start_failed(r, std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    child_main(command, setup);
  }
  ::setpgid(pid, pid);  // also done by the child: whichever runs first
  r.pid = pid;
  out.write.reset();
  err.write.reset();
  status.write.reset();
  in.reset();

  StartReport report = read_start_report(status.read.get());
  r.network_isolated = report.network_isolated;

  Capture caps[2] = {{std::move(out.read), &r.out, &r.out_truncated},
                     {std::move(err.read), &r.err, &r.err_truncated}};
  ::fcntl(caps[0].fd.get(), F_SETFL, O_NONBLOCK);
  ::fcntl(caps[1].fd.get(), F_SETFL, O_NONBLOCK);

  // Watch the child until it exits (without reaping it yet, so that its pid, the
  // group id, cannot be reused before the group is killed), or a limit is passed.
  const Clock::time_point deadline =
      start + std::chrono::duration_cast<Clock::duration>(
                  std::chrono::duration<double>(limits.wall_seconds));
  std::optional<Outcome> stopped;  // set when the grader stops the child
  std::set<pid_t> known;           // the run's processes seen so far
  const int watch_bound = limits.max_processes + (command.jail ? kJailProcesses : 0);
  Clock::time_point next_watch = start;
  while (!report.failed) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid) {
      break;
    }
    Clock::time_point now = Clock::now();
    if (now >= deadline) {
      stopped = Outcome::TimedOut;
      break;
    }
    if (now >= next_watch) {
      next_watch = now + kWatchEvery;
      if (count_live(pid, known) > watch_bound) {
        stopped = Outcome::ProcessLimit;
        break;
      }
    }
    poll_captures(caps, limits.output_bytes, std::min<Clock::duration>(kTick, deadline - now));
  }

  // Whatever happened: kill the rest of the run, read what is left, reap.
  kill_run(pid, known);
  for (auto until = Clock::now() + kDrainGrace;
       (caps[0].open() || caps[1].open()) && Clock::now() < until;) {
    poll_captures(caps, limits.output_bytes, kTick);
  }
  int wstatus = 0;
  rusage usage{};
  while (::wait4(pid, &wstatus, 0, &usage) < 0 && errno == EINTR) {
  }
  {
    std::lock_guard<std::mutex> lock(g_running_mutex);
    g_running.erase(pid);
  }
  reap_run(pid, known);
  r.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  if (command.jail) {
    // bwrap's own failure (it could not build the jail, or exec the program) is
    // "could not be started"; a signal that ended the program is that signal
    if (!stopped && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 1 &&
        r.err.rfind("bwrap: ", 0) == 0)
      return start_failed(r, first_line_printed(r.err));
    wstatus = unjailed_status(wstatus);
  }
  if (WIFEXITED(wstatus)) r.exit_code = WEXITSTATUS(wstatus);
  if (WIFSIGNALED(wstatus)) {
    r.signal = WTERMSIG(wstatus);
    r.signal_name = describe_signal(r.signal);
  }

  if (report.failed) {
    std::string why = report.error ? std::strerror(report.error) : "ended before it could start";
    return start_failed(r, fmt::format("{} {}: {}", step_name(report.step), command.argv[0], why));
  }
  r.outcome = stopped ? *stopped : classify(wstatus, r, limits);
  r.message = message_for(r, limits);
  return r;
}

std::string bwrap_path() {
  const char* given = std::getenv("GRADER_BWRAP");
  return given && *given ? given : "/usr/bin/bwrap";
}

bool jail_bounds_scratch() {
  static std::once_flag once;
  static bool has_size = false;
  std::call_once(once, [] {
    // bwrap --help lists its options; --size (a --tmpfs's size) came in bubblewrap 0.7.0
    const std::string command = "'" + bwrap_path() + "' --help 2>&1";
    if (FILE* help = ::popen(command.c_str(), "r")) {
      std::string text;
      char buffer[4096];
      std::size_t n = 0;
      while ((n = std::fread(buffer, 1, sizeof buffer, help)) > 0) text.append(buffer, n);
      ::pclose(help);
      has_size = text.find("--size") != std::string::npos;
    }
  });
  return has_size;
}

std::string jail_unavailable() {
  static std::once_flag once;
  static std::string why;
  std::call_once(once, [] {
    if (::access(bwrap_path().c_str(), X_OK) != 0) {
      why = bwrap_path() + " is not installed (Debian: apt-get install bubblewrap)";
      return;
    }
    std::optional<RunUser> run_user;  // as root, workers run as users of their own
    if (::geteuid() == 0) run_user.emplace();
    std::vector<std::optional<uid_t>> users = {std::nullopt};
    if (run_user) users.push_back(run_user->uid());
    for (const std::optional<uid_t>& user : users) {
      Command c;
      c.argv = {"/bin/true"};
      c.jail = Jail{};
      c.run_as_uid = user;
      const RunResult r = run(c);
      if (r.outcome != Outcome::Ok) {
        why = fmt::format("bubblewrap cannot make its namespaces here{}: {}",
                          user ? fmt::format(" for the user {}", *user) : "",
                          r.err.empty() ? r.message : first_line_printed(r.err));
        return;
      }
    }
  });
  return why;
}

}  // namespace grader
