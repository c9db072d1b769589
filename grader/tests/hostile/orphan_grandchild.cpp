// Hostile worker: starts a child that sleeps forever, prints the child's pid,
// and exits at once (status 0), leaving the child behind.
#include <unistd.h>

#include <cstdio>

int main() {
  pid_t pid = fork();
  if (pid == 0) {
    for (;;) pause();
  }
  std::printf("%d\n", static_cast<int>(pid));
  return 0;
}
