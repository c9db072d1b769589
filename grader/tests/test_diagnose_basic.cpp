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

TEST(DiagnoseBasic, SampledCheckIsNotDiagnosed) {
  nn::Rng rng(3);
  const Mat C = rng.normal(30, 30, 0.0, 1.0);
  Mat x = rng.normal(30, 30, 0.0, 1.0);
  nn::gradcheck::Options options;
  const nn::gradcheck::TensorResult t = nn::gradcheck::compare(
      "W", x, Mat(C / 2), [&] { return arma::accu(x % C); }, options,
      nn::gradcheck::Method::Sampled);
  EXPECT_EQ(grader::diagnose(t).code, kNotDiagnosed);
}

}  // namespace
