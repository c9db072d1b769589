// GitHub Classroom's autograding for the student release: one test per lab in
// .github/classroom/autograding.json, which runs `grader check --lab NN` (the
// lab's visible checks; all of them pass or the test fails) for the lab's visible
// points, and the workflow that runs them on every push.
#pragma once

#include <string>

#include "rubric.hpp"

namespace grader {

// Writes both files under `release_dir`; `visible` is the release's rubric.
void write_classroom_autograding(const Rubric& visible, const std::string& root,
                                 const std::string& release_dir);

}  // namespace grader
