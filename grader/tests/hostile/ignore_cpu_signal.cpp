// Hostile worker: ignores SIGXCPU (the CPU limit's warning) and spins forever,
// so only the hard limit's SIGKILL can stop it.
#include <csignal>

int main() {
  std::signal(SIGXCPU, SIG_IGN);
  volatile unsigned long n = 0;
  for (;;) n = n + 1;
}
