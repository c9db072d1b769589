// Hostile worker: starts a child that leaves the process group (setsid) and
// sleeps forever, named argv[1] so that a test can look for it; exits at once.
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdio>

int main(int argc, char** argv) {
  const char* name = argc > 1 ? argv[1] : "survivor";
  if (fork() == 0) {
    setsid();
    prctl(PR_SET_NAME, name);
    close(1);  // the grader reads stdout to its end: do not hold it open
    close(2);
    for (;;) pause();
  }
  std::printf("started\n");
  return 0;
}
