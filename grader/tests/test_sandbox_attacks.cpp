// Attacks by a submission on the grader and on other submissions (tests/hostile/),
// each run the way the grader runs student code: jailed by bubblewrap and, as
// root, as a user of its own (run_user.hpp). After each: no process of the submission remains, no
// file it wrote remains outside its scratch folder, it read nothing it was not
// given, and another run going on at the same time gets the answer it gets alone.
//
// SANDBOX_TEST_PLAIN=1 runs the same attacks in the plain sandbox (no
// bubblewrap, as every run was before): they get through, and these tests fail.
#include <dirent.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "printable.hpp"
#include "protocol.hpp"
#include "run_user.hpp"
#include "sandbox.hpp"
#include "worker_run.hpp"

namespace fs = std::filesystem;

namespace grader {
namespace {

bool plain() { return std::getenv("SANDBOX_TEST_PLAIN") != nullptr; }

// A name no other process on the machine has (a process name holds 15 characters).
std::string unique_name() {
  std::random_device random;
  return "atk" + std::to_string(getpid() % 100000) + "x" + std::to_string(random() % 10000);
}

// The live processes whose name (/proc/PID/comm) is `name`.
std::vector<pid_t> processes_named(const std::string& name) {
  std::vector<pid_t> found;
  DIR* proc = opendir("/proc");
  while (dirent* e = readdir(proc)) {
    if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
    std::ifstream comm(std::string("/proc/") + e->d_name + "/comm");
    std::string line, stat_line;
    std::ifstream stat(std::string("/proc/") + e->d_name + "/stat");
    if (!std::getline(comm, line) || line != name || !std::getline(stat, stat_line)) continue;
    const char state = stat_line[stat_line.rfind(')') + 2];
    if (state != 'Z' && state != 'X') found.push_back(std::atoi(e->d_name));
  }
  closedir(proc);
  return found;
}

// The processes named `name` still alive 2 s after a run ended: the kernel kills
// what is left in a sandbox's PID namespace asynchronously, so a process may take
// a moment to go; a survivor (these sleep forever) is still there after 2 s.
std::vector<pid_t> survivors(const std::string& name) {
  std::vector<pid_t> left = processes_named(name);
  for (int tick = 0; tick < 200 && !left.empty(); ++tick) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    left = processes_named(name);
  }
  return left;
}

// Kills what a failed test left behind (by its unique name), so that a failure costs nothing else.
struct KillOnExit {
  std::string name;
  ~KillOnExit() {
    for (pid_t pid : processes_named(name)) kill(pid, SIGKILL);
  }
};

// A folder for one test: holds copies of the programs it runs (as root, runs are
// another user's, who may not reach the build folder) and, in plain runs, their working
// folder; as root, it also holds the user its submissions run as.
class Folder {
 public:
  Folder() {
    char name[] = "/tmp/sandbox_attack_XXXXXX";
    path_ = mkdtemp(name);
    chmod(path_.c_str(), 0777);
    if (geteuid() == 0) user_.emplace();
  }
  ~Folder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }
  std::optional<uid_t> uid() const { return user_ ? std::optional<uid_t>(user_->uid()) : std::nullopt; }
  // A copy of `program` named `name` in this folder.
  std::string copy(const std::string& program, const std::string& name) const {
    const std::string to = path_ + "/" + name;
    fs::copy_file(program, to);
    chmod(to.c_str(), 0755);
    return to;
  }

 private:
  std::string path_;
  std::optional<RunUser> user_;
};

std::string hostile(const std::string& name) { return std::string(NN_HOSTILE_DIR) + "/" + name; }

// The hostile program run as a submission's code is: jailed (or plain: see above),
// as the folder's user when root, with a 16 MiB scratch folder and a few seconds.
Command submission(const Folder& folder, const std::string& program,
                   const std::vector<std::string>& args = {}) {
  Command c;
  c.argv = {folder.copy(hostile(program), program)};
  c.argv.insert(c.argv.end(), args.begin(), args.end());
  if (plain())
    c.working_dir = folder.path();
  else
    c.jail = Jail{{c.argv[0]}, {}, std::size_t{16} << 20};
  c.run_as_uid = folder.uid();
  c.limits.wall_seconds = 5;
  c.limits.cpu_seconds = 5;
  c.limits.memory_bytes = std::size_t{512} << 20;
  return c;
}

// Another submission's worker, run the way the grader runs it, named `name`.
WorkerSetup victim_worker(const Folder& folder, const std::string& name) {
  WorkerSetup victim;
  victim.exe = folder.copy(NN_GRADER_WORKER, name);
  victim.time_limit = 10;
  victim.jailed = !plain();
  victim.work_dir = folder.path();
  return victim;
}

