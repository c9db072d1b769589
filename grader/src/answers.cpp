#include "answers.hpp"

#include <filesystem>

#include "builder.hpp"

namespace fs = std::filesystem;

namespace grader {

std::string answer_file_name(const Message& request) {
  return content_hash(encode(request)) + ".msg";
}

void write_answer(const std::string& dir, const Message& request, const Message& answer) {
  fs::create_directories(dir);
  write_message(answer, (fs::path(dir) / answer_file_name(request)).string());
}

WorkerRunner shipped_answers(const std::string& dir) {
  return [dir](const Message& request) {
    WorkerReply reply;
    const fs::path file = fs::path(dir) / answer_file_name(request);
    if (!fs::exists(file)) {
      reply.problem = "the handout has no reference answer for this case (" + file.string() +
                      " is missing: was the handout made with `grader release` from this "
                      "rubric and seed?)";
      return reply;
    }
    try {
      reply.response = read_message(file.string());
      reply.run.outcome = Outcome::Ok;
    } catch (const std::exception& e) {
      reply.problem = std::string("the handout's reference answer cannot be read: ") + e.what();
    }
    return reply;
  };
}

}  // namespace grader
