// Reads and writes IDX files, the format of MNIST and Fashion-MNIST, plain or
// gzip-compressed (detected by gzip's magic bytes 1f 8b, whatever the file name).
//
// An IDX file of unsigned bytes (all big-endian):
//   offset 0   magic number 0x000008DD: two zero bytes, 0x08 (= unsigned byte
//              data), then DD, the number of dimensions
//   offset 4   DD sizes, 4 bytes each
//   then       the data, one byte per value, last dimension fastest
// Images: magic 0x00000803, sizes N, rows, cols, then N*rows*cols pixels 0..255.
// Labels: magic 0x00000801, size N, then N class indices.
//
// Errors throw nn::FileError naming the file and the byte offset (in the
// decompressed data for a gzip file), e.g.
//   "train-images.gz: byte offset 0: wrong magic number 0x00000801, expected
//    0x00000803 (images); this is a labels file"
#pragma once

#include <limits>
#include <string>

#include "nn/data/byte_file.hpp"
#include "nn/data/dataset.hpp"

namespace nn::data {

inline constexpr Index all_samples = std::numeric_limits<Index>::max();

enum class PixelScale {
  unit,  // pixel / 255, in [0, 1]
  raw    // 0..255, as stored
};

struct IdxImages {
  Mat X;           // N x (rows * cols): row i is image i, row by row
  Index rows = 0;  // height of each image
  Index cols = 0;  // width of each image
};

// The first min(limit, N) images of an images file.
IdxImages read_idx_images(const std::string& path, PixelScale scale = PixelScale::unit,
                          Index limit = all_samples);

// The first min(limit, N) labels of a labels file.
Labels read_idx_labels(const std::string& path, Index limit = all_samples);

// An images file and its labels file as one data set (no feature or class names).
// Throws nn::FileError if the two files hold different numbers of samples.
Dataset load_idx(const std::string& images_path, const std::string& labels_path,
                 PixelScale scale = PixelScale::unit, Index limit = all_samples);

// X: N x (rows * cols) of whole numbers in [0, 255] (PixelScale::raw). Throws
// std::invalid_argument on a value outside that or on a shape mismatch.
void write_idx_images(const std::string& path, const Mat& X, Index rows, Index cols,
                      Compression compression);

// y: N class indices, each in [0, 255].
void write_idx_labels(const std::string& path, const Labels& y, Compression compression);

}  // namespace nn::data
