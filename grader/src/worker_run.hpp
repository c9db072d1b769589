// Runs a worker executable on one request in the sandbox (sandbox.hpp) and reads
// its answer. The request and the answer travel through two in-memory files
// (memfd) the grader opens and hands to the worker as descriptors 3 and 4: the
// worker's command line is `worker /dev/fd/3 /dev/fd/4`. No other process can
// reach them, and nothing of the run is left on disk.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checks.hpp"

namespace grader {

struct WorkerSetup {
  std::string exe;         // the worker (readable and executable by every user when root)
  double time_limit = 10;  // wall and CPU seconds
  // true: bubblewrap (the worker sees only its own binary, the system and a private
  // /tmp); false: the weaker plain sandbox, with a private run folder under work_dir
  bool jailed = true;
  std::string work_dir;  // plain runs only
};

// As root, each run of a worker is a user of its own (run_user.hpp), so that it can
// touch neither the grader's files nor another run.
WorkerReply run_worker(const WorkerSetup& setup, const Message& request);

// Runs the worker once for all of `requests` (`worker --session`: one jail and one
// start-up instead of one per request; each request still runs in a process of its
// own, forked from the started worker, under its own time limit). A request whose
// process answered, or ran out of time, gets the reply run_worker would give; any
// other (a crash, an exit status, an answer that cannot be read, output over the
// limit, a session that ended early) gets nullopt: run it with run_worker, which
// says exactly what became of it.
std::vector<std::optional<WorkerReply>> run_worker_session(const WorkerSetup& setup,
                                                            const std::vector<Message>& requests);

}  // namespace grader
