// Hostile worker: starts its result message (the file argv[1]) with a valid
// header and a matrix that claims 1000x1000 values, writes only three of them,
// then exits with status 0, as a worker that died while writing would.
#include <cstdint>
#include <cstdio>

namespace {

void put(std::FILE* f, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) std::fputc(static_cast<int>((value >> (8 * i)) & 0xFF), f);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  std::FILE* f = std::fopen(argv[1], "wb");
  if (!f) return 3;
  std::fputs("BPLABMSG", f);
  put(f, 1, 4);  // version
  put(f, 1, 4);  // one entry
  put(f, 1, 1);  // a matrix
  put(f, 2, 4);  // name length
  std::fputs("dW", f);
  put(f, 1000, 8);                                            // rows
  put(f, 1000, 8);                                            // cols
  for (int i = 0; i < 3; ++i) put(f, 0x3FF0000000000000, 8);  // 1.0
  std::fclose(f);
  return 0;
}
