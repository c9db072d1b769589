// Probes that misbehave on request, for the worker session tests
// (test_worker_session.cpp): linked into grader_session_worker, a worker built from
// the real worker.cpp with these probes instead of the labs'.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "probe.hpp"

namespace {

// How many requests this process has answered: 1 in a run of its own.
void count(const grader::Message&, grader::Message& response) {
  static int calls = 0;
  response.set_integer("calls", ++calls);
}

// Whether the file an earlier request would leave is in the working folder; leaves it.
void scratch(const grader::Message&, grader::Message& response) {
  response.set_integer("found", std::ifstream("left_behind.txt").good() ? 1 : 0);
  std::ofstream("left_behind.txt") << "left\n";
}

void crash(const grader::Message&, grader::Message&) { std::raise(SIGSEGV); }

void loop(const grader::Message&, grader::Message&) {
  for (volatile long i = 0;; i = i + 1) {
  }
}

void exit_early(const grader::Message&, grader::Message&) { std::exit(3); }

void end_session(const grader::Message&, grader::Message&) { ::kill(::getppid(), SIGKILL); }

void print(const grader::Message&, grader::Message&) {
  for (int i = 0; i < 20000; ++i) std::printf("too much output, line %d\n", i);
}

GRADER_PROBE("test.count", count);
GRADER_PROBE("test.scratch", scratch);
GRADER_PROBE("test.crash", crash);
GRADER_PROBE("test.loop", loop);
GRADER_PROBE("test.exit", exit_early);
GRADER_PROBE("test.end_session", end_session);
GRADER_PROBE("test.print", print);

}  // namespace
