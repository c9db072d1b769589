// Hostile worker: writes an ever larger file, huge.bin, in its working directory.
#include <cstdio>
#include <cstring>

int main() {
  static char chunk[1 << 20];
  std::memset(chunk, 'y', sizeof chunk);
  std::FILE* f = std::fopen("huge.bin", "wb");
  if (!f) return 2;
  for (;;) {
    if (std::fwrite(chunk, 1, sizeof chunk, f) != sizeof chunk) return 3;
  }
}
