// Hostile worker: allocates and touches 64 MiB blocks until the allocation fails
// (std::bad_alloc, uncaught: abort) or the process is killed.
#include <cstring>
#include <vector>

int main() {
  std::vector<char*> blocks;
  for (;;) {
    char* block = new char[64 << 20];
    std::memset(block, 1, 64 << 20);
    blocks.push_back(block);
  }
}
