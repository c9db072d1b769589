// Hostile worker: writes through a null pointer (SIGSEGV).
#include <cstdio>

int main() {
  std::puts("about to crash");
  std::fflush(stdout);
  volatile int* volatile p = nullptr;
  *p = 1;
  return 0;
}
