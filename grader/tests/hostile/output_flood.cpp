// Hostile worker: writes 300 MiB to stdout, then exits with status 0.
#include <unistd.h>

#include <cstring>

int main() {
  static char chunk[1 << 20];
  std::memset(chunk, 'x', sizeof chunk);
  for (int i = 0; i < 300; ++i) {
    for (std::size_t done = 0; done < sizeof chunk;) {
      ssize_t n = write(1, chunk + done, sizeof chunk - done);
      if (n <= 0) return 1;
      done += static_cast<std::size_t>(n);
    }
  }
  return 0;
}
