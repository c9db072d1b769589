// What a platform bundle or a handout carries for systems that lack a package the build
// needs: toml++'s headers (the rubric reader), which Ubuntu 22.04 does not package.
#pragma once

#include <filesystem>

namespace grader {

// Copies the toml++ headers this grader was built with into
// <framework>/third_party/toml++, with a note and the licence; grader/CMakeLists.txt builds
// with them where find_package finds no toml++. Nothing to do when they are there already.
void carry_toml_headers(const std::filesystem::path& framework);

}  // namespace grader
