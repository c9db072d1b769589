// Lab 02's reference answers (solution build): the numbers the handout prints,
// computed independently with a few lines of plain Python (the same formulas in
// double precision) and checked against central differences here.
#include <gtest/gtest.h>

#include <vector>

#include "02-one-neuron/descent.hpp"
#include "02-one-neuron/neuron.hpp"

namespace {
const lab02::Points kData = lab02::two_points();
}

TEST(OneNeuron, LossMatchesHandComputedValues) {
  // sigma(0.25) = 0.562177, sigma(1.25) = 0.777300: 1/2 (0.362177^2 + 0.122700^2)
  EXPECT_NEAR(lab02::loss(0.5, 0, kData), 0.0731135709, 1e-9);
  EXPECT_NEAR(lab02::loss(-2, -2, kData), 0.415819901, 1e-9);
}

TEST(OneNeuron, GradientAtTheStart) {
  const lab02::Gradient g = lab02::gradient(-2, -2, kData);
  EXPECT_NEAR(g.dw, -0.00549231921564, 1e-13);
  EXPECT_NEAR(g.db, -0.00771115921521, 1e-13);
}

TEST(OneNeuron, GradientAgreesWithCentralDifferences) {
  for (auto [w, b] : {std::pair{-2.0, -2.0}, {0.5, 0.0}, {3.1, -4.2}, {-1.7, 2.9}}) {
    const double h = 1e-6;
    const lab02::Gradient g = lab02::gradient(w, b, kData);
    EXPECT_NEAR(g.dw, (lab02::loss(w + h, b, kData) - lab02::loss(w - h, b, kData)) / (2 * h),
                1e-8);
    EXPECT_NEAR(g.db, (lab02::loss(w, b + h, kData) - lab02::loss(w, b - h, kData)) / (2 * h),
                1e-8);
  }
}

TEST(OneNeuron, DescentFromMinusTwo) {
  const std::vector<lab02::State> path = lab02::descend(-2, -2, 1.0, 1000, kData);
  ASSERT_EQ(path.size(), 1001u);
  struct Row {
    int epoch;
    double w, b, loss;
  };
  const Row rows[] = {{0, -2, -2, 0.415819901},
                      {1, -1.9945076808, -1.9922888408, 0.4157298551},
                      {100, 1.0029902114, -1.0507858881, 0.01774100962},
                      {500, 1.7846438173, -2.2721014046, 7.880464386e-07},
                      {1000, 1.7917198301, -2.2821180729, 2.429186571e-11}};
  for (const Row& r : rows) {
    EXPECT_NEAR(path[r.epoch].w, r.w, 1e-9) << "epoch " << r.epoch;
    EXPECT_NEAR(path[r.epoch].b, r.b, 1e-9) << "epoch " << r.epoch;
    EXPECT_NEAR(path[r.epoch].loss, r.loss, 1e-8 * r.loss) << "epoch " << r.epoch;
  }
}
