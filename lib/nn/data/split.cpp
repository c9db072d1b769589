#include "nn/data/split.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "nn/data/shuffle.hpp"

namespace nn::data {
namespace {

void check_fractions(Real validation_fraction, Real test_fraction) {
  if (!(validation_fraction >= 0 && test_fraction >= 0 && validation_fraction + test_fraction <= 1))
    throw std::invalid_argument(
        fmt::format("split: validation fraction {} and test fraction {} must be >= 0 and sum "
                    "to at most 1",
                    validation_fraction, test_fraction));
}

Index share(Index n, Real fraction) {
  return static_cast<Index>(std::llround(static_cast<Real>(n) * fraction));
}

// Splits `rows` (already in random order) by the fractions.
SplitIndices cut(const arma::uvec& rows, Real validation_fraction, Real test_fraction) {
  const Index n = rows.n_elem;
  const Index n_test = share(n, test_fraction);
  const Index n_validation = std::min(share(n, validation_fraction), n - n_test);
  const Index n_train = n - n_test - n_validation;
  SplitIndices parts;
  parts.train = rows.head(n_train);
  parts.validation = rows.subvec(n_train, arma::size(n_validation, 1));
  parts.test = rows.tail(n_test);
  return parts;
}

}  // namespace

SplitIndices split_indices(Index n, Real validation_fraction, Real test_fraction,
                           std::uint64_t seed) {
  check_fractions(validation_fraction, test_fraction);
  Rng rng(seed);
  return cut(permutation(n, rng), validation_fraction, test_fraction);
}

SplitIndices stratified_split_indices(const Labels& y, Real validation_fraction, Real test_fraction,
                                      std::uint64_t seed) {
  check_fractions(validation_fraction, test_fraction);
  Rng rng(seed);
  SplitIndices all;
  const Index n_classes = y.is_empty() ? 0 : y.max() + 1;
  for (Index k = 0; k < n_classes; ++k) {
    const arma::uvec rows = arma::find(y == k);
    const arma::uvec shuffled = rows.elem(permutation(rows.n_elem, rng));
    const SplitIndices parts = cut(shuffled, validation_fraction, test_fraction);
    all.train = arma::join_cols(all.train, parts.train);
    all.validation = arma::join_cols(all.validation, parts.validation);
    all.test = arma::join_cols(all.test, parts.test);
  }
  for (arma::uvec* part : {&all.train, &all.validation, &all.test}) {
    const arma::uvec shuffled = part->elem(permutation(part->n_elem, rng));
    *part = shuffled;
  }
  return all;
}

DataSplit split(const Dataset& data, Real validation_fraction, Real test_fraction,
                std::uint64_t seed, bool stratified) {
  const SplitIndices parts =
      stratified ? stratified_split_indices(data.y, validation_fraction, test_fraction, seed)
                 : split_indices(data.n_samples(), validation_fraction, test_fraction, seed);
  return {subset(data, parts.train), subset(data, parts.validation), subset(data, parts.test)};
}

}  // namespace nn::data
