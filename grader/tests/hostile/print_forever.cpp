// Hostile worker: prints without end (an endless loop with a debug print in it).
#include <cstdio>

int main() {
  for (unsigned long i = 0;; ++i) std::printf("iteration %lu\n", i);
}
