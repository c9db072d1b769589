// Hostile worker: tries to read each path it is given (a file: its first byte; a
// folder: its list) and prints "read PATH" for each one it could, then "done".
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (DIR* dir = opendir(argv[i])) {
      if (readdir(dir)) std::printf("read %s\n", argv[i]);
      closedir(dir);
      continue;
    }
    const int fd = open(argv[i], O_RDONLY);
    char byte;
    if (fd >= 0 && read(fd, &byte, 1) == 1) std::printf("read %s\n", argv[i]);
    if (fd >= 0) close(fd);
  }
  std::printf("done\n");
  return 0;
}
