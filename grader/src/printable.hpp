// Turns bytes a child process printed (anything: NUL, binary, broken UTF-8)
// into text that is safe to put in a report or a terminal.
#pragma once

#include <cstddef>
#include <string>

namespace grader {

// Valid UTF-8 is kept, and so are newlines and tabs; every other control byte
// (NUL, ESC, DEL, ...) and every byte that is not part of valid UTF-8 becomes
// "\xNN". At most max_bytes of the input are shown, then "... (N more bytes)".
// The result is always valid UTF-8 with no control characters but \n and \t.
std::string printable(const std::string& bytes, std::size_t max_bytes = 4096);

}  // namespace grader
