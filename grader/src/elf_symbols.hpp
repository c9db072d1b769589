// The global symbols an object file defines, read from its ELF symbol table: how
// the grader tells which functions of a unit compiled from several student files
// belong to which file (builder.hpp, Builder::weakened).
#pragma once

#include <optional>
#include <set>
#include <string>

namespace grader {

// The names of the symbols `object` (a 64-bit little-endian ELF relocatable file)
// defines with global binding: not local, weak or unique ones, not undefined ones.
// nullopt when the file cannot be read or is not such an object.
std::optional<std::set<std::string>> defined_global_symbols(const std::string& object);

}  // namespace grader
