// Test helpers for the checks: a WorkerRunner that runs the real grader_worker
// (built from this build's nn: stubs in the student build, the reference in the
// solution build) through the sandbox, and rubric items to give run_check.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "checks.hpp"
#include "protocol.hpp"
#include "rubric.hpp"
#include "sandbox.hpp"

namespace grader::testing {

// Writes the request to a fresh temporary file, runs the worker on it and reads
// its response, as the orchestration does.
inline WorkerReply run_real_worker(const Message& request) {
  static std::atomic<int> counter{0};
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("bplab-checks-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(dir);
  const std::string request_file = (dir / "request.msg").string();
  const std::string response_file = (dir / "response.msg").string();
  write_message(request, request_file);
  Command command;
  command.argv = {NN_GRADER_WORKER, request_file, response_file};
  command.env = {"OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS=1"};
  command.limits.wall_seconds = 120;
  command.limits.cpu_seconds = 120;
  command.limits.memory_bytes = 0;
  WorkerReply reply;
  reply.run = run(command);
  if (reply.run.outcome == Outcome::Ok) {
    try {
      reply.response = read_message(response_file);
    } catch (const ProtocolError& e) {
      reply.problem = e.what();
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return reply;
}

inline RubricItem make_item(CheckKind kind, const std::string& target,
                            std::vector<std::pair<nn::Index, nn::Index>> shapes = {{1, 3}, {4, 5}},
                            std::vector<std::uint64_t> seeds = {1, 2}) {
  RubricItem item;
  item.id = target + ".check";
  item.title = target + " check";
  item.points = 10;
  item.kind = kind;
  item.target = target;
  item.shapes = std::move(shapes);
  item.seeds = std::move(seeds);
  item.tolerance = 1e-6;
  return item;
}

}  // namespace grader::testing
