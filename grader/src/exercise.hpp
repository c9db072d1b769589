// Exercises: the grader's half of a rubric item of kind "exercise", an item
// whose answer is not a gradient (a truth table, a perceptron's learned
// weights, a scalar graph's derivatives, a gradient checker's verdicts, a
// worked example's numbers, a trained network's accuracy ...).
//
//   [[item]]
//   id = "lab01.perceptron"
//   lab = "labs/01-neurons"
//   kind = "exercise"
//   target = "lab01.perceptron"   # the exercise's name (and its probe's)
//   files = ["labs/01-neurons/perceptron.cpp"]
//   seeds = [1, 2]                # optional: one set of cases per seed
//   tolerance = 1e-9              # optional: passed to the judge
//
// An exercise makes the cases (each a request for the worker's probe, see
// grader/worker/probe.hpp) and judges each answer. The student's code never
// runs in the grader: the probe runs it in the worker, and the judge decides
// here, with trusted code only:
//   - from what it knows itself (AND's truth table; which of the layers it
//     handed a gradient checker had a planted bug; held-out labels), or
//   - against the reference's answer to the same request (uses_reference):
//     the reference worker built from solutions/ in the instructor's
//     repository, or the answers `grader release` computed with it and
//     shipped in a handout as data.
//
// Each lab registers its exercises in grader/src/exercises/labNN.cpp:
//
//   grader::Exercise perceptron() {
//     grader::Exercise e;
//     e.cases = [](std::uint64_t seed) { ... return std::vector<grader::ExerciseCase>{...}; };
//     e.judge = [](const grader::ExerciseCase& c, const grader::Message& student,
//                  const grader::Message* reference, double tolerance) {
//       return grader::compare_entries(student, *reference, {"w", "b"}, tolerance);
//     };
//     return e;
//   }
//   GRADER_EXERCISE("lab01.perceptron", perceptron);
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "protocol.hpp"

namespace grader {

struct ExerciseCase {
  std::string name;  // how reports name the case, e.g. "AND" or "f = (x + y) z at (-2, 5, -4)"
  Message request;   // the probe's inputs; the grader adds "kind" = "probe" and "target"
  double weight = 1; // its share of the item's points, relative to the other cases
};

// The judge's decision on one case.
struct Verdict {
  double credit = 0;      // in [0, 1]
  std::string message;    // what is wrong, for the student ("" when right): names the
                          // entries, with the expected and the received values
  std::string diagnosis;  // the likely mistake, only where the evidence names one; else ""
};

struct Exercise {
  std::string summary;  // one line for reports: what the item checks
  // The cases for one case seed (derived from the run's master seed and the
  // item's seed); the same seed must give the same requests, byte for byte
  // (a handout looks the reference's answers up by the request).
  std::function<std::vector<ExerciseCase>(std::uint64_t seed)> cases;
  // Whether judge() needs the reference's answer to each request.
  bool uses_reference = true;
  // Judges the student's answer (a response the probe wrote with status "ok").
  // `reference` is the reference's answer when uses_reference, else nullptr.
  // Must not throw for anything in `student`: a missing or malformed entry is
  // a verdict with no credit that says what was missing.
  std::function<Verdict(const ExerciseCase& c, const Message& student, const Message* reference,
                        double tolerance)>
      judge;
};

// Registers the exercise that `make` returns as `name`; returns true (so that
// it can initialise a static). A name registered twice is a programming error.
bool register_exercise(const char* name, Exercise (*make)());
// The exercise registered as `name`, or nullptr.
const Exercise* find_exercise(const std::string& name);
// Every registered name, sorted (for error messages and the rubric's validation).
std::vector<std::string> exercise_names();

// The common judge: each named entry of `student` against the same entry of
// `expected`. Matrices must have the same shape and agree element-wise to
// relative error `tolerance` (|a - b| / max(1, |a|, |b|)); reals the same;
// integers and strings exactly. Credit is the fraction of entries that agree;
// the message lists each entry that does not, with its worst elements.
Verdict compare_entries(const Message& student, const Message& expected,
                        const std::vector<std::string>& names, double tolerance);

// |a - b| / max(1, |a|, |b|): 0 for equal values (infinities too), infinite where
// either is NaN or only one is infinite.
nn::Real relative_difference(nn::Real a, nn::Real b);

}  // namespace grader

#define GRADER_EXERCISE_CONCAT2(a, b) a##b
#define GRADER_EXERCISE_CONCAT(a, b) GRADER_EXERCISE_CONCAT2(a, b)
#define GRADER_EXERCISE(NAME, MAKE)                                                           \
  [[maybe_unused]] static const bool GRADER_EXERCISE_CONCAT(grader_exercise_registered_,      \
                                                            __COUNTER__) =                    \
      ::grader::register_exercise(NAME, MAKE)
