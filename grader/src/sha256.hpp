// SHA-256 (FIPS 180-4), for the grader's cache keys: a student cannot make their file's
// key equal another file's (a 64-bit hash could be made to collide in minutes, and one
// student's object then stood in for another's).
#pragma once

#include <string>

namespace grader {

// The SHA-256 digest of `bytes`, as 64 lowercase hexadecimal digits.
std::string sha256_hex(const std::string& bytes);

}  // namespace grader
