#include "nn/gradcheck/catalogue.hpp"

#include <stdexcept>

#include "nn/core/sequential.hpp"
#include "nn/gradcheck/gradcheck.hpp"
#include "nn/layers/dropout.hpp"
#include "nn/layers/elu.hpp"
#include "nn/layers/gelu.hpp"
#include "nn/layers/identity.hpp"
#include "nn/layers/leaky_relu.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/prelu.hpp"
#include "nn/layers/relu.hpp"
#include "nn/layers/selu.hpp"
#include "nn/layers/sigmoid.hpp"
#include "nn/layers/silu.hpp"
#include "nn/layers/softmax.hpp"
#include "nn/layers/softplus.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/losses/bce.hpp"
#include "nn/losses/bce_with_logits.hpp"
#include "nn/losses/cross_entropy.hpp"
#include "nn/losses/half_sse.hpp"
#include "nn/losses/hinge.hpp"
#include "nn/losses/huber.hpp"
#include "nn/losses/mae.hpp"
#include "nn/losses/mse.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"

namespace nn::gradcheck {

namespace {

const std::string kActivations = "labs/06-activations";

template <class L, class... Args>
LayerCase elementwise(const std::string& name, std::vector<Real> kinks, Args... args) {
  return {name, name + "::backward", kActivations,
          [=](Index, std::uint64_t) { return std::make_unique<L>(args...); }, std::move(kinks)};
}

std::vector<LayerCase> make_layer_cases() {
  return {
      {"Linear",
       "Linear::backward",
       "labs/05-linear",
       [](Index in, std::uint64_t seed) {
         auto layer = std::make_unique<Linear>(in, in + 2, seed);
         Rng rng(seed + 1);
         layer->b = rng.normal(1, in + 2);  // a non-zero bias, as after some training
         return layer;
       },
       {}},
      elementwise<Identity>("Identity", {}),
      elementwise<Sigmoid>("Sigmoid", {}),
      elementwise<Tanh>("Tanh", {}),
      elementwise<ReLU>("ReLU", {0}),
      elementwise<LeakyReLU>("LeakyReLU", {0}, 0.1),
      {"PReLU",
       "PReLU::backward",
       kActivations,
       [](Index in, std::uint64_t seed) {
         auto layer = std::make_unique<PReLU>(in);
         Rng rng(seed);
         layer->alpha = rng.uniform(1, in, 0.05, 0.5);  // a different slope per feature
         return layer;
       },
       {0}},
      elementwise<ELU>("ELU", {0}, 1.0),
      elementwise<SELU>("SELU", {0}),
      elementwise<Softplus>("Softplus", {}),
      elementwise<GELU>("GELU", {}),
      elementwise<SiLU>("SiLU", {}),
      {"Softmax",
       "Softmax::backward",
       "labs/07-losses",
       [](Index, std::uint64_t) { return std::make_unique<Softmax>(); },
       {}},
      {"Dropout",
       "Dropout::backward",
       "labs/10-regularisation",
       [](Index, std::uint64_t seed) { return std::make_unique<Dropout>(0.3, seed); },
       {}},
      // The chaining of a whole model: its gradients are those of the full network.
      {"Sequential",
       "Sequential::backward",
       "labs/08-training",
       [](Index in, std::uint64_t seed) {
         auto model = std::make_unique<Sequential>();
         Rng rng(seed + 2);
         model->add<Linear>(in, in + 2, seed).b = rng.normal(1, in + 2);
         model->add<Tanh>();
         model->add<Linear>(in + 2, 3, seed + 1).b = rng.normal(1, 3);
         return model;
       },
       {}},
  };
}

Mat one_hot_rows(Index n, Index k, Rng& rng) {
  Mat Y(n, k, arma::fill::zeros);
  for (Index i = 0; i < n; ++i) Y(i, rng.index(k)) = 1;
  return Y;
}

Mat plus_minus_one(Index n, Index k, Rng& rng) {
  Mat Y = rng.uniform(n, k, 0, 1);
  Y.transform([](Real u) { return u < 0.5 ? -1.0 : 1.0; });
  return Y;
}

template <class L, class... Args>
std::function<std::unique_ptr<Loss>()> maker(Args... args) {
  return [=] { return std::make_unique<L>(args...); };
}

Mat normal_pred(Index n, Index k, Rng& rng) { return rng.normal(n, k); }
Mat normal_target(const Mat& p, Rng& rng) { return rng.normal(p.n_rows, p.n_cols); }

std::vector<LossCase> make_loss_cases() {
  const std::string lab = "labs/07-losses";
  auto probabilities = [](Index n, Index k, Rng& rng) { return rng.uniform(n, k, 0.05, 0.95); };
  auto binary = [](const Mat& p, Rng& rng) {
    Mat Y = rng.uniform(p.n_rows, p.n_cols, 0, 1);
    return Mat(arma::round(Y));
  };
  // target = pred - d with d kept away from the kinks of |d| (0) or of Huber (+-delta = +-1).
  auto offset_target = [](std::vector<Real> kinks) {
    return [=](const Mat& p, Rng& rng) {
      return Mat(p - away_from_kinks(rng.uniform(p.n_rows, p.n_cols, -2.5, 2.5), kinks, 0.05));
    };
  };
  return {
      {"MSELoss(mean)", "MSELoss::backward", lab, maker<MSELoss>(MSELoss::Reduction::Mean),
       normal_pred, normal_target},
      {"MSELoss(sum)", "MSELoss::backward", lab, maker<MSELoss>(MSELoss::Reduction::Sum),
       normal_pred, normal_target},
      {"HalfSSELoss", "HalfSSELoss::backward", lab, maker<HalfSSELoss>(), normal_pred,
       normal_target},
      {"MAELoss", "MAELoss::backward", lab, maker<MAELoss>(), normal_pred, offset_target({0})},
      {"HuberLoss", "HuberLoss::backward", lab, maker<HuberLoss>(1.0), normal_pred,
       offset_target({-1, 0, 1})},
      {"BCELoss", "BCELoss::backward", lab, maker<BCELoss>(), probabilities, binary},
      {"BCEWithLogitsLoss", "BCEWithLogitsLoss::backward", lab, maker<BCEWithLogitsLoss>(),
       [](Index n, Index k, Rng& rng) { return rng.normal(n, k, 0, 3); }, binary},
      {"CrossEntropyLoss", "CrossEntropyLoss::backward", lab, maker<CrossEntropyLoss>(),
       probabilities, [](const Mat& p, Rng& rng) { return one_hot_rows(p.n_rows, p.n_cols, rng); }},
      {"SoftmaxCrossEntropyLoss", "SoftmaxCrossEntropyLoss::backward", lab,
       maker<SoftmaxCrossEntropyLoss>(),
       [](Index n, Index k, Rng& rng) { return rng.normal(n, k, 0, 2); },
       [](const Mat& p, Rng& rng) { return one_hot_rows(p.n_rows, p.n_cols, rng); }},
      // Hinge: targets +-1, so the kinks (margin y pred = 1) are at pred = +-1.
      {"HingeLoss", "HingeLoss::backward", lab, maker<HingeLoss>(),
       [](Index n, Index k, Rng& rng) {
         return away_from_kinks(rng.uniform(n, k, -2.5, 2.5), {-1, 1}, 0.05);
       },
       [](const Mat& p, Rng& rng) { return plus_minus_one(p.n_rows, p.n_cols, rng); }},
  };
}

}  // namespace

const std::vector<LayerCase>& layer_cases() {
  static const std::vector<LayerCase> cases = make_layer_cases();
  return cases;
}

const std::vector<LossCase>& loss_cases() {
  static const std::vector<LossCase> cases = make_loss_cases();
  return cases;
}

const LayerCase& layer_case(const std::string& name) {
  for (const LayerCase& c : layer_cases())
    if (c.name == name) return c;
  throw std::out_of_range("no layer case named '" + name + "'");
}

const LossCase& loss_case(const std::string& name) {
  for (const LossCase& c : loss_cases())
    if (c.name == name) return c;
  throw std::out_of_range("no loss case named '" + name + "'");
}

Mat layer_input(const LayerCase& c, Index n, Index d, Rng& rng) {
  return away_from_kinks(rng.normal(n, d), c.kinks, 1e-3);
}

}  // namespace nn::gradcheck
