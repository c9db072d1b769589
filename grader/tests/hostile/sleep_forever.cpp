// Hostile worker: waits forever without using the CPU.
#include <unistd.h>

int main() {
  for (;;) pause();
}
