// IDX files: round trips, plain and gzip, and the errors for broken files,
// which must name the file and the byte offset.
#include <gtest/gtest.h>

#include <filesystem>

#include "nn/data/idx.hpp"
#include "test_helpers.hpp"

using namespace nn::data;

namespace {

// 3 images of 2 x 2 pixels (raw values), and their labels.
nn::Mat three_images() { return {{0, 1, 2, 3}, {255, 128, 64, 32}, {7, 8, 9, 10}}; }
nn::Labels three_labels() { return {4, 0, 9}; }

}  // namespace

class IdxRoundTrip : public ::testing::TestWithParam<Compression> {};

TEST_P(IdxRoundTrip, ImagesAndLabelsComeBackUnchanged) {
  test::TempDir dir;
  const std::string images = dir.file("images.idx"), labels = dir.file("labels.idx");
  write_idx_images(images, three_images(), 2, 2, GetParam());
  write_idx_labels(labels, three_labels(), GetParam());

  const std::string bytes = test::read_all(images);
  const bool gzip_magic = bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
                          static_cast<unsigned char>(bytes[1]) == 0x8b;
  EXPECT_EQ(gzip_magic, GetParam() == Compression::gzip);
  if (GetParam() == Compression::none) {
    // Header 16 bytes (magic 00 00 08 03, sizes 3, 2, 2 big-endian) + 12 pixels.
    ASSERT_EQ(bytes.size(), 28u);
    EXPECT_EQ(bytes.substr(0, 4), std::string("\x00\x00\x08\x03", 4));
    EXPECT_EQ(bytes.substr(4, 4), std::string("\x00\x00\x00\x03", 4));
  }

  const IdxImages raw = read_idx_images(images, PixelScale::raw);
  EXPECT_EQ(raw.rows, 2u);
  EXPECT_EQ(raw.cols, 2u);
  EXPECT_TRUE(arma::approx_equal(raw.X, three_images(), "absdiff", 0));
  const IdxImages unit = read_idx_images(images);  // scaled to [0, 1]
  EXPECT_DOUBLE_EQ(unit.X(1, 0), 1.0);
  EXPECT_DOUBLE_EQ(unit.X(1, 1), 128.0 / 255);
  EXPECT_TRUE(arma::all(read_idx_labels(labels) == three_labels()));

  const Dataset first_two = load_idx(images, labels, PixelScale::raw, 2);
  EXPECT_EQ(first_two.X.n_rows, 2u);
  EXPECT_EQ(first_two.y.n_elem, 2u);
  EXPECT_EQ(first_two.X(1, 0), 255.0);
  EXPECT_EQ(first_two.y(1), 0u);
}

INSTANTIATE_TEST_SUITE_P(Files, IdxRoundTrip,
                         ::testing::Values(Compression::none, Compression::gzip),
                         [](const ::testing::TestParamInfo<Compression>& info) {
                           return info.param == Compression::gzip ? "gzip" : "plain";
                         });

TEST(Idx, TruncatedFileNamesTheOffsets) {
  test::TempDir dir;
  const std::string images = dir.file("images.idx");
  write_idx_images(images, three_images(), 2, 2, Compression::none);
  std::filesystem::resize_file(images, 25);  // 3 of the 12 pixel bytes missing
  test::expect_contains(
      test::file_error_of([&] { read_idx_images(images); }),
      {images, "truncated at byte offset 25", "12 bytes of data", "from byte offset 16 to 28"});
}

TEST(Idx, TruncatedHeader) {
  test::TempDir dir;
  const std::string labels = dir.file("labels.idx");
  test::write_text(labels, std::string("\x00\x00\x08\x01\x00\x00", 6));
  test::expect_contains(test::file_error_of([&] { read_idx_labels(labels); }),
                        {labels, "truncated at byte offset 6", "header needs 8 bytes"});
}

TEST(Idx, TruncatedGzipFile) {
  test::TempDir dir;
  const std::string images = dir.file("images.idx.gz");
  write_idx_images(images, three_images(), 2, 2, Compression::gzip);
  std::filesystem::resize_file(images, std::filesystem::file_size(images) / 2);
  test::expect_contains(test::file_error_of([&] { read_idx_images(images); }),
                        {images, "truncated"});
}

TEST(Idx, WrongMagicNumberNamesOffsetAndWhatTheFileIs) {
  test::TempDir dir;
  const std::string labels = dir.file("labels.idx");
  write_idx_labels(labels, three_labels(), Compression::gzip);
  test::expect_contains(test::file_error_of([&] { read_idx_images(labels); }),
                        {labels, "byte offset 0", "wrong magic number 0x00000801",
                         "expected 0x00000803", "labels file"});
  const std::string text = dir.file("text.idx");
  test::write_text(text, "hello, world");
  test::expect_contains(
      test::file_error_of([&] { read_idx_labels(text); }),
      {text, "byte offset 0", "wrong magic number 0x68656c6c", "expected 0x00000801"});
}

TEST(Idx, ExtraBytesAfterTheData) {
  test::TempDir dir;
  const std::string labels = dir.file("labels.idx");
  // Magic, N = 2, then 3 label bytes: one too many.
  test::write_text(labels, std::string("\x00\x00\x08\x01\x00\x00\x00\x02\x01\x02\x03", 11));
  test::expect_contains(test::file_error_of([&] { read_idx_labels(labels); }),
                        {labels, "1 unexpected bytes after the data, from byte offset 10"});
}

TEST(Idx, ImageAndLabelCountMismatch) {
  test::TempDir dir;
  const std::string images = dir.file("images.idx"), labels = dir.file("labels.idx");
  write_idx_images(images, three_images(), 2, 2, Compression::none);
  write_idx_labels(labels, nn::Labels{1, 2}, Compression::none);
  test::expect_contains(test::file_error_of([&] { load_idx(images, labels); }),
                        {images, labels, "dimension mismatch", "3 images", "2 labels"});
}

TEST(Idx, WritingRejectsValuesThatAreNotBytes) {
  test::TempDir dir;
  EXPECT_THROW(write_idx_images(dir.file("x"), nn::Mat{{0.5, 1, 2, 3}}, 2, 2, Compression::none),
               std::invalid_argument);
  EXPECT_THROW(write_idx_images(dir.file("x"), nn::Mat{{0, 1, 2}}, 2, 2, Compression::none),
               std::invalid_argument);
}
