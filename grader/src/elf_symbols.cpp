#include "elf_symbols.hpp"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

namespace grader {

namespace {

// `T` at byte `offset` of `bytes`, if it lies wholly inside.
template <typename T>
std::optional<T> at(const std::vector<char>& bytes, std::uint64_t offset) {
  if (offset > bytes.size() || bytes.size() - offset < sizeof(T)) return std::nullopt;
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

}  // namespace

std::optional<std::set<std::string>> defined_global_symbols(const std::string& object) {
  std::ifstream in(object, std::ios::binary);
  if (!in) return std::nullopt;
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  const auto header = at<Elf64_Ehdr>(bytes, 0);
  if (!header || std::memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 ||
      header->e_ident[EI_CLASS] != ELFCLASS64 || header->e_ident[EI_DATA] != ELFDATA2LSB ||
      header->e_shentsize != sizeof(Elf64_Shdr))
    return std::nullopt;
  auto section = [&](std::uint64_t index) {
    return at<Elf64_Shdr>(bytes, header->e_shoff + index * sizeof(Elf64_Shdr));
  };
  std::set<std::string> names;
  for (std::uint64_t i = 0; i < header->e_shnum; ++i) {
    const auto symtab = section(i);
    if (!symtab) return std::nullopt;
    if (symtab->sh_type != SHT_SYMTAB) continue;
    const auto strtab = section(symtab->sh_link);
    if (!strtab || strtab->sh_offset > bytes.size() ||
        strtab->sh_size > bytes.size() - strtab->sh_offset)
      return std::nullopt;
    for (std::uint64_t s = 0; s * sizeof(Elf64_Sym) < symtab->sh_size; ++s) {
      const auto symbol = at<Elf64_Sym>(bytes, symtab->sh_offset + s * sizeof(Elf64_Sym));
      if (!symbol) return std::nullopt;
      if (ELF64_ST_BIND(symbol->st_info) != STB_GLOBAL || symbol->st_shndx == SHN_UNDEF) continue;
      if (symbol->st_name >= strtab->sh_size) return std::nullopt;
      const char* name = bytes.data() + strtab->sh_offset + symbol->st_name;
      const std::size_t room = strtab->sh_size - symbol->st_name;
      const std::size_t length = strnlen(name, room);
      if (length == room) return std::nullopt;  // no terminating NUL inside the table
      names.emplace(name, length);
    }
  }
  return names;
}

}  // namespace grader
