// Splitting a data set into training, validation and test parts, at random from
// a seed. Scalers are then fitted on the training part only (labs/08-training:
// the scaling values come from the training set only).
#pragma once

#include <cstdint>

#include "nn/data/dataset.hpp"

namespace nn::data {

// Row indices of each part. Together they are 0..N-1, each exactly once.
struct SplitIndices {
  arma::uvec train, validation, test;
};

struct DataSplit {
  Dataset train, validation, test;
};

// Of N rows, round(N * test_fraction) go to test, round(N * validation_fraction)
// to validation, the rest to train; which ones is random from `seed`.
// Throws std::invalid_argument unless both fractions are >= 0 and sum to <= 1.
SplitIndices split_indices(Index n, Real validation_fraction, Real test_fraction,
                           std::uint64_t seed);

// The same per class, so that each part has the classes in (nearly) the
// proportions of y: each class's rows are split as above, then each part's
// rows are shuffled.
SplitIndices stratified_split_indices(const Labels& y, Real validation_fraction, Real test_fraction,
                                      std::uint64_t seed);

// The data set split by split_indices, or stratified_split_indices if `stratified`.
DataSplit split(const Dataset& data, Real validation_fraction, Real test_fraction,
                std::uint64_t seed, bool stratified = false);

}  // namespace nn::data
