#include "printable.hpp"

#include <fmt/format.h>

namespace grader {
namespace {

// The length of the valid UTF-8 sequence starting at s[i], or 0 if there is none
// (overlong forms, surrogates and code points above U+10FFFF are invalid, and
// so, here, are the C1 control characters U+0080..U+009F: they are escaped).
std::size_t utf8_length(const std::string& s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  std::size_t n;
  unsigned lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
    if (b == 0xC2) lo = 0xA0;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

}  // namespace

std::string printable(const std::string& bytes, std::size_t max_bytes) {
  std::size_t end = std::min(bytes.size(), max_bytes);
  std::string out;
  out.reserve(end);
  for (std::size_t i = 0; i < end;) {
    unsigned char b = static_cast<unsigned char>(bytes[i]);
    if (b == '\n' || b == '\t' || (b >= 0x20 && b < 0x7F)) {
      out += static_cast<char>(b);
      ++i;
    } else if (std::size_t n = b >= 0x80 ? utf8_length(bytes, i) : 0; n > 0 && i + n <= end) {
      out.append(bytes, i, n);
      i += n;
    } else {
      out += fmt::format("\\x{:02X}", b);
      ++i;
    }
  }
  if (end < bytes.size()) out += fmt::format("... ({} more bytes)", bytes.size() - end);
  return out;
}

}  // namespace grader
