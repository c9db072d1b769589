#include "nn/data/byte_file.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <fstream>
#include <iterator>

#include "nn/core/file_error.hpp"

namespace nn::data {
namespace {

bool has_gzip_magic(const Bytes& bytes) {
  return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
}

// Decompresses every gzip member in `compressed` (gzip files may hold several, one after another).
Bytes gunzip(const std::string& path, const Bytes& compressed) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)  // 16+: expect a gzip header
    throw FileError(path, "zlib could not start decompressing");
  Bytes out;
  std::uint8_t chunk[1 << 16];
  stream.next_in = const_cast<Bytef*>(compressed.data());
  stream.avail_in = static_cast<uInt>(compressed.size());
  int status = Z_OK;
  while (true) {
    stream.next_out = chunk;
    stream.avail_out = sizeof chunk;
    status = inflate(&stream, Z_NO_FLUSH);
    out.insert(out.end(), chunk, chunk + (sizeof chunk - stream.avail_out));
    if (status == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      inflateReset(&stream);  // another member follows
      continue;
    }
    if (status == Z_OK) continue;
    const std::string problem =
        status == Z_BUF_ERROR
            ? fmt::format(
                  "the gzip data ends early (the file is truncated) after {} "
                  "compressed bytes, {} decompressed",
                  stream.total_in, out.size())
            : fmt::format("corrupt gzip data near compressed byte offset {}: {}", stream.total_in,
                          stream.msg ? stream.msg : "zlib error");
    inflateEnd(&stream);
    throw FileError(path, problem);
  }
  inflateEnd(&stream);
  return out;
}

Bytes gzip(const std::string& path, const Bytes& bytes) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK)  // 16+: write a gzip header
    throw FileError(path, "zlib could not start compressing");
  Bytes out(deflateBound(&stream, bytes.size()));
  stream.next_in = const_cast<Bytef*>(bytes.data());
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = out.data();
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw FileError(path, "zlib could not compress the data");
  out.resize(stream.total_out);
  return out;
}

}  // namespace

FileBytes read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path, "cannot open the file (does it exist, is it readable?)");
  FileBytes file;
  file.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (has_gzip_magic(file.bytes)) {
    file.bytes = gunzip(path, file.bytes);
    file.gzipped = true;
  }
  return file;
}

void write_file_bytes(const std::string& path, const Bytes& bytes, Compression compression) {
  const Bytes content = compression == Compression::gzip ? gzip(path, bytes) : bytes;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(content.data()),
            static_cast<std::streamsize>(content.size()));
  if (!out) throw FileError(path, "cannot write the file");
}

}  // namespace nn::data
