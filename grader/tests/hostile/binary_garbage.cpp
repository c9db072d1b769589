// Hostile worker: prints every byte value 0..255 four times on stdout and
// stderr (NUL, escape sequences, invalid UTF-8), then exits with status 0.
#include <unistd.h>

int main() {
  char bytes[256];
  for (int i = 0; i < 256; ++i) bytes[i] = static_cast<char>(i);
  for (int round = 0; round < 4; ++round) {
    if (write(1, bytes, sizeof bytes) != sizeof bytes) return 1;
    if (write(2, bytes, sizeof bytes) != sizeof bytes) return 1;
  }
  return 0;
}
