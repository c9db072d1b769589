// Solution build: every layer and loss passes a full element-wise gradient check
// in double, on several shapes (batch size 1 included) and seeds.
#include <gtest/gtest.h>

#include <tuple>

#include "nn/core/sequential.hpp"
#include "nn/gradcheck/catalogue.hpp"
#include "nn/gradcheck/gradcheck.hpp"
#include "nn/layers/dropout.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/relu.hpp"
#include "nn/layers/sigmoid.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/losses/bce_with_logits.hpp"
#include "nn/losses/penalties.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"

using nn::Index;
using nn::Mat;
namespace gc = nn::gradcheck;

namespace {

const std::vector<std::pair<Index, Index>> kShapes = {{1, 1}, {1, 4}, {3, 2}, {6, 5}};
const std::vector<std::uint64_t> kSeeds = {1, 2, 3};

gc::Options full(std::uint64_t seed) {
  gc::Options o;
  o.seed = seed;
  o.method = gc::Method::Full;
  return o;
}

std::vector<std::string> layer_names() {
  std::vector<std::string> names;
  for (const gc::LayerCase& c : gc::layer_cases()) names.push_back(c.name);
  return names;
}

std::vector<std::string> loss_names() {
  std::vector<std::string> names;
  for (const gc::LossCase& c : gc::loss_cases()) names.push_back(c.name);
  return names;
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string s;
  for (char ch : info.param) s += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return s;
}

}  // namespace

class LayerGradient : public testing::TestWithParam<std::string> {};

TEST_P(LayerGradient, FullCheckOnEveryShapeAndSeed) {
  const gc::LayerCase& c = gc::layer_case(GetParam());
  for (auto [n, d] : kShapes)
    for (std::uint64_t seed : kSeeds) {
      nn::Rng rng(seed);
      auto layer = c.make(d, seed);
      const gc::Report r = gc::check_layer(*layer, gc::layer_input(c, n, d, rng), full(seed));
      EXPECT_TRUE(r.passed()) << gc::to_text(r);
      EXPECT_EQ(r.tensors.size(), 1 + layer->params().size());
      for (const gc::TensorResult& t : r.tensors) EXPECT_LT(t.rel_error, 1e-7) << t.tensor;
    }
}

INSTANTIATE_TEST_SUITE_P(AllLayers, LayerGradient, testing::ValuesIn(layer_names()), test_name);

class LossGradient : public testing::TestWithParam<std::string> {};

TEST_P(LossGradient, FullCheckOnEveryShapeAndSeed) {
  const gc::LossCase& c = gc::loss_case(GetParam());
  for (auto [n, k] : kShapes)
    for (std::uint64_t seed : kSeeds) {
      if (c.name == "SoftmaxCrossEntropyLoss" && k == 1) continue;  // one class: nothing to learn
      nn::Rng rng(seed);
      auto loss = c.make();
      const Mat pred = c.pred(n, k, rng);
      const gc::Report r = gc::check_loss(*loss, pred, c.target(pred, rng), full(seed));
      EXPECT_TRUE(r.passed()) << gc::to_text(r);
      EXPECT_LT(r.tensors.at(0).rel_error, 1e-7);
    }
}

INSTANTIATE_TEST_SUITE_P(AllLosses, LossGradient, testing::ValuesIn(loss_names()), test_name);

TEST(Gradients, DropoutInTrainingWithItsMaskFixed) {
  nn::Dropout layer(0.5, 9);
  nn::Rng rng(5);
  const gc::Report r = gc::check_layer(layer, rng.normal(8, 6), full(5));
  EXPECT_TRUE(r.passed()) << gc::to_text(r);
}

TEST(Gradients, WholeMultiLayerPerceptron) {
  nn::Sequential model;
  model.add<nn::Linear>(4, 6, 11);
  model.add<nn::Tanh>();
  model.add<nn::Linear>(6, 5, 12);
  model.add<nn::Sigmoid>();
  model.add<nn::Linear>(5, 2, 13);
  nn::Rng rng(2);
  const gc::Report r = gc::check_layer(model, rng.normal(3, 4), full(2));
  EXPECT_TRUE(r.passed()) << gc::to_text(r);
  EXPECT_EQ(r.tensors.size(), 7u);  // dX and W, b of three Linear layers
}

TEST(Gradients, LargeShapesSampledAndDirectional) {
  nn::Linear layer(64, 32, 4);
  nn::Rng rng(4);
  const gc::Report r = gc::check_layer(layer, rng.normal(50, 64));
  EXPECT_TRUE(r.passed()) << gc::to_text(r);
  // dX (3200) and W (2048) are large: sampled + directional; b (32) is checked in full
  EXPECT_EQ(r.tensors.size(), 5u);
}

TEST(Gradients, Penalties) {
  nn::Rng rng(8);
  const Mat W = gc::away_from_kinks(rng.normal(3, 4), {0}), b = rng.normal(1, 4);
  for (const gc::Report& r : {gc::check_penalty(nn::L2Penalty(0.3), W, b, full(8)),
                              gc::check_penalty(nn::L1Penalty(0.3), W, b, full(8))}) {
    EXPECT_TRUE(r.passed()) << gc::to_text(r);
    ASSERT_EQ(r.tensors.size(), 2u);
    EXPECT_EQ(r.tensors[1].tensor, "b");
    EXPECT_EQ(arma::abs(r.tensors[1].analytic).max(), 0.0) << "biases are not penalised";
  }
}

TEST(Gradients, StableLossGradientsAtLogitsOf1000) {
  // BCE with logits: (sigmoid(z) - y) / N with N = 1: z = 1000, y = 0 -> 1; z = -1000, y = 1 -> -1
  nn::BCEWithLogitsLoss bce;
  bce.forward(Mat{{1000, -1000, 1000, -1000}}, Mat{{0, 1, 1, 0}});
  const Mat dz = bce.backward();
  EXPECT_TRUE(dz.is_finite());
  EXPECT_TRUE(arma::approx_equal(dz, Mat{{1, -1, 0, 0}}, "absdiff", 1e-12));
  // softmax CE: softmax([1000, -1000]) = [1, 0] to double precision; (Y_hat - Y) / N with N = 2
  nn::SoftmaxCrossEntropyLoss ce;
  ce.forward(Mat{{1000, -1000}, {-1000, 1000}}, Mat{{0, 1}, {0, 1}});
  EXPECT_TRUE(arma::approx_equal(ce.backward(), Mat{{0.5, -0.5}, {0, 0}}, "absdiff", 1e-12));
}
