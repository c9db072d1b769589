// Writes the first N training and M test images of Fashion-MNIST, with their
// labels, as gzip IDX files with the original names, for fast tests:
//
//   make_fashion_mnist_subset <out-dir> [train-count=1000] [test-count=500] [source-dir]
//
// source-dir defaults to where the Debian package dataset-fashion-mnist puts
// the data set. datasets/fashion-mnist-small/ was made with
//   build/student/apps/make_fashion_mnist_subset datasets/fashion-mnist-small
#include <fmt/format.h>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>

#include "nn/data/fashion_mnist.hpp"

namespace {

void write_part(const std::string& out_dir, const std::string& part,
                const nn::data::Dataset& data) {
  constexpr nn::Index side = 28;
  const std::string images = fmt::format("{}/{}-images-idx3-ubyte.gz", out_dir, part);
  const std::string labels = fmt::format("{}/{}-labels-idx1-ubyte.gz", out_dir, part);
  nn::data::write_idx_images(images, data.X, side, side, nn::data::Compression::gzip);
  nn::data::write_idx_labels(labels, data.y, nn::data::Compression::gzip);
  fmt::print("{}: {} images, {}\n", part, data.X.n_rows, images);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 5) {
    fmt::print(stderr, "usage: {} <out-dir> [train-count=1000] [test-count=500] [source-dir]\n",
               argv[0]);
    return 2;
  }
  try {
    const std::string out_dir = argv[1];
    const nn::Index n_train = argc > 2 ? std::stoul(argv[2]) : 1000;
    const nn::Index n_test = argc > 3 ? std::stoul(argv[3]) : 500;
    const std::string source = argc > 4 ? argv[4] : nn::data::fashion_mnist_dir;
    std::filesystem::create_directories(out_dir);
    const nn::data::PixelScale raw = nn::data::PixelScale::raw;
    write_part(out_dir, "train", nn::data::load_fashion_mnist(source, raw, n_train).train);
    write_part(out_dir, "t10k", nn::data::load_fashion_mnist(source, raw, n_test).test);
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return 0;
}
