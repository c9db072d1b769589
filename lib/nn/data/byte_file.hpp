// Whole-file byte input and output, with transparent gzip: a file whose first
// two bytes are gzip's magic number 1f 8b is decompressed as it is read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nn::data {

using Bytes = std::vector<std::uint8_t>;

struct FileBytes {
  Bytes bytes;           // the file's content, decompressed if it was gzip
  bool gzipped = false;  // true if it was
};

// Throws nn::FileError if the file cannot be opened or its gzip data is corrupt
// or cut short.
FileBytes read_file_bytes(const std::string& path);

enum class Compression { none, gzip };

// Writes `bytes` to `path`, gzip-compressed if asked. Throws nn::FileError on failure.
void write_file_bytes(const std::string& path, const Bytes& bytes, Compression compression);

}  // namespace nn::data
