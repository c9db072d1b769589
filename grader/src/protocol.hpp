// How the grader and a worker exchange data: a Message is a set of named entries
// (matrices, real numbers, integers, strings), written to and read from a file.
// The grader writes the worker's inputs; the worker writes what the student code
// computed; the grader reads that back and judges it. The worker is untrusted:
// the reader accepts only a well-formed file within ReadLimits, and says what was
// wrong otherwise. NaN and infinities are data (the grader judges them), never a
// format error: values are stored bit for bit.
//
// This file depends only on nn/core/types.hpp and the standard library, so a
// worker can compile protocol.cpp into itself.
//
// File format, version 1. All integers are unsigned little-endian unless said
// otherwise; reals are IEEE-754 binary64, little-endian.
//
//   magic     8 bytes   "BPLABMSG"
//   version   u32       1
//   count     u32       number of entries
//   entries   count times, in increasing name order (byte-wise):
//     type    u8        1 matrix, 2 real, 3 integer, 4 string
//     name    u32 length, then that many bytes (1..255 bytes, no NUL)
//     value   matrix:   u64 rows, u64 cols (each < 2^32), rows*cols f64, column-major
//             real:     f64
//             integer:  i64 (two's complement)
//             string:   u64 length, then that many bytes (any bytes)
//   nothing after the last entry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "nn/core/types.hpp"

namespace grader {

// A file (or bytes) that is not a valid message, or an entry that is missing or
// not what was expected. The message names the file, the entry and the problem.
class ProtocolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Message {
 public:
  using Value = std::variant<nn::Mat, nn::Real, std::int64_t, std::string>;

  // Each setter adds the entry, replacing one of the same name.
  void set_matrix(const std::string& name, nn::Mat value);
  void set_real(const std::string& name, nn::Real value);
  void set_integer(const std::string& name, std::int64_t value);
  void set_string(const std::string& name, std::string value);

  bool has(const std::string& name) const { return entries_.count(name) > 0; }
  const std::map<std::string, Value>& entries() const { return entries_; }

  // Each getter throws ProtocolError if the entry is missing or of another type.
  const nn::Mat& matrix(const std::string& name) const;
  nn::Real real(const std::string& name) const;
  std::int64_t integer(const std::string& name) const;
  const std::string& string(const std::string& name) const;

 private:
  void set(const std::string& name, Value value);
  template <class T>
  const T& get(const std::string& name, const char* type) const;

  std::map<std::string, Value> entries_;
};

// What the reader accepts at most. A file over a limit is rejected before any
// large allocation, whatever sizes it declares.
struct ReadLimits {
  std::size_t max_total_bytes = std::size_t{256} << 20;
  std::size_t max_entries = 10000;
  std::size_t max_string_bytes = std::size_t{16} << 20;
};

constexpr std::uint32_t kProtocolVersion = 1;

std::string encode(const Message& message);
// `source` names the bytes in error messages, e.g. the file's path.
Message decode(const std::string& bytes, const ReadLimits& limits = {},
               const std::string& source = "message");

// Writes to `path` + ".tmp", then renames it to `path`, so that a reader never
// sees half a file from a writer that completed. Throws ProtocolError on I/O errors.
void write_message(const Message& message, const std::string& path);
Message read_message(const std::string& path, const ReadLimits& limits = {});

// The matrix `name`, checked to be rows x cols. Throws ProtocolError, e.g.
// "entry \"dW\" is 3x4, expected 4x3" or "no entry \"dW\" (entries: W, b)".
const nn::Mat& expect_matrix(const Message& message, const std::string& name, nn::Index rows,
                             nn::Index cols);

// A session (`worker --session`, worker_run.hpp) carries several messages in one
// file, each as a frame: u64 length, then that many bytes.
void append_frame(std::string& out, const std::string& bytes);
// The complete frames of `bytes` in order, at most `max_frames`; a last frame cut
// short (a session that ended while writing it) is left out.
std::vector<std::string> read_frames(const std::string& bytes, std::size_t max_frames);

}  // namespace grader
