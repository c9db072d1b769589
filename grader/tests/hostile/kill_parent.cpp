// Hostile worker: kills its parent (the grader, when nothing stands between
// them), then carries on and exits normally.
#include <signal.h>
#include <unistd.h>

#include <cstdio>

int main() {
  const int killed = kill(getppid(), SIGKILL);
  std::printf("kill(getppid()) returned %d; still here\n", killed);
  return 0;
}
