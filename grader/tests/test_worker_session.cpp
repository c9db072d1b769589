// Worker sessions (worker_run.hpp): one run of the worker answers an item's
// requests, each in a process of its own, as a run for it alone would; a request
// that crashes, exits or ends the session is left for a run of its own, and one
// that loops is stopped after its own time limit.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "outcome.hpp"
#include "protocol.hpp"
#include "run_user.hpp"
#include "sandbox.hpp"
#include "worker_run.hpp"

namespace fs = std::filesystem;

namespace grader {
namespace {

Message probe(const std::string& name) {
  Message request;
  request.set_string("kind", "probe");
  request.set_string("target", "test." + name);
  return request;
}

// A copy of the session test worker in a folder of its own, run the way the grader
// runs a worker (jailed where bubblewrap runs, as a user of its own when root).
class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/worker_session_XXXXXX";
    folder_ = mkdtemp(name);
    chmod(folder_.c_str(), 0777);
    setup_.exe = folder_ + "/worker";
    fs::copy_file(NN_SESSION_WORKER, setup_.exe);
    chmod(setup_.exe.c_str(), 0755);
    setup_.time_limit = 2;  // a loop costs it twice (in the session, then alone)
    setup_.jailed = jail_unavailable().empty();
    setup_.work_dir = folder_;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }
  std::int64_t integer(const std::optional<WorkerReply>& reply, const std::string& name) {
    if (!reply || !reply->response) return -1;
    return reply->response->integer(name);
  }

  std::string folder_;
  WorkerSetup setup_;
};

TEST_F(SessionTest, EachRequestRunsAsIfAloneAndOnlyFailuresAreLeftToRunAlone) {
  const std::vector<Message> requests = {
      probe("count"), probe("scratch"), probe("count"), probe("scratch"), probe("crash"),
      probe("count"), probe("exit"),    probe("count"), probe("loop"),    probe("count")};
  const std::vector<std::optional<WorkerReply>> replies = run_worker_session(setup_, requests);
  ASSERT_EQ(replies.size(), requests.size());
  // no state carries over: neither a static variable nor a file in the scratch folder
  for (std::size_t i : {0, 2, 5, 7, 9})
    EXPECT_EQ(integer(replies[i], "calls"), 1) << "request " << i;
  for (std::size_t i : {1, 3}) EXPECT_EQ(integer(replies[i], "found"), 0) << "request " << i;
  // the answer is the one a run of its own gives
  const WorkerReply alone = run_worker(setup_, probe("count"));
  ASSERT_TRUE(alone.response.has_value()) << alone.problem;
  ASSERT_TRUE(replies[0] && replies[0]->response);
  EXPECT_EQ(encode(*replies[0]->response), encode(*alone.response));
  EXPECT_EQ(replies[0]->run.outcome, Outcome::Ok);
  // a crash and an exit: a run of their own says what became of them
  EXPECT_FALSE(replies[4].has_value());
  EXPECT_FALSE(replies[6].has_value());
  EXPECT_EQ(run_worker(setup_, probe("crash")).run.outcome, Outcome::Crashed);
  // a loop: stopped after its own time limit, in the words a run of its own gets when
  // its wall-clock limit ends it. (Alone, its CPU limit is as long: which of the two
  // ends a loop first depends on the machine's load, and either says the same.)
  ASSERT_TRUE(replies[8].has_value());
  EXPECT_EQ(replies[8]->run.outcome, Outcome::TimedOut);
  EXPECT_FALSE(replies[8]->response.has_value());
  const RunResult alone_loop = run_worker(setup_, probe("loop")).run;
  EXPECT_TRUE(alone_loop.outcome == Outcome::TimedOut || alone_loop.outcome == Outcome::CpuLimit)
      << alone_loop.message;
  Limits limits;
  limits.wall_seconds = setup_.time_limit;
  RunResult timed_out;
  timed_out.outcome = Outcome::TimedOut;
  EXPECT_EQ(replies[8]->run.message, message_for(timed_out, limits));
  if (alone_loop.outcome == Outcome::TimedOut) {
    EXPECT_EQ(replies[8]->run.message, alone_loop.message);
  }
}

TEST_F(SessionTest, ASessionEndedByARequestLeavesItAndTheRestToRunAlone) {
  const std::vector<std::optional<WorkerReply>> replies =
      run_worker_session(setup_, {probe("count"), probe("end_session"), probe("count")});
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_EQ(integer(replies[0], "calls"), 1);
  EXPECT_FALSE(replies[1].has_value());
  EXPECT_FALSE(replies[2].has_value());
}

TEST_F(SessionTest, OutputOverTheLimitLeavesEveryRequestToRunAlone) {
  // the output is the session's: which request printed it only a run of its own tells
  const std::vector<std::optional<WorkerReply>> replies =
      run_worker_session(setup_, {probe("count"), probe("print"), probe("count")});
  ASSERT_EQ(replies.size(), 3u);
  for (const auto& reply : replies) EXPECT_FALSE(reply.has_value());
  EXPECT_EQ(run_worker(setup_, probe("print")).run.outcome, Outcome::OutputLimit);
}

}  // namespace
}  // namespace grader
