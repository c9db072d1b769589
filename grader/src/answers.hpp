// Reference answers shipped in a handout. A handout has no solutions/, so the
// items that judge against the reference's answer (exercises that use one,
// optimizer steps) cannot run the reference there: `grader release` runs the
// reference worker on every request of every visible such item and writes
// each answer as data (a Message file, numbers and strings, never code) into
// grader/answers/, named by a hash of the request's bytes. `grader check` in
// the handout looks each request up there.
#pragma once

#include <string>

#include "checks.hpp"
#include "protocol.hpp"

namespace grader {

// The file name of the answer to `request`: a hash of its encoded bytes, ".msg".
std::string answer_file_name(const Message& request);

// Writes `answer` as the answer to `request` into `dir` (created if needed).
void write_answer(const std::string& dir, const Message& request, const Message& answer);

// A reference runner that answers from the files in `dir`; a request without
// an answer there gets a reply without a response that says so.
WorkerRunner shipped_answers(const std::string& dir);

// A runner that answers from `dir` where an earlier run left the answer, and
// otherwise asks `run` and keeps its answer there (written whole, then renamed
// into place: graders sharing the folder never read half an answer). A reply
// without a valid response is passed on and not kept.
WorkerRunner remembered_answers(const std::string& dir, WorkerRunner run);

}  // namespace grader
