// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, Zalando, MIT licence): 28x28
// greyscale images of clothing in 10 classes, 60000 for training, 10000 for testing.
//
// The Debian package dataset-fashion-mnist installs it in fashion_mnist_dir:
//   train-images-idx3-ubyte.gz  train-labels-idx1-ubyte.gz
//   t10k-images-idx3-ubyte.gz   t10k-labels-idx1-ubyte.gz
// datasets/fashion-mnist-small/ holds the first 1000 training and 500 test
// images under the same names, for fast tests (see datasets/README.md).
#pragma once

#include <string>
#include <vector>

#include "nn/data/idx.hpp"

namespace nn::data {

inline constexpr const char* fashion_mnist_dir = "/usr/share/datasets/fashion-mnist";

// "T-shirt/top", "Trouser", ..., "Ankle boot": class k's name.
const std::vector<std::string>& fashion_mnist_class_names();

struct TrainTest {
  Dataset train;  // X: N x 784, one image per row
  Dataset test;
};

// Loads both parts from `dir` (at most `limit` samples of each), with the class
// names set. Throws nn::FileError naming a missing file and saying to install
// dataset-fashion-mnist, or naming a file that is not valid IDX.
TrainTest load_fashion_mnist(const std::string& dir = fashion_mnist_dir,
                             PixelScale scale = PixelScale::unit, Index limit = all_samples);

}  // namespace nn::data
