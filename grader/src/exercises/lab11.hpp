// Lab 11's Fashion-MNIST cases (exercises/lab11.cpp), shared with the grader's
// tests, which calibrate the accuracy thresholds over seeds.
#pragma once

#include <cstdint>

#include "nn/data/split.hpp"

namespace grader::lab11 {

constexpr nn::Real kFashionThreshold = 0.75;  // lab11.fashion
constexpr nn::Real kHeldOutThreshold = 0.75;  // lab11.fashion_heldout

struct FashionCase {
  nn::data::DataSplit parts;  // train (850) and validation (150) from the 1000 shipped training images
  nn::data::Dataset test;     // the shipped 500 test images, or 1000 held-out ones
};

// The case for `seed`: the same seed gives the same rows. held_out needs the full
// Fashion-MNIST (dataset-fashion-mnist) and throws nn::FileError without it.
FashionCase fashion_data(bool held_out, std::uint64_t seed);

}  // namespace grader::lab11
