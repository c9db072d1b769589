#include "08-training/playground.hpp"

#include <stdexcept>

#include "08-training/features.hpp"
#include "nn/data/synthetic.hpp"

namespace lab08 {

nn::data::Dataset playground_set(const std::string& name, nn::Index n, nn::Real noise,
                                 std::uint64_t seed) {
  if (name == "circle") return nn::data::make_circle(n, noise, seed);
  if (name == "xor") return nn::data::make_xor(n, noise, seed);
  if (name == "gaussian") return nn::data::make_gaussian(n, noise, seed);
  if (name == "spiral") return nn::data::make_spiral(n, noise, seed);
  throw std::invalid_argument("playground_set: no data set named \"" + name +
                              "\" (circle, xor, gaussian, spiral)");
}

const std::vector<std::string>& playground_names() {
  static const std::vector<std::string> names = {"circle", "xor", "gaussian", "spiral"};
  return names;
}

nn::Mat Inputs::features(const nn::Mat& X) const { return crosses_ ? cross_features(X) : X; }

nn::Mat Inputs::fit_transform(const nn::Mat& X_train) {
  return scaler_.fit_transform(features(X_train));
}

nn::Mat Inputs::transform(const nn::Mat& X) const { return scaler_.transform(features(X)); }

nn::Mat OnRawPoints::forward(const nn::Mat& X) { return model_.forward(inputs_.transform(X)); }

nn::Mat OnRawPoints::backward(const nn::Mat&) {
  throw std::logic_error("OnRawPoints is for pictures only: it has no backward");
}

void OnRawPoints::train(bool on) {
  Layer::train(on);
  model_.train(on);
}

}  // namespace lab08
