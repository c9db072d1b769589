// Hostile worker: tries to write 1 GiB as 64 files of 16 MiB, named argv[1]-0,
// argv[1]-1, ...; stops at the first write that fails and prints how many bytes
// it wrote.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const std::string prefix = argc > 1 ? argv[1] : "/tmp/fill";
  const std::vector<char> block(1 << 20, 'x');
  long long written = 0;
  for (int file = 0; file < 64; ++file) {
    const int fd = open((prefix + "-" + std::to_string(file)).c_str(), O_WRONLY | O_CREAT, 0644);
    if (fd < 0) break;
    bool failed = false;
    for (int mib = 0; mib < 16 && !failed; ++mib) {
      const ssize_t n = write(fd, block.data(), block.size());
      if (n > 0) written += n;
      failed = n != static_cast<ssize_t>(block.size());
    }
    close(fd);
    if (failed) break;
  }
  std::printf("wrote %lld bytes\n", written);
  return 0;
}
