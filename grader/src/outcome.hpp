// How the sandbox turns the end of a child process into an Outcome and a
// one-line message for the student (used by sandbox.cpp; see sandbox.hpp).
#pragma once

#include <string>

#include "sandbox.hpp"

namespace grader {

// The outcome of a child that ended by itself (not stopped by the grader), from
// its wait status and what was recorded of it (output, CPU time).
Outcome classify(int wait_status, const RunResult& result, const Limits& limits);

// The student's one-line message for result.outcome.
std::string message_for(const RunResult& result, const Limits& limits);

// The CPU limit as enforced: RLIMIT_CPU counts whole seconds, at least one.
double cpu_limit(const Limits& limits);

}  // namespace grader
