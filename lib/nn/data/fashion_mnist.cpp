#include "nn/data/fashion_mnist.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "nn/core/file_error.hpp"

namespace nn::data {
namespace {

Dataset load_part(const std::string& dir, const std::string& part, PixelScale scale, Index limit) {
  const std::string images = fmt::format("{}/{}-images-idx3-ubyte.gz", dir, part);
  const std::string labels = fmt::format("{}/{}-labels-idx1-ubyte.gz", dir, part);
  for (const std::string& path : {images, labels})
    if (!std::filesystem::exists(path))
      throw FileError(path,
                      fmt::format("not found. Fashion-MNIST comes with the Debian package "
                                  "dataset-fashion-mnist: install it with `sudo apt-get install "
                                  "dataset-fashion-mnist` (it puts the files in {}), or pass the "
                                  "directory that holds them",
                                  fashion_mnist_dir));
  Dataset data = load_idx(images, labels, scale, limit);
  data.class_names = fashion_mnist_class_names();
  return data;
}

}  // namespace

const std::vector<std::string>& fashion_mnist_class_names() {
  static const std::vector<std::string> names = {"T-shirt/top", "Trouser",   "Pullover", "Dress",
                                                 "Coat",        "Sandal",    "Shirt",    "Sneaker",
                                                 "Bag",         "Ankle boot"};
  return names;
}

TrainTest load_fashion_mnist(const std::string& dir, PixelScale scale, Index limit) {
  return {load_part(dir, "train", scale, limit), load_part(dir, "t10k", scale, limit)};
}

}  // namespace nn::data
