// Hostile worker: a classic daemon. Its child forks a grandchild and exits, so
// the grandchild is an orphan; the grandchild leaves the session (setsid),
// takes the name argv[1] (for a test to look for) and sleeps forever.
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

int main(int argc, char** argv) {
  const char* name = argc > 1 ? argv[1] : "daemon";
  const pid_t child = fork();
  if (child == 0) {
    if (fork() == 0) {
      setsid();
      prctl(PR_SET_NAME, name);
      close(1);
      close(2);
      for (;;) pause();
    }
    _exit(0);
  }
  waitpid(child, nullptr, 0);
  std::printf("daemon started\n");
  return 0;
}
