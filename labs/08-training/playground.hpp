// Provided helpers for this lab's programs (read them, no need to change them):
// the Playground's data sets by name, the inputs a model is given (feature
// crosses or not, then z-scores fitted on the training part only), and a view
// of a trained model from the raw 2-D points, for decision-boundary pictures.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "nn/core/layer.hpp"
#include "nn/data/dataset.hpp"
#include "nn/data/standard_scaler.hpp"

namespace lab08 {

// "circle", "xor", "gaussian" or "spiral" (nn/data/synthetic.hpp): n points in
// about [-5, 5]^2 with Gaussian noise of standard deviation `noise`.
nn::data::Dataset playground_set(const std::string& name, nn::Index n, nn::Real noise,
                                 std::uint64_t seed);
const std::vector<std::string>& playground_names();  // the four names above

// What a model takes: the raw (x1, x2) or cross_features of them, then each
// column standardised with the mean and standard deviation of the training part.
class Inputs {
 public:
  explicit Inputs(bool crosses) : crosses_(crosses) {}
  nn::Mat fit_transform(const nn::Mat& X_train);  // N x 2 -> N x columns(); learns the scaler
  nn::Mat transform(const nn::Mat& X) const;      // M x 2 -> M x columns(), the same scaling
  nn::Index columns() const { return crosses_ ? 7 : 2; }

 private:
  nn::Mat features(const nn::Mat& X) const;
  bool crosses_;
  nn::data::StandardScaler scaler_;
};

// A trained model seen from raw 2-D points: forward(X) = model.forward(inputs.transform(X)),
// so that nn::plot::decision_boundary can draw it in the data's own coordinates.
// For pictures only: backward throws.
class OnRawPoints : public nn::Layer {
 public:
  OnRawPoints(const Inputs& inputs, nn::Layer& model) : inputs_(inputs), model_(model) {}
  nn::Mat forward(const nn::Mat& X) override;
  nn::Mat backward(const nn::Mat& dY) override;
  std::string name() const override { return "OnRawPoints(" + model_.name() + ")"; }
  void train(bool on = true) override;

 private:
  const Inputs& inputs_;
  nn::Layer& model_;
};

}  // namespace lab08
