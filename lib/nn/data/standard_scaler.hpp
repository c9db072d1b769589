// Standardisation (z-score) of each feature (column) to mean 0 and standard
// deviation 1 (labs/08-training, "Normalisation"):
//
//   X' = (X - mu) / sigma
//
// mu and sigma are learnt by fit() from the training set only; transform()
// applies them to any set. sigma is the population standard deviation (divided
// by N); a constant training column (sigma = 0) is divided by 1 instead.
#pragma once

#include "nn/core/types.hpp"

namespace nn::data {

class StandardScaler {
 public:
  void fit(const Mat& X_train);       // X_train: N x D; learns mu and sigma (1 x D each)
  Mat transform(const Mat& X) const;  // X: M x D -> M x D. Throws before fit() or on a
                                      // column count other than D.
  Mat fit_transform(const Mat& X_train);

  const arma::rowvec& mean() const { return mean_; }   // 1 x D
  const arma::rowvec& stddev() const { return std_; }  // 1 x D

 private:
  arma::rowvec mean_, std_;
};

}  // namespace nn::data
