// Min-max normalisation of each feature (column) to [a, b] (labs/08-training,
// "Normalisation"):
//
//   X' = a + (X - Xmin)(b - a) / (Xmax - Xmin)
//
// Xmin and Xmax are learnt by fit() from the training set only; transform()
// then applies them to any set, so validation and test values can fall outside
// [a, b]. A constant training column (Xmax = Xmin) is divided by 1 instead, so
// it maps to a.
#pragma once

#include "nn/core/types.hpp"

namespace nn::data {

class MinMaxScaler {
 public:
  explicit MinMaxScaler(Real a = 0, Real b = 1);

  void fit(const Mat& X_train);       // X_train: N x D; learns Xmin and Xmax (1 x D each)
  Mat transform(const Mat& X) const;  // X: M x D -> M x D. Throws before fit() or on a
                                      // column count other than D.
  Mat fit_transform(const Mat& X_train);

  const arma::rowvec& min() const { return min_; }  // 1 x D
  const arma::rowvec& max() const { return max_; }  // 1 x D

 private:
  Real a_, b_;
  arma::rowvec min_, max_;
};

}  // namespace nn::data
