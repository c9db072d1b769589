// What every check kind shares (internal to the checks; checks.hpp is the
// interface): the case seeds, one request to the worker and what became of
// it, the running totals of an item, and the item's final status and message.
//
// One vocabulary for what a worker did, at three levels:
//   Outcome (sandbox.hpp)  how the worker's process ended: Ok, TimedOut, Crashed, ...
//   Answer (here)          what one request gave a check: a usable answer, or why not
//                          (the process's Outcome and the answer's "status" entry,
//                          "ok" | "not_implemented" | "error", read once, in ask())
//   Status (result.hpp)    the item's, from its worst Answer and its points (finish())
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checks.hpp"
#include "exercise.hpp"

namespace grader::checks {

// A case's seed, from the run's master seed, the item's seed and the case's
// shape (0 x 0 for items without shapes); see checks.cpp.
std::uint64_t case_seed(std::uint64_t master, std::uint64_t seed, nn::Index n, nn::Index d);
// The item's seeds ([1] when it names none).
std::vector<std::uint64_t> seeds_of(const RubricItem& item);

// What one request gave a check, from the worst (for the item's status) to the best.
enum class Answer {
  TimedOut,        // the worker ran out of wall or CPU time      -> Status::TimedOut
  Crashed,         // it died (a signal, an exit, a limit)         -> Status::Crashed
  NotImplemented,  // the student's code threw nn::NotImplemented  -> Status::NotImplemented
  Unusable,        // no usable answer (garbage, a missing entry), or the grader could not
                   // judge the case (no reference answer)         -> Status::Error
  StudentError,    // the student's code threw another exception  (the case fails)
  Ok               // an answer to judge
};

struct Exchange {
  Answer answer = Answer::Unusable;
  std::string text;  // for the student: why there is no usable answer
  std::string unwritten_method, unwritten_lab;  // NotImplemented: what the code ran into
  Message response;  // when answer == Ok
};

// Sends `request` to the worker; never throws.
Exchange ask(const WorkerRunner& run_worker, const Message& request);

// The reference's answer to `request` (status "ok"), or nullopt with `problem`
// saying why there is none (a grader-side failure, not the student's).
std::optional<Message> reference_answer(const WorkerRunner& run_reference, const Message& request,
                                        std::string& problem);

// The running totals of an item.
struct Tally {
  double passed = 0, checked = 0;
  Answer worst = Answer::Ok;  // the worst answer any case gave
  // NotImplemented: the first case's text, and the method and lab it ran into
  std::string not_implemented_text, unwritten_method, unwritten_lab;
  std::vector<std::string> lines;  // one per problem, for the message
  // The same wrong tensor in several cases is one line: "dX is wrong: <diagnosis>"
  // -> the cases it was seen in, in the order first seen.
  std::vector<std::pair<std::string, std::vector<std::string>>> wrong;

  void add_wrong(const std::string& what, const std::string& where);

  // Records a case without a usable answer, worth `weight` checks.
  void unanswered(const std::string& where, const Exchange& ex, double weight);
  // Records a case, worth `weight` checks, that cannot be judged: `why` says why.
  void unusable(const std::string& where, const std::string& why, double weight);
  // Notes an answer (keeps the worst).
  void saw(Answer answer);
};

// Sets the item's points, status and message from the totals; `summary` is the
// message's first line. An unwritten method of another lab than the item's makes
// it Status::Blocked (a student's own check, where no reference stands in for it).
void finish(Item& out, const Tally& t, const std::string& summary);
// "<title>: <passed> of <checked> <what> correct."
std::string summary_line(const RubricItem& item, const Tally& t, const char* what);

// The request an exercise's case sends: its inputs, kind "probe", target the item's.
Message probe_request(const RubricItem& item, const ExerciseCase& c);
// The request of an optimizer item's case with seed `seed`.
Message optimizer_request(const RubricItem& item, std::uint64_t seed);

// Each kind, in its own file (check_<kind>.cpp).
void run_layer(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
               Item& out);
void run_loss(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
              Item& out);
void run_penalty(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
                 Item& out);
void run_optimizer(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
                   const WorkerRunner& run_reference, Item& out);
void run_training(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
                  Item& out);
void run_exercise(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
                  const WorkerRunner& run_reference, Item& out);

}  // namespace grader::checks
