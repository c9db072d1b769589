// Saving and loading model parameters: the documented layout, a round trip, and
// each corrupted file, which must fail clearly and leave the model untouched.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "nn/core/sequential.hpp"
#include "nn/io/params_file.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/tanh.hpp"
#include "test_helpers.hpp"

using nn::Mat;

namespace {

// Linear(2->3), Tanh, Linear(3->1): parameters 0.W 2x3, 0.b 1x3, 2.W 3x1, 2.b 1x1.
nn::Sequential make_model(std::uint64_t seed, nn::Index hidden = 3) {
  nn::Sequential model;
  model.add<nn::Linear>(2, hidden, seed);
  model.add<nn::Tanh>();
  model.add<nn::Linear>(hidden, 1, seed + 1);
  for (nn::Param& p : model.params()) p.value += 0.25;  // non-zero biases too
  return model;
}

std::vector<Mat> values_of(nn::Sequential& model) {
  std::vector<Mat> values;
  for (const nn::Param& p : model.params()) values.push_back(p.value);
  return values;
}

bool same(const std::vector<Mat>& a, const std::vector<Mat>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (!arma::approx_equal(a[k], b[k], "absdiff", 0)) return false;
  return true;
}

// Loading `path` into a fresh model must fail with a message holding `parts`,
// and leave that model's parameters as they were.
void expect_load_fails(const std::string& path, std::initializer_list<std::string> parts,
                       nn::Index hidden = 3) {
  nn::Sequential model = make_model(99, hidden);
  const std::vector<Mat> before = values_of(model);
  test::expect_contains(test::file_error_of([&] { nn::io::load_params(path, model.params()); }),
                        parts);
  EXPECT_TRUE(same(values_of(model), before)) << "a failed load changed the model";
}

}  // namespace

TEST(ParamsFile, RoundTripIsExact) {
  test::TempDir dir;
  const std::string path = dir.file("model.params");
  nn::Sequential saved = make_model(1), loaded = make_model(2);
  ASSERT_FALSE(same(values_of(saved), values_of(loaded)));
  nn::io::save_params(path, saved.params());
  nn::io::load_params(path, loaded.params());
  EXPECT_TRUE(same(values_of(saved), values_of(loaded)));
  // Header lines + 4 parameter lines + (6 + 3 + 3 + 1) values of 8 bytes.
  const std::string expected_text =
      "BACKPROP-LAB-PARAMS 1\n4\n0.W 2 3\n0.b 1 3\n2.W 3 1\n2.b 1 1\n";
  EXPECT_EQ(std::filesystem::file_size(path), expected_text.size() + 13 * 8);
}

TEST(ParamsFile, LayoutIsAsDocumented) {
  // One 2x2 parameter [[1, 2], [3, -2]]: row-major, little-endian binary64.
  // 1.0 = 0x3FF0000000000000, 2.0 = 0x4000..., 3.0 = 0x4008..., -2.0 = 0xC000...
  test::TempDir dir;
  const std::string path = dir.file("one.params");
  Mat value = {{1, 2}, {3, -2}}, grad(2, 2, arma::fill::zeros);
  nn::io::save_params(path, {{"W", value, grad}});
  const std::string header = "BACKPROP-LAB-PARAMS 1\n1\nW 2 2\n";
  const auto le = [](unsigned char top, unsigned char next) {
    return std::string("\0\0\0\0\0\0", 6) + static_cast<char>(next) + static_cast<char>(top);
  };
  EXPECT_EQ(test::read_all(path),
            header + le(0x3f, 0xf0) + le(0x40, 0x00) + le(0x40, 0x08) + le(0xc0, 0x00));
}

