#include "01-neurons/threshold_network.hpp"

#include "nn/core/errors.hpp"

namespace lab01 {

std::vector<nn::Mat> forward(const std::vector<ThresholdLayer>& layers, const nn::Mat& X,
                             [[maybe_unused]] Threshold h) {
  std::vector<nn::Mat> outputs;
  nn::Mat H = X;  // the current layer's input
  for (const ThresholdLayer& layer : layers) {
    if (layer.W.n_rows != H.n_cols || layer.b.n_rows != 1 || layer.b.n_cols != layer.W.n_cols)
      throw nn::ShapeError("forward: a layer with W " + nn::shape_of(layer.W) + " and b " +
                           nn::shape_of(layer.b) + " gets an input of " + nn::shape_of(H));
    // ---- YOUR CODE (labs/01-neurons): Z = H W + B, H = h(Z), outputs.push_back(H) ----
    nn::Mat Z = H * layer.W;
    Z.each_row() += layer.b;
    const nn::Real low = h == Threshold::Step ? 0 : -1;
    H = Z;
    H.transform([low](nn::Real z) { return z >= 0 ? 1 : low; });
    outputs.push_back(H);
    // ---- END YOUR CODE ----
  }
  return outputs;
}

std::vector<ThresholdLayer> xor_network() {
  // ---- YOUR CODE (labs/01-neurons): {{W1 (2 x k), b1 (1 x k)}, {W2 (k x 1), b2 (1 x 1)}} ----
  // hidden unit 1: x1 AND NOT x2; hidden unit 2: x2 AND NOT x1; output: their OR
  const nn::Mat W1{{1, -1}, {-1, 1}}, b1{-1.0, -1.0};
  const nn::Mat W2 = arma::vec{1.0, 1.0}, b2{-1.0};
  return {{W1, b1}, {W2, b2}};
  // ---- END YOUR CODE ----
}

std::vector<ThresholdLayer> sign_network() {
  const nn::Mat M1{{3, 4}, {1, 2}, {9, 7}}, M2{{3, 4, 1}, {5, 2, 7}}, M3{{5, 3}};
  const arma::vec c1{5.0, 8.0, 6.0}, c2{9.0, 1.0}, c3{6.0};
  return {{M1.t(), c1.t()}, {M2.t(), c2.t()}, {M3.t(), c3.t()}};
}

}  // namespace lab01
