// The grader's side of each check: it builds the inputs, asks the worker (the
// student's code, in another process) what the student code computes, and
// judges the answer with its own pristine code (numerical gradients from the
// provided forward passes, reference optimizers, held-out labels).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "protocol.hpp"
#include "result.hpp"
#include "rubric.hpp"
#include "sandbox.hpp"

namespace grader {

// What became of one request to the worker.
struct WorkerReply {
  RunResult run;                    // how the worker process ended
  std::optional<Message> response;  // the response it wrote, when valid
  std::string problem;              // why there is no usable response (crash, time-out, garbage)
};

// Runs the worker on one request (in a sandbox) and returns its reply.
using WorkerRunner = std::function<WorkerReply(const Message& request)>;

// Grades one rubric item: points (partial credit per case and tensor), status,
// message, gradient reports, diagnoses and seeds. Never throws for anything
// the worker does.
//
// `run_reference` answers the same requests with the reference code, for the
// items that judge against the reference's answer (needs_reference): the
// worker built from solutions/, or the answers shipped in a handout. Items
// that need it and do not get it are an Error.
Item run_check(const RubricItem& item, std::uint64_t master_seed, const WorkerRunner& run_worker,
               const WorkerRunner& run_reference = {});

// The requests run_check sends the worker for `item`, in order, as far as they
// do not depend on its answers: what run_check sends a worker that answers none.
// A grader asks one worker session for them all (worker_run.hpp), then runs
// run_check, which finds its answers there.
std::vector<Message> planned_requests(const RubricItem& item, std::uint64_t master_seed,
                                      const WorkerRunner& run_reference = {});

// Whether the item judges against the reference's answers (optimizer steps,
// exercises that use one).
bool needs_reference(const RubricItem& item);
// Every request such an item sends to the reference, in order (what `grader
// release` answers in advance for a handout); empty for the other items.
std::vector<Message> reference_requests(const RubricItem& item, std::uint64_t master_seed);

}  // namespace grader
