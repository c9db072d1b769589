#include "worker_run.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <utility>
#include <variant>
#include <vector>

#include "outcome.hpp"
#include "printable.hpp"
#include "run_user.hpp"

namespace fs = std::filesystem;

namespace grader {

namespace {

constexpr std::size_t kScratchBytes = std::size_t{64} << 20;  // the worker's /tmp, in total
constexpr std::size_t kAnswerBytes = std::size_t{256} << 20;  // the most of an answer read

// An in-memory file, closed when it goes out of scope.
class MemFile {
 public:
  explicit MemFile(const char* name) : fd_(memfd_create(name, MFD_CLOEXEC)) {
    if (fd_ < 0) throw std::runtime_error(std::string("memfd_create: ") + std::strerror(errno));
    fchmod(fd_, 0666);  // the worker may run as another user and open it again through /dev/fd
  }
  ~MemFile() { close(fd_); }
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;
  int fd() const { return fd_; }

  void write_all(const std::string& bytes) {
    for (std::size_t done = 0; done < bytes.size();) {
      const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw std::runtime_error(std::string("memfd write: ") + std::strerror(errno));
      done += static_cast<std::size_t>(n);
    }
    lseek(fd_, 0, SEEK_SET);
  }

  // Its whole content (at most `max` bytes; more is an error).
  std::string read_all(std::size_t max) const {
    struct stat st {};
    if (fstat(fd_, &st) != 0) throw std::runtime_error("the answer cannot be read");
    if (static_cast<std::size_t>(st.st_size) > max)
      throw std::runtime_error("the answer is larger than " + std::to_string(max >> 20) + " MiB");
    std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
    for (std::size_t done = 0; done < bytes.size();) {
      const ssize_t n = pread(fd_, bytes.data() + done, bytes.size() - done,
                              static_cast<off_t>(done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    return bytes;
  }

 private:
  int fd_;
};

// The strings of a worker's answer come from student code (an exception's message, a
// name): each is made printable and at most a few kilobytes (printable.hpp) before any
// report, terminal or JSON file shows it.
Message printable_strings(Message answer) {
  std::vector<std::pair<std::string, std::string>> strings;
  for (const auto& [name, value] : answer.entries())
    if (const auto* text = std::get_if<std::string>(&value)) strings.emplace_back(name, *text);
  for (auto& [name, text] : strings) answer.set_string(name, printable(text, 4096));
  return answer;
}

// A plain run's folder: a fresh name no other run can guess, that only the
// worker's user may enter; removed with everything in it.
class RunFolder {
 public:
  RunFolder(const std::string& work_dir, const std::optional<RunUser>& user) {
    std::string pattern = (fs::path(work_dir) / "run-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("no run folder in " + work_dir);
    path_ = pattern;
    if (user && chown(path_.c_str(), user->uid(), user->uid()) != 0)
      throw std::runtime_error("cannot give " + path_ + " to the run's user");
  }
  ~RunFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  RunFolder(const RunFolder&) = delete;
  RunFolder& operator=(const RunFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs the worker with `args` after its path and `input` in descriptor 3; `output`
// gets what it wrote to descriptor 4 (or `read_error` why that cannot be read). Each of
// its processes may use `cpu_seconds` of CPU time.
RunResult run_worker_process(const WorkerSetup& setup, const std::vector<std::string>& args,
                             const std::string& input, double wall_seconds, double cpu_seconds,
                             std::string& output, std::string& read_error) {
  MemFile request_file("request"), answer_file("answer");
  request_file.write_all(input);
  std::optional<RunUser> user;  // as root, the worker runs as a user of its own
  if (geteuid() == 0) user.emplace();
  std::optional<RunFolder> folder;
  Command c;
  c.argv = {setup.exe};
  c.argv.insert(c.argv.end(), args.begin(), args.end());
  c.pass_fds = {request_file.fd(), answer_file.fd()};
  if (setup.jailed) {
    c.jail = Jail{{setup.exe}, {}, kScratchBytes};
  } else {
    folder.emplace(setup.work_dir, user);
    c.working_dir = folder->path();
  }
  const std::string home = setup.jailed ? "/tmp" : folder->path();
  c.env = {"PATH=/usr/bin:/bin", "HOME=" + home, "TMPDIR=" + home, "OPENBLAS_NUM_THREADS=1",
           "LANG=C"};
  for (const char* name : {"OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"})  // see the machine's notes
    if (const char* value = std::getenv(name)) c.env.push_back(std::string(name) + "=" + value);
  c.limits.wall_seconds = wall_seconds;
  c.limits.cpu_seconds = cpu_seconds;  // per process: each request of a session has its own
  c.limits.memory_bytes = std::size_t{2} << 30;
  c.limits.max_processes = 8;
  c.limits.output_bytes = 64 << 10;
  if (user) c.run_as_uid = user->uid();
  const RunResult run = grader::run(c);
  try {
    output = answer_file.read_all(kAnswerBytes);
  } catch (const std::exception& e) {
    read_error = e.what();
  }
  return run;
}

}  // namespace

WorkerReply run_worker(const WorkerSetup& setup, const Message& request) {
  WorkerReply reply;
  std::string answer, read_error;
  reply.run = run_worker_process(setup, {"/dev/fd/3", "/dev/fd/4"}, encode(request),
                                 setup.time_limit, setup.time_limit, answer, read_error);
  if (reply.run.outcome != Outcome::Ok) {
    reply.problem = reply.run.message;
    return reply;
  }
  if (!read_error.empty()) {
    reply.problem = "the worker's answer could not be read: " + read_error;
    return reply;
  }
  if (answer.empty()) {
    reply.problem = "your code ended the worker before it answered (an exit() in your code?)";
    return reply;
  }
  try {
    reply.response = printable_strings(decode(answer));
  } catch (const std::exception& e) {
    reply.problem = std::string("the worker's answer could not be read: ") + e.what();
  }
  return reply;
}

std::vector<std::optional<WorkerReply>> run_worker_session(const WorkerSetup& setup,
                                                            const std::vector<Message>& requests) {
  std::vector<std::optional<WorkerReply>> replies(requests.size());
  if (requests.empty()) return replies;
  std::string input;
  for (const Message& request : requests) append_frame(input, encode(request));
  std::string output, read_error;
  // each request is stopped by the session after its own time limit; this bounds a
  // session whose code stops that from happening
  const double wall = setup.time_limit * static_cast<double>(requests.size()) + 1;
  // A request's CPU limit a second longer than its time limit: a loop then always ends
  // by the session's clock (a "timeout", recorded), never by a CPU limit reached a moment
  // before it on a quiet machine (a "signal", left to run alone).
  const RunResult run = run_worker_process(
      setup, {"--session", fmt::format("{}", setup.time_limit), "/dev/fd/3", "/dev/fd/4"}, input,
      wall, setup.time_limit + 1, output, read_error);
  // printed over the limit: a run on its own says which request did
  if (run.out_truncated || run.err_truncated || !read_error.empty()) return replies;
  const std::vector<std::string> frames = read_frames(output, 2 * requests.size());
  for (std::size_t f = 0; f + 1 < frames.size(); f += 2) {
    const std::size_t index = f / 2;
    WorkerReply reply;
    try {
      const Message account = decode(frames[f], {}, "the session's account");
      if (account.integer("index") != static_cast<std::int64_t>(index)) break;
      const std::string& end = account.string("end");
      if (end == "timeout") {
        Limits limits;
        limits.wall_seconds = setup.time_limit;
        reply.run.outcome = Outcome::TimedOut;
        reply.run.message = message_for(reply.run, limits);
        reply.problem = reply.run.message;
      } else if (end == "exit" && account.integer("code") == 0 && !frames[f + 1].empty()) {
        reply.run.outcome = Outcome::Ok;
        reply.response = printable_strings(decode(frames[f + 1]));
      } else {
        continue;  // crashed or stopped: run on its own
      }
    } catch (const ProtocolError&) {
      continue;  // an answer that cannot be read: run on its own, which says so
    }
    replies[index] = std::move(reply);
  }
  return replies;
}

}  // namespace grader
