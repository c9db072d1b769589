// Diagnoses on hand-made matrices: the parts of diagnose() that need no
// reference layer, so these build in the student build too.
#include <gtest/gtest.h>

#include "diagnose.hpp"
#include "nn/core/rng.hpp"

namespace {

using grader::code::kCorrect;
using grader::code::kDiffers;
using grader::code::kNotDiagnosed;
using nn::Mat;

TEST(DiagnoseBasic, ScaleDoesNotMatter) {
  nn::Rng rng(1);
  const Mat Nm = rng.normal(3, 4, 0.0, 1.0);
  for (double scale : {1e-8, 1.0, 1e8}) {
    EXPECT_EQ(grader::diagnose(Mat(scale * Nm), Mat(scale * Nm)).code, kCorrect);
    EXPECT_EQ(grader::diagnose(Mat(-scale * Nm), Mat(scale * Nm)).code, grader::code::kWrongSign);
  }
}

TEST(DiagnoseBasic, FactorsAreNamed) {
  nn::Rng rng(5);
  const Mat Nm = rng.normal(8, 3, 0.0, 1.0);
  grader::Context context;
  context.batch_size = 8;
  context.outputs = 3;
  const std::string all = grader::diagnose(Mat(24 * Nm), Nm, context).explanation;
  EXPECT_NE(all.find("24 = N x K"), std::string::npos) << all;
  const std::string third = grader::diagnose(Mat(Nm / 3), Nm, context).explanation;
  EXPECT_NE(third.find("1/3 of"), std::string::npos) << third;
  EXPECT_NE(third.find("number of outputs K"), std::string::npos) << third;
  const std::string odd = grader::diagnose(Mat(0.3 * Nm), Nm, context).explanation;
  EXPECT_NE(odd.find("0.3 times"), std::string::npos) << odd;
}

TEST(DiagnoseBasic, NearlyOneIsNotCalledAFactor) {
  nn::Rng rng(2);
  const Mat Nm = rng.normal(3, 4, 0.0, 1.0);
  EXPECT_EQ(grader::diagnose(Mat(1.000003 * Nm), Nm).code, kDiffers);
}

TEST(DiagnoseBasic, WrongShapesAreTransposedOnlyWhenTheValuesSaySo) {
  nn::Rng rng(4);
  const Mat Nm = rng.normal(6, 2, 0.0, 1.0);
  EXPECT_EQ(grader::diagnose(Mat(Nm.t()), Nm).code, grader::code::kTransposed);
  const grader::Diagnosis reshaped = grader::diagnose(Mat(arma::reshape(Nm, 2, 6)), Nm);
  EXPECT_EQ(reshaped.code, grader::code::kShapeMismatch);
  EXPECT_NE(reshaped.explanation.find("reshaped"), std::string::npos) << reshaped.explanation;
}

// A large tensor is checked on sampled elements and random directions: a factor
// is named only when every pair compared agrees on it.
TEST(DiagnoseBasic, SampledAndDirectionalChecksNameAFactorOnlyWhenEveryPairAgrees) {
  nn::Rng rng(3);
  const Mat C = rng.normal(30, 30, 0.0, 1.0);
  Mat x = rng.normal(30, 30, 0.0, 1.0);
  nn::gradcheck::Options options;
  auto check = [&](const Mat& claimed, nn::gradcheck::Method method) {
    return grader::diagnose(nn::gradcheck::compare(
        "W", x, claimed, [&] { return arma::accu(x % C); }, options, method));
  };
  const grader::Diagnosis half = check(Mat(C / 2), nn::gradcheck::Method::Sampled);
  EXPECT_EQ(half.code, grader::code::kConstantFactor);
  EXPECT_NE(half.explanation.find("Every one of the 64 sampled elements of your gradient is 1/2"),
            std::string::npos)
      << half.explanation;
  const grader::Diagnosis negated = check(Mat(-C), nn::gradcheck::Method::Directional);
  EXPECT_EQ(negated.code, grader::code::kWrongSign);
  EXPECT_NE(negated.explanation.find("Every one of the 4 directional derivatives"),
            std::string::npos)
      << negated.explanation;
  EXPECT_EQ(check(Mat(C.n_rows, C.n_cols, arma::fill::zeros), nn::gradcheck::Method::Sampled).code,
            grader::code::kZero);
  // half the rows halved: no one factor fits the sampled pairs
  Mat partly = C;
  partly.rows(0, 14) /= 2;
  EXPECT_EQ(check(partly, nn::gradcheck::Method::Sampled).code, kNotDiagnosed);
  EXPECT_EQ(check(partly, nn::gradcheck::Method::Directional).code, kNotDiagnosed);
}

}  // namespace
