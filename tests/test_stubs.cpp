// Student build: every backward a lab asks for throws nn::NotImplemented naming
// the method and the lab, the gradient checker reports it cleanly, and every
// forward pass still works.
#include <gtest/gtest.h>

#include "11-classifier/classifier.hpp"
#include "11-classifier/ensemble.hpp"
#include "nn/gradcheck/catalogue.hpp"
#include "nn/gradcheck/gradcheck.hpp"
#include "nn/core/sequential.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/step.hpp"
#include "nn/losses/mse.hpp"
#include "nn/losses/penalties.hpp"
#include "nn/optim/sgd.hpp"
#include "nn/train/fit.hpp"
#include "nn/train/train_step.hpp"

using nn::Mat;
namespace gc = nn::gradcheck;

namespace {

void expect_not_implemented(const std::function<void()>& f, const std::string& method,
                            const std::string& lab) {
  try {
    f();
    ADD_FAILURE() << method << " did not throw";
  } catch (const nn::NotImplemented& e) {
    EXPECT_EQ(e.method, method);
    EXPECT_EQ(e.lab, lab);
    EXPECT_EQ(std::string(e.what()),
              method + " is not implemented yet: writing it is your exercise in " + lab +
                  " (see its README).");
  }
}

}  // namespace

TEST(Stubs, EveryLayerBackwardThrowsAndForwardWorks) {
  for (const gc::LayerCase& c : gc::layer_cases()) {
    if (c.name == "Sequential") continue;  // its forward is an exercise too: see below
    SCOPED_TRACE(c.name);
    nn::Rng rng(1);
    auto layer = c.make(3, 1);
    const Mat Y = layer->forward(gc::layer_input(c, 4, 3, rng));
    EXPECT_EQ(Y.n_rows, 4u);
    EXPECT_TRUE(Y.is_finite());
    expect_not_implemented([&] { layer->backward(Mat(Y.n_rows, Y.n_cols, arma::fill::ones)); },
                           c.method, c.lab);
  }
}

TEST(Stubs, EveryLossBackwardThrowsAndForwardWorks) {
  for (const gc::LossCase& c : gc::loss_cases()) {
    SCOPED_TRACE(c.name);
    nn::Rng rng(1);
    auto loss = c.make();
    const Mat pred = c.pred(4, 3, rng);
    EXPECT_TRUE(std::isfinite(loss->forward(pred, c.target(pred, rng))));
    expect_not_implemented([&] { loss->backward(); }, c.method, c.lab);
  }
}

TEST(Stubs, PenaltiesThrow) {
  Mat W(2, 2, arma::fill::ones), dW(2, 2, arma::fill::zeros);
  nn::Params params{{"W", W, dW}};
  expect_not_implemented([&] { nn::L2Penalty(0.1).backward(params); }, "L2Penalty::backward",
                         "labs/10-regularisation");
  expect_not_implemented([&] { nn::L1Penalty(0.1).backward(params); }, "L1Penalty::backward",
                         "labs/10-regularisation");
}

TEST(Stubs, PenaltyCheckReportsNotImplemented) {
  const gc::Report r = gc::check_penalty(nn::L2Penalty(0.1), Mat(2, 2, arma::fill::ones),
                                         Mat(1, 2, arma::fill::ones));
  EXPECT_TRUE(r.not_implemented);
  EXPECT_FALSE(r.passed());
}

TEST(Stubs, GradientCheckReportsNotImplemented) {
  const gc::LayerCase& c = gc::layer_case("Sigmoid");
  nn::Rng rng(1);
  auto layer = c.make(3, 1);
  const gc::Report r = gc::check_layer(*layer, gc::layer_input(c, 2, 3, rng));
  EXPECT_TRUE(r.not_implemented);
  EXPECT_NE(gc::to_text(r).find("NOT IMPLEMENTED: Sigmoid::backward is not implemented yet"),
            std::string::npos);
}

TEST(Stubs, StepHasNoGradientByDesign) {
  nn::Step step;
  step.forward(Mat{{1, -1}});
  try {
    step.backward(Mat{{1, 1}});
    ADD_FAILURE() << "Step::backward did not throw";
  } catch (const nn::NotImplemented&) {
    ADD_FAILURE() << "Step::backward is not a student exercise";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("no useful gradient"), std::string::npos);
  }
}

TEST(Stubs, SequentialAndTheTrainingStepAreToWrite) {
  nn::Sequential model;
  model.add<nn::Linear>(2, 2);
  const Mat X(3, 2, arma::fill::ones), Y = X;
  expect_not_implemented([&] { model.forward(X); }, "Sequential::forward", "labs/08-training");
  expect_not_implemented([&] { model.backward(Y); }, "Sequential::backward", "labs/08-training");
  nn::MSELoss loss;
  nn::SGD sgd(0.1);
  expect_not_implemented([&] { nn::train_step(model, loss, sgd, X, Y); }, "train_step",
                         "labs/08-training");
  // fit() trains with train_step: it stops there, naming the lab.
  expect_not_implemented([&] { nn::fit(model, loss, sgd, X, Y); }, "train_step",
                         "labs/08-training");
  // The gradient check of a whole model reports it without crashing.
  nn::Rng rng(1);
  const gc::LayerCase& c = gc::layer_case("Sequential");
  auto layer = c.make(3, 1);
  const gc::Report r = gc::check_layer(*layer, gc::layer_input(c, 2, 3, rng));
  EXPECT_TRUE(r.not_implemented);
  EXPECT_NE(gc::to_text(r).find("NOT IMPLEMENTED: Sequential::forward"), std::string::npos)
      << gc::to_text(r);
}

TEST(Stubs, Lab11ClassifierIsToWrite) {
  expect_not_implemented([] { lab11::make_model(1); }, "lab11::make_model", "labs/11-classifier");
  expect_not_implemented([] { lab11::make_plan(); }, "lab11::make_plan", "labs/11-classifier");
  expect_not_implemented([] { lab11::make_fashion_model(1); }, "lab11::make_fashion_model",
                         "labs/11-classifier");
  expect_not_implemented([] { lab11::make_fashion_plan(); }, "lab11::make_fashion_plan",
                         "labs/11-classifier");
  expect_not_implemented([] { lab11::average_probabilities({nn::Mat(2, 3, arma::fill::zeros)}); },
                         "lab11::average_probabilities", "labs/11-classifier");
}