// A request the worker answers with an error, the same each time.
Message same_answer_request() {
  Message request;
  request.set_string("kind", "layer");
  request.set_string("target", "NoSuchLayer");
  return request;
}

class Attack : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!plain() && !jail_unavailable().empty()) GTEST_SKIP() << jail_unavailable();
  }
};

TEST_F(Attack, AChildThatLeavesTheProcessGroupDiesWithTheRun) {
  const KillOnExit guard{unique_name()};
  Folder folder;
  const RunResult r = run(submission(folder, "setsid_survivor", {guard.name}));
  EXPECT_EQ(r.outcome, Outcome::Ok) << r.message << printable(r.err);
  EXPECT_EQ(r.out, "started\n");
  EXPECT_TRUE(survivors(guard.name).empty()) << "the setsid() child outlived the run";
}

TEST_F(Attack, ADoubleForkedDaemonDiesWithTheRun) {
  const KillOnExit guard{unique_name()};
  Folder folder;
  const RunResult r = run(submission(folder, "double_fork_daemon", {guard.name}));
  EXPECT_EQ(r.outcome, Outcome::Ok) << r.message << printable(r.err);
  EXPECT_EQ(r.out, "daemon started\n");
  EXPECT_TRUE(survivors(guard.name).empty()) << "the daemon outlived the run";
}

