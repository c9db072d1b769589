// What every check kind shares (internal to the checks; checks.hpp is the
// interface): the case seeds, one request to the worker and what became of
// it, the running totals of an item, and the item's final status and message.
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

// What became of one request to a worker.
enum class Answer { Ok, NotImplemented, StudentError, Crashed, TimedOut, Garbage };

struct Exchange {
  Answer answer = Answer::Garbage;
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
  bool timed_out = false, crashed = false, not_implemented = false, garbage = false;
  std::string not_implemented_text, unwritten_method, unwritten_lab;
  std::vector<std::string> lines;  // one per problem, for the message
  // The same wrong tensor in several cases is one line: "dX is wrong: <diagnosis>"
  // -> the cases it was seen in, in the order first seen.
  std::vector<std::pair<std::string, std::vector<std::string>>> wrong;

  void add_wrong(const std::string& what, const std::string& where);

  // Records a case without a usable answer, worth `weight` checks.
  void unanswered(const std::string& where, const Exchange& ex, double weight);
};

// Sets the item's points, status and message from the totals; `summary` is the
// message's first line. An unwritten method of another lab than the item's makes
// it Status::Blocked (a student's own check, where no reference stands in for it).
void finish(Item& out, const Tally& t, const std::string& summary);

// The request an exercise's case sends: its inputs, kind "probe", target the item's.
Message probe_request(const RubricItem& item, const ExerciseCase& c);

// The request of an optimizer item's case with seed `seed`.
Message optimizer_request(const RubricItem& item, std::uint64_t seed);

// The kinds that live in their own files.
void run_optimizer(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
                   const WorkerRunner& run_reference, Item& out);
void run_exercise(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
                  const WorkerRunner& run_reference, Item& out);

}  // namespace grader::checks
