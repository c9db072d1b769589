// Every layer and loss whose backward a lab asks for, with how to build it and
// inputs in its domain that keep away from its kinks: what check_gradients,
// the tests and the grader iterate over.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "nn/core/layer.hpp"
#include "nn/core/loss.hpp"
#include "nn/core/rng.hpp"

namespace nn::gradcheck {

struct LayerCase {
  std::string name;    // e.g. "Linear"
  std::string method;  // the student's method, e.g. "Linear::backward"
  std::string lab;     // the lab that asks for it
  // A layer taking N x features inputs, its parameters drawn from seed.
  std::function<std::unique_ptr<Layer>(Index features, std::uint64_t seed)> make;
  std::vector<Real> kinks;  // inputs where the derivative jumps (ReLU: 0)
};

struct LossCase {
  std::string name, method, lab;
  std::function<std::unique_ptr<Loss>()> make;
  std::function<Mat(Index n, Index k, Rng& rng)> pred;   // in the loss's domain
  std::function<Mat(const Mat& pred, Rng& rng)> target;  // kept away from kinks
};

const std::vector<LayerCase>& layer_cases();
const std::vector<LossCase>& loss_cases();
const LayerCase& layer_case(const std::string& name);  // throws std::out_of_range naming it
const LossCase& loss_case(const std::string& name);

// N(0, 1) inputs, N x D, moved at least 1e-3 away from the case's kinks.
Mat layer_input(const LayerCase& c, Index n, Index d, Rng& rng);

}  // namespace nn::gradcheck