TEST(ParamsFile, TruncatedFileLeavesModelUntouched) {
  test::TempDir dir;
  const std::string path = dir.file("model.params");
  nn::Sequential saved = make_model(1);
  nn::io::save_params(path, saved.params());
  // Cut 5 bytes off the last parameter's 8: the first three parameters read
  // fine, yet none may be assigned.
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 5);
  expect_load_fails(path, {path, "truncated", "parameter '2.b' needs 8 bytes"});
}

TEST(ParamsFile, TruncatedInsideTheHeader) {
  test::TempDir dir;
  const std::string path = dir.file("model.params");
  test::write_text(path, "BACKPROP-LAB-PARAMS 1\n4\n0.W 2");
  expect_load_fails(path, {path, "truncated at byte offset 29", "parameter 1's header line"});
}

TEST(ParamsFile, WrongMagicAndVersion) {
  test::TempDir dir;
  const std::string path = dir.file("model.params");
  nn::Sequential saved = make_model(1);
  nn::io::save_params(path, saved.params());
  std::string bytes = test::read_all(path);
  test::write_text(path, "PK" + bytes.substr(2));
  expect_load_fails(path, {path, "wrong magic string 'PKCKPROP-LAB-PARAMS 1'",
                           "not a Backprop Lab parameter file"});
  bytes[20] = '2';  // "BACKPROP-LAB-PARAMS 2"
  test::write_text(path, bytes);
  expect_load_fails(path, {path, "format version '2' is not supported", "reads version 1"});
}

TEST(ParamsFile, WrongShape) {
  test::TempDir dir;
  const std::string path = dir.file("model.params");
  nn::Sequential saved = make_model(1);
  nn::io::save_params(path, saved.params());
  // A model with 4 hidden units where the file has 3.
  expect_load_fails(path, {path, "parameter '0.W' is 2x3 in the file but 2x4 in the model"}, 4);
}

TEST(ParamsFile, WrongCountAndWrongName) {
  test::TempDir dir;
  const std::string path = dir.file("model.params");
  nn::Sequential saved = make_model(1);
  nn::io::save_params(path, saved.params());

  nn::Sequential smaller;
  smaller.add<nn::Linear>(2, 3, 7);
  const std::vector<Mat> before = values_of(smaller);
  test::expect_contains(
      test::file_error_of([&] { nn::io::load_params(path, smaller.params()); }),
      {path, "parameter count mismatch", "the file has '4' parameters, the model has 2"});
  EXPECT_TRUE(same(values_of(smaller), before));

  // Same shapes, other names: 0.W, 0.b, 1.W, 1.b (no Tanh in between).
  nn::Sequential renamed;
  renamed.add<nn::Linear>(2, 3, 7);
  renamed.add<nn::Linear>(3, 1, 8);
  const std::vector<Mat> renamed_before = values_of(renamed);
  test::expect_contains(test::file_error_of([&] { nn::io::load_params(path, renamed.params()); }),
                        {path, "parameter 3 is named '2.W' in the file but '1.W' in the model"});
  EXPECT_TRUE(same(values_of(renamed), renamed_before));
}

TEST(ParamsFile, BytesAfterTheLastParameter) {
  test::TempDir dir;
  const std::string path = dir.file("model.params");
  nn::Sequential saved = make_model(1);
  nn::io::save_params(path, saved.params());
  const std::size_t size = std::filesystem::file_size(path);
  test::write_text(path, test::read_all(path) + "xyz");
  expect_load_fails(path, {path, fmt::format("3 unexpected bytes after the last parameter, from "
                                             "byte offset {}",
                                             size)});
}

TEST(ParamsFile, MissingFileAndBadNames) {
  nn::Sequential model = make_model(1);
  test::expect_contains(
      test::file_error_of([&] { nn::io::load_params("/nonexistent/m.params", model.params()); }),
      {"/nonexistent/m.params", "cannot open"});
  test::TempDir dir;
  Mat value(1, 1), grad(1, 1);
  EXPECT_THROW(nn::io::save_params(dir.file("x"), {{"a b", value, grad}}), std::invalid_argument);
}