// Run in a child process of the test: with nothing between them, the grader is the
// worker's parent, and the test would die with it. As the grader's own user (a
// grader not run as root): as another user, the kernel refuses the kill anyway.
TEST_F(Attack, KillingItsParentHarmsNeitherTheGraderNorTheRun) {
  Folder folder;
  Command c = submission(folder, "kill_parent");
  c.run_as_uid.reset();
  const pid_t grader = fork();
  if (grader == 0) {
    const RunResult r = run(c);
    const bool fine = r.outcome == Outcome::Ok && r.out.find("still here") != std::string::npos;
    _exit(fine ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(grader, &status, 0), grader);
  EXPECT_TRUE(WIFEXITED(status)) << "the grader was killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0) << "the run did not end as a normal run";
}

TEST_F(Attack, ReadsNothingOfTheGraderNorTheCourse) {
  const std::string root = NN_SOURCE_DIR;
  const std::vector<std::string> secrets = {
      root + "/grader/rubric.toml",
      root + "/solutions",
      root + "/solutions/lib/nn/layers/linear.cpp",
      root + "/datasets",
      root + "/datasets/digits.csv",
      root + "/grader/heldout",
      root,
      root + "/build",
      "/proc/" + std::to_string(getpid()) + "/cmdline",
      "/proc/1/environ",
      "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz"};
  std::vector<std::string> args = {"/usr/include/stdio.h"};  // given: the system, to show it reads
  args.insert(args.end(), secrets.begin(), secrets.end());
  Folder folder;
  const RunResult r = run(submission(folder, "snoop", args));
  EXPECT_EQ(r.outcome, Outcome::Ok) << r.message << printable(r.err);
  EXPECT_EQ(r.out, "read /usr/include/stdio.h\ndone\n");
}

TEST_F(Attack, WritingAGibibyteInManyFilesStaysInItsScratchFolder) {
  const std::string name = unique_name();
  Folder folder;
  Command c = submission(folder, "disk_filler");
  for (const std::string place : {"/tmp/", "/dev/shm/"}) {
    c.argv.resize(1);
    c.argv.push_back(place + name);
    const RunResult r = run(c);
    EXPECT_EQ(r.outcome, Outcome::Ok) << r.message << printable(r.err);
    long long written = -1;
    std::sscanf(r.out.c_str(), "wrote %lld bytes", &written);
    EXPECT_GE(written, 0) << printable(r.out);
    if (plain() || jail_bounds_scratch()) {  // bubblewrap before 0.7.0: /tmp has no --size
      EXPECT_LE(written, 16ll << 20) << "more than its 16 MiB scratch folder, to " << place;
    }
    int left = 0;
    for (const auto& e : fs::directory_iterator(place))
      if (e.path().filename().string().rfind(name, 0) == 0) {
        ++left;
        fs::remove(e.path());
      }
    EXPECT_EQ(left, 0) << "files it wrote are still in " << place;
  }
}

// One submission's code attacks for 2 s (kills other workers, forges their answers
// through /proc/PID/fd and in run folders) while another's worker answers requests.
TEST_F(Attack, AnotherRunGoingOnGetsTheAnswerItGetsAlone) {
  const std::string victim_name = "v" + unique_name();
  const KillOnExit guard{victim_name};
  Folder folder;
  const WorkerSetup victim = victim_worker(folder, victim_name);
  const Message request = same_answer_request();
  const WorkerReply alone = run_worker(victim, request);
  ASSERT_TRUE(alone.response.has_value()) << alone.problem;
  const std::string expected = encode(*alone.response);

  RunResult attack;
  std::thread attacker([&] { attack = run(submission(folder, "run_attack", {"2", victim_name})); });
  int answered = 0, disturbed = 0;
  std::string problem;
  for (; answered < 10 || processes_named("run_attack").size() > 0; ++answered) {
    const WorkerReply reply = run_worker(victim, request);
    if (!reply.response || encode(*reply.response) != expected) {
      ++disturbed;
      problem = reply.response ? encode(*reply.response) : reply.problem;
    }
    if (answered > 200) break;
  }
  attacker.join();
  EXPECT_EQ(attack.outcome, Outcome::Ok) << attack.message << printable(attack.err);
  EXPECT_EQ(attack.out, "0 attacks got through\n");
  EXPECT_EQ(disturbed, 0) << "of " << answered << " answers during the attack; the last: "
                          << printable(problem);
}

// A fork bomb fills the process limit (RLIMIT_NPROC) of its user. As root each run
// is a user of its own, so another run going on meanwhile still starts and answers;
// had the two the same user (nobody, as once), the other's sandbox could not start.
TEST_F(Attack, AForkBombLeavesAnotherRunItsProcesses) {
  if (geteuid() != 0) GTEST_SKIP() << "as root only: there, runs are users of their own";
  const std::string bomb_name = "b" + unique_name(), victim_name = "v" + unique_name();
  const KillOnExit bomb_guard{bomb_name}, victim_guard{victim_name};
  Folder folder;
  const WorkerSetup victim = victim_worker(folder, victim_name);
  const Message request = same_answer_request();
  const WorkerReply alone = run_worker(victim, request);
  ASSERT_TRUE(alone.response.has_value()) << alone.problem;

  Command bomb = submission(folder, "fork_bomb");
  bomb.argv[0] = folder.copy(hostile("fork_bomb"), bomb_name);
  if (bomb.jail) bomb.jail->read_only = {bomb.argv[0]};
  bomb.limits.wall_seconds = 4;
  RunResult bombed;
  std::atomic<bool> bomb_ended{false};
  std::thread bomber([&] {
    bombed = run(bomb);
    bomb_ended = true;
  });
  while (processes_named(bomb_name).size() < 2 && !bomb_ended)  // until it forks
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  int disturbed = 0;
  std::string problem;
  for (int i = 0; i < 5; ++i) {
    const WorkerReply reply = run_worker(victim, request);
    if (!reply.response || encode(*reply.response) != encode(*alone.response)) {
      ++disturbed;
      problem = reply.problem;
    }
  }
  const bool bomb_still_running = !processes_named(bomb_name).empty();
  bomber.join();
  EXPECT_TRUE(bomb_still_running) << "the bomb ended before the other run was done: no test";
  EXPECT_EQ(disturbed, 0) << "of 5 answers while the bomb ran; the last problem: " << problem;
  EXPECT_NE(bombed.outcome, Outcome::Ok) << bombed.message;
}

// A jailed program that dies of a signal reaches the grader as bwrap's exit status
// 128 + signal: it is reported as that signal.
TEST_F(Attack, AJailedCrashIsReportedAsTheSignal) {
  if (plain()) GTEST_SKIP() << "about jailed runs";
  Folder folder;
  const RunResult r = run(submission(folder, "segfault"));
  EXPECT_EQ(r.outcome, Outcome::Crashed) << r.message;
  EXPECT_EQ(r.signal, SIGSEGV);
  EXPECT_EQ(r.out, "about to crash\n");
  EXPECT_TRUE(r.network_isolated);
}

TEST_F(Attack, AJailedBusyLoopHitsTheCpuLimit) {
  if (plain()) GTEST_SKIP() << "about jailed runs";
  Folder folder;
  Command c = submission(folder, "busy_loop");
  c.limits.cpu_seconds = 1;
  c.limits.wall_seconds = 20;  // CPU time runs slower than wall time on a shared machine
  const RunResult r = run(c);
  EXPECT_EQ(r.outcome, Outcome::CpuLimit) << r.message;
  EXPECT_EQ(r.signal, SIGXCPU);
}

TEST_F(Attack, AJailedProgramThatCannotStartIsReportedSo) {
  if (plain()) GTEST_SKIP() << "about jailed runs";
  Command c;
  c.argv = {"/nonexistent/worker"};
  c.jail = Jail{};
  const RunResult r = run(c);
  EXPECT_EQ(r.outcome, Outcome::StartFailed) << r.message;
  EXPECT_NE(r.message.find("/nonexistent/worker"), std::string::npos) << r.message;
}

}  // namespace
}  // namespace grader
