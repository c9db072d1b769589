// Hostile worker: a bounded fork bomb. Starts up to 200 children that sleep
// forever (bounded so that a failing limit cannot take down the machine), prints
// how many it started, then sleeps too.
#include <unistd.h>

#include <cstdio>

int main() {
  int started = 0;
  for (int i = 0; i < 200; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      for (;;) pause();
    }
    if (pid < 0) break;
    ++started;
  }
  std::printf("started %d\n", started);
  std::fflush(stdout);
  for (;;) pause();
}
