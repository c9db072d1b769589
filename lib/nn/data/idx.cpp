#include "nn/data/idx.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "nn/core/file_error.hpp"

namespace nn::data {
namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803;  // unsigned bytes, 3 dimensions
constexpr std::uint32_t kLabelsMagic = 0x00000801;  // unsigned bytes, 1 dimension

// An IDX file's header and where its data starts.
struct IdxHeader {
  std::vector<Index> sizes;  // one per dimension
  std::size_t data_offset = 0;
};

std::string offset_note(const FileBytes& file) {
  return file.gzipped ? " (offsets count decompressed bytes)" : "";
}

std::uint32_t read_be32(const Bytes& bytes, std::size_t offset) {
  return (std::uint32_t{bytes[offset]} << 24) | (std::uint32_t{bytes[offset + 1]} << 16) |
         (std::uint32_t{bytes[offset + 2]} << 8) | std::uint32_t{bytes[offset + 3]};
}

void append_be32(Bytes& bytes, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    bytes.push_back(static_cast<std::uint8_t>(value >> shift));
}

std::string what_magic_means(std::uint32_t magic) {
  if (magic == kImagesMagic) return "; this is an images file";
  if (magic == kLabelsMagic) return "; this is a labels file";
  return "; this is not an IDX file of unsigned bytes";
}

// Checks the magic number and sizes, and that the data that follows is exactly
// as long as the sizes say.
IdxHeader read_header(const std::string& path, const FileBytes& file, std::uint32_t magic,
                      const char* kind) {
  const Bytes& bytes = file.bytes;
  if (bytes.size() < 4)
    throw FileError(path, fmt::format("truncated at byte offset {}: the 4-byte magic number "
                                      "needs the file to have at least 4 bytes{}",
                                      bytes.size(), offset_note(file)));
  const std::uint32_t found = read_be32(bytes, 0);
  if (found != magic)
    throw FileError(path, fmt::format("byte offset 0: wrong magic number 0x{:08x}, expected "
                                      "0x{:08x} ({}){}",
                                      found, magic, kind, what_magic_means(found)));
  IdxHeader header;
  const std::size_t n_dims = magic & 0xff;
  header.data_offset = 4 + 4 * n_dims;
  if (bytes.size() < header.data_offset)
    throw FileError(path, fmt::format("truncated at byte offset {}: the header needs {} bytes "
                                      "({} sizes after the magic number){}",
                                      bytes.size(), header.data_offset, n_dims, offset_note(file)));
  // The product of the sizes, capped so that it cannot overflow (past the file's
  // length it only needs to stay past it).
  constexpr Index cap = Index{1} << 62;
  Index n_values = 1;
  for (std::size_t d = 0; d < n_dims; ++d) {
    const Index size = read_be32(bytes, 4 + 4 * d);
    header.sizes.push_back(size);
    n_values = (size != 0 && n_values > cap / size) ? cap : n_values * size;
  }
  const std::size_t data_end = header.data_offset + n_values;
  if (bytes.size() < data_end)
    throw FileError(path, fmt::format("truncated at byte offset {}: the header's sizes {} need "
                                      "{} bytes of data from byte offset {} to {}{}",
                                      bytes.size(), fmt::join(header.sizes, " x "), n_values,
                                      header.data_offset, data_end, offset_note(file)));
  if (bytes.size() > data_end)
    throw FileError(path, fmt::format("{} unexpected bytes after the data, from byte offset {} "
                                      "(the header's sizes {} say the data ends there){}",
                                      bytes.size() - data_end, data_end,
                                      fmt::join(header.sizes, " x "), offset_note(file)));
  return header;
}

}  // namespace

IdxImages read_idx_images(const std::string& path, PixelScale scale, Index limit) {
  const FileBytes file = read_file_bytes(path);
  const IdxHeader header = read_header(path, file, kImagesMagic, "images");
  IdxImages images;
  images.rows = header.sizes[1];
  images.cols = header.sizes[2];
  const Index n = std::min(header.sizes[0], limit);
  const Index pixels = images.rows * images.cols;
  const Real factor = scale == PixelScale::unit ? 1.0 / 255 : 1.0;
  images.X.set_size(n, pixels);  // N x (rows * cols)
  const std::uint8_t* data = file.bytes.data() + header.data_offset;
  for (Index i = 0; i < n; ++i)
    for (Index p = 0; p < pixels; ++p) images.X(i, p) = data[i * pixels + p] * factor;
  return images;
}

Labels read_idx_labels(const std::string& path, Index limit) {
  const FileBytes file = read_file_bytes(path);
  const IdxHeader header = read_header(path, file, kLabelsMagic, "labels");
  Labels y(std::min(header.sizes[0], limit));
  const std::uint8_t* data = file.bytes.data() + header.data_offset;
  for (Index i = 0; i < y.n_elem; ++i) y(i) = data[i];
  return y;
}

Dataset load_idx(const std::string& images_path, const std::string& labels_path, PixelScale scale,
                 Index limit) {
  Dataset data;
  data.X = read_idx_images(images_path, scale, limit).X;
  data.y = read_idx_labels(labels_path, limit);
  if (data.X.n_rows != data.y.n_elem)
    throw FileError(images_path, fmt::format("dimension mismatch: it holds {} images, but the "
                                             "labels file {} holds {} labels",
                                             data.X.n_rows, labels_path, data.y.n_elem));
  return data;
}

void write_idx_images(const std::string& path, const Mat& X, Index rows, Index cols,
                      Compression compression) {
  if (X.n_cols != rows * cols)
    throw std::invalid_argument(
        fmt::format("write_idx_images: X is {}x{}, expected N x {} "
                    "({} x {} pixels per image)",
                    X.n_rows, X.n_cols, rows * cols, rows, cols));
  Bytes bytes;
  append_be32(bytes, kImagesMagic);
  for (Index size : {X.n_rows, rows, cols}) append_be32(bytes, static_cast<std::uint32_t>(size));
  for (Index i = 0; i < X.n_rows; ++i)
    for (Index p = 0; p < X.n_cols; ++p) {
      const Real v = X(i, p);
      if (!(v >= 0 && v <= 255 && v == std::round(v)))
        throw std::invalid_argument(
            fmt::format("write_idx_images: X({}, {}) = {} is not a whole "
                        "number in [0, 255] (write raw pixels)",
                        i, p, v));
      bytes.push_back(static_cast<std::uint8_t>(v));
    }
  write_file_bytes(path, bytes, compression);
}

void write_idx_labels(const std::string& path, const Labels& y, Compression compression) {
  Bytes bytes;
  append_be32(bytes, kLabelsMagic);
  append_be32(bytes, static_cast<std::uint32_t>(y.n_elem));
  for (Index i = 0; i < y.n_elem; ++i) {
    if (y(i) > 255)
      throw std::invalid_argument(
          fmt::format("write_idx_labels: y({}) = {} does not fit in a byte", i, y(i)));
    bytes.push_back(static_cast<std::uint8_t>(y(i)));
  }
  write_file_bytes(path, bytes, compression);
}

}  // namespace nn::data
