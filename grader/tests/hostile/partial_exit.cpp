// Hostile worker: prints part of its output, then exits in the middle with the
// status given as argv[1] (default 0), leaving the rest unprinted.
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  std::printf("partial output\n");
  std::fflush(stdout);
  std::exit(argc > 1 ? std::atoi(argv[1]) : 0);
  std::printf("never printed\n");
}
