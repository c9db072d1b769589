// Probes: the worker's half of an exercise (a rubric item of kind "exercise",
// whose answer is not a gradient: a truth table, a perceptron's weights, a
// graph's derivatives, a worked example's numbers, a checker's verdicts ...).
//
// A probe reads its inputs from the request, runs the student's lab code on
// them and writes what that code computed into the response. It judges
// nothing: the grader's half (grader/src/exercise.hpp, registered under the
// same name) decides. A probe may throw: nn::NotImplemented becomes "not
// implemented yet", any other exception an error of this case only.
//
// Each lab's probes live in grader/worker/probes/labNN.cpp and register
// themselves by name, the rubric item's `target`:
//
//   void run_perceptron(const grader::Message& request, grader::Message& response) {
//     const nn::Mat& X = request.matrix("X");
//     ...
//     response.set_matrix("w", w);
//   }
//   GRADER_PROBE("lab01.perceptron", run_perceptron);
//
// The worker answers a request with kind = "probe" and target = NAME by
// calling the probe registered as NAME.
#pragma once

#include <string>

#include "protocol.hpp"

namespace grader {

using ProbeFunction = void (*)(const Message& request, Message& response);

// Registers `run` as `name`; returns true (so that it can initialise a static).
// A name registered twice is a programming error: the worker stops at start-up.
bool register_probe(const char* name, ProbeFunction run);
// The probe registered as `name`, or nullptr.
ProbeFunction find_probe(const std::string& name);

}  // namespace grader

#define GRADER_PROBE_CONCAT2(a, b) a##b
#define GRADER_PROBE_CONCAT(a, b) GRADER_PROBE_CONCAT2(a, b)
#define GRADER_PROBE(NAME, FUNCTION)                                                      \
  [[maybe_unused]] static const bool GRADER_PROBE_CONCAT(grader_probe_registered_, __LINE__) = \
      ::grader::register_probe(NAME, FUNCTION)
