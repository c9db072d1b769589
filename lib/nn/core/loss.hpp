// The interface every loss implements.
//
//   forward(pred, target)  pred, target: N x K -> the loss, averaged over the batch
//   backward()             -> dLoss/dpred: N x K, including the 1/N of the mean
#pragma once

#include <string>

#include "nn/core/errors.hpp"
#include "nn/core/types.hpp"

namespace nn {

class Loss {
 public:
  virtual ~Loss() = default;
  virtual Real forward(const Mat& pred, const Mat& target) = 0;
  virtual Mat backward() = 0;
  virtual std::string name() const = 0;

 protected:
  // Throws ShapeError unless pred and target are the same non-empty shape.
  void require_same_shape(const Mat& pred, const Mat& target) const;
  // Throws unless forward() has run.
  void require_forward_done(const Mat& cache) const;
};

}  // namespace nn
