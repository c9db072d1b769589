#include "carried_headers.hpp"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace grader {

void carry_toml_headers(const fs::path& framework) {
  const fs::path from = TOMLPP_HEADERS;  // set by grader/CMakeLists.txt
  const fs::path to = framework / "third_party/toml++";
  if (fs::exists(to / "toml.h")) return;
  if (!fs::exists(from / "toml.h"))
    throw std::runtime_error(
        fmt::format("the toml++ headers this grader was built with are no longer in {}: reinstall "
                    "libtomlplusplus-dev or rebuild the grader",
                    from.string()));
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive);
  std::ofstream(framework / "third_party/README.md")
      << "# Carried headers\n\n"
         "`toml++/`: the headers of toml++ (https://github.com/marzer/tomlplusplus, MIT licence:\n"
         "each file says so; copyright Mark Gillard), the library the grader reads its rubric\n"
         "with, copied from the system that wrote this folder. The build uses them only where\n"
         "the system has no toml++ package (Ubuntu 22.04): see grader/CMakeLists.txt.\n";
}

}  // namespace grader
