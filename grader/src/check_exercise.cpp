// Exercise items (kind "exercise"): the exercise named by the item's target
// (exercise.hpp) makes the cases for each item seed; each case is one request
// to the worker's probe of the same name, and the exercise's judge decides on
// the answer, with the reference's answer to the same request when the
// exercise uses one.
//
// Seeds: case_seed(master, item seed, 0, 0), recorded as "seed=S".
// Partial credit: points = max_points x sum(weight x credit) / sum(weight) over
// every case of every seed; a case the worker could not answer (crash,
// time-out, not implemented, an exception, garbage) has credit 0. A case the
// grader cannot judge (no reference answer, a judge that throws) is an Error.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "check_common.hpp"
#include "exercise.hpp"

namespace grader::checks {

namespace {

constexpr std::size_t kMaxCaseMessageLines = 6;
constexpr std::size_t kMaxCaseMessageChars = 600;

const Exercise& exercise_named(const std::string& name) {
  if (const Exercise* e = find_exercise(name)) return *e;
  std::string known;
  for (const std::string& n : exercise_names()) known += (known.empty() ? "" : ", ") + n;
  throw std::out_of_range("no exercise is named '" + name +
                          "' (known: " + (known.empty() ? "none" : known) + ")");
}

// At most a few lines and a few hundred characters of a judge's message.
std::string capped(const std::string& text) {
  std::string out;
  std::size_t lines = 0, pos = 0;
  while (pos <= text.size() && lines < kMaxCaseMessageLines) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    out += (lines ? "\n" : "") + text.substr(pos, end - pos);
    ++lines;
    pos = end + 1;
  }
  const bool more = pos < text.size();
  if (out.size() > kMaxCaseMessageChars) {
    out.resize(kMaxCaseMessageChars);
    out += " ...";
  } else if (more) {
    out += "\n  ...";
  }
  return out;
}

}  // namespace

void run_exercise(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
                  const WorkerRunner& run_reference, Item& out) {
  const Exercise& exercise = exercise_named(item.target);
  const std::vector<std::uint64_t> seeds = seeds_of(item);
  Tally t;
  int cases = 0, right = 0;
  for (std::uint64_t s : seeds) {
    const std::uint64_t seed = case_seed(master, s, 0, 0);
    out.seeds.emplace_back(fmt::format("seed={}", s), seed);
    for (const ExerciseCase& c : exercise.cases(seed)) {
      ++cases;
      const std::string where = seeds.size() > 1 ? fmt::format("{} (seed {})", c.name, s) : c.name;
      const double weight = c.weight > 0 ? c.weight : 0;
      const Message request = probe_request(item, c);
      const Exchange ex = ask(run_worker, request);
      if (ex.answer != Answer::Ok) {
        t.unanswered(where, ex, weight);
        continue;
      }
      std::optional<Message> reference;
      if (exercise.uses_reference) {
        std::string problem;
        reference = reference_answer(run_reference, request, problem);
        if (!reference) {
          t.unusable(where, std::string("the grader cannot judge this case: ") + problem, weight);
          continue;
        }
      }
      Verdict v;
      try {
        v = exercise.judge(c, ex.response, reference ? &*reference : nullptr, item.tolerance);
      } catch (const ProtocolError& e) {
        v = Verdict{0, std::string("your code's answer is incomplete: ") + e.what(), ""};
      } catch (const std::exception& e) {
        t.unusable(where, std::string("the grader could not judge this case: ") + e.what(), weight);
        continue;
      }
      const double credit = std::isfinite(v.credit) ? std::clamp(v.credit, 0.0, 1.0) : 0.0;
      t.checked += weight;
      t.passed += weight * credit;
      if (credit >= 1) {
        ++right;
        continue;
      }
      std::string line = where + ": " + (v.message.empty() ? "wrong answer" : capped(v.message));
      if (!v.diagnosis.empty()) line += "\n  Likely: " + capped(v.diagnosis);
      t.lines.push_back(std::move(line));
    }
  }
  std::string summary = item.title.empty() ? item.id : item.title;
  if (!exercise.summary.empty()) {
    summary += ": " + exercise.summary;
    if (summary.back() != '.') summary += '.';
    summary += fmt::format(" {} of {} cases right.", right, cases);
  } else {
    summary += fmt::format(": {} of {} cases right.", right, cases);
  }
  finish(out, t, summary);
}

}  // namespace grader::checks
