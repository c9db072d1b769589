// Wrong shapes and wrong inputs give errors that name the layer or loss and the
// shapes involved. Runs in both builds: the checks come before any student code.
#include <gtest/gtest.h>

#include "nn/layers/dropout.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/prelu.hpp"
#include "nn/layers/sigmoid.hpp"
#include "nn/losses/hinge.hpp"
#include "nn/losses/mse.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"

using nn::Mat;

namespace {

// The message of the exception f throws, which must be of type E.
template <class E, class F>
std::string message_of(F f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "no exception of the expected type";
  return "";
}

}  // namespace

TEST(Shapes, LinearForwardNamesLayerAndShapes) {
  nn::Linear layer(784, 128);
  EXPECT_EQ(message_of<nn::ShapeError>([&] { layer.forward(Mat(32, 100)); }),
            "Linear(784->128).forward: input is 32x100, expected N x 784 (N >= 1)");
}

TEST(Shapes, BackwardChecksTheUpstreamGradient) {
  nn::Linear layer(3, 2);
  layer.forward(Mat(4, 3, arma::fill::ones));
  EXPECT_EQ(message_of<nn::ShapeError>([&] { layer.backward(Mat(4, 3)); }),
            "Linear(3->2).backward: dY is 4x3, expected 4x2 (the shape of forward's output)");
  nn::Sigmoid s;
  s.forward(Mat(2, 5, arma::fill::zeros));
  EXPECT_NE(message_of<nn::ShapeError>([&] {
              s.backward(Mat(5, 2));
            }).find("Sigmoid.backward: dY is 5x2"),
            std::string::npos);
}

TEST(Shapes, BackwardBeforeForward) {
  nn::Linear layer(3, 2);
  EXPECT_NE(message_of<std::logic_error>([&] {
              layer.backward(Mat(4, 2));
            }).find("Linear(3->2).backward: called before forward"),
            std::string::npos);
  nn::MSELoss loss;
  EXPECT_NE(message_of<std::logic_error>([&] { loss.backward(); }).find("called before forward"),
            std::string::npos);
}

TEST(Shapes, LossNamesPredAndTarget) {
  nn::MSELoss loss;
  EXPECT_EQ(message_of<nn::ShapeError>([&] { loss.forward(Mat(4, 3), Mat(3, 4)); }),
            "MSELoss(mean).forward: target is 3x4, expected 4x3 (the shape of pred)");
}

TEST(Shapes, BadInputsToLossesAndLayers) {
  EXPECT_NE(message_of<std::invalid_argument>([] {
              nn::SoftmaxCrossEntropyLoss().forward(Mat{{1, 2}}, Mat{{1, 1}});
            }).find("each target row must sum to 1"),
            std::string::npos);
  EXPECT_NE(message_of<std::invalid_argument>([] {
              nn::HingeLoss().forward(Mat{{1, 2}}, Mat{{0, 1}});
            }).find("targets must be -1 or +1"),
            std::string::npos);
  EXPECT_NE(
      message_of<std::invalid_argument>([] { nn::Dropout(1.0); }).find("p = 1 must be in [0, 1)"),
      std::string::npos);
  EXPECT_EQ(message_of<nn::ShapeError>([] { nn::PReLU(3).forward(Mat(2, 4)); }),
            "PReLU(3).forward: input is 2x4, expected N x 3 (N >= 1)");
  EXPECT_EQ(message_of<nn::ShapeError>([] { nn::Linear(Mat(3, 2), Mat(1, 3)); }),
            "Linear: b is 1x3, expected 1x2 (one bias per column of W)");
}
