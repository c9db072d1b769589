// apps/check_gradients, the student's first check: unknown names are errors that
// list the known ones, --help prints usage, and it judges with the grader's
// tolerance and diagnoses (gradient_context.hpp). Builds in both builds.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "builder.hpp"
#include "gradient_context.hpp"
#include "nn/gradcheck/catalogue.hpp"
#include "rubric.hpp"

namespace fs = std::filesystem;

namespace {

// Runs check_gradients with `args`; returns its exit status and puts its output in `out`.
int check_gradients(const std::string& args, std::string& out) {
  const fs::path log =
      fs::temp_directory_path() / ("check-gradients-" + std::to_string(getpid()) + ".log");
  const std::string cmd =
      std::string(NN_CHECK_GRADIENTS_EXE) + " " + args + " > " + log.string() + " 2>&1";
  const int status = std::system(cmd.c_str());
  out = grader::read_file(log.string());
  fs::remove(log);
  return WEXITSTATUS(status);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(CheckGradients, AnUnknownNameIsAnErrorThatListsTheKnownNames) {
  std::string out;
  EXPECT_EQ(check_gradients("Sigmoidd", out), 2) << out;
  EXPECT_TRUE(contains(out, "no layer, loss or penalty is named 'Sigmoidd'")) << out;
  EXPECT_TRUE(contains(out, "Known names: Linear")) << out;
  EXPECT_TRUE(contains(out, "SoftmaxCrossEntropyLoss")) << out;
  EXPECT_TRUE(contains(out, "L2Penalty")) << out;
  EXPECT_FALSE(contains(out, "passed")) << out;

  EXPECT_EQ(check_gradients("Sigmoid linear", out), 2) << out;
  EXPECT_TRUE(contains(out, "'linear' (did you mean Linear?)")) << out;
}

TEST(CheckGradients, HelpPrintsUsage) {
  std::string out;
  EXPECT_EQ(check_gradients("--help", out), 0) << out;
  EXPECT_TRUE(contains(out, "usage: check_gradients [NAME ...]")) << out;
  EXPECT_TRUE(contains(out, "Names: Linear")) << out;
  EXPECT_FALSE(contains(out, "passed,")) << "no check ran";
}

TEST(CheckGradients, ANamePrefixSelectsEveryMatch) {
  std::string out;
  check_gradients("MSE", out);
  EXPECT_TRUE(contains(out, "0 failed")) << out;
  EXPECT_TRUE(contains(out, "MSELoss(mean)")) << out;
  EXPECT_TRUE(contains(out, "MSELoss(sum)")) << out;
  EXPECT_FALSE(contains(out, "Sigmoid")) << out;
}

TEST(CheckGradients, UsesTheGradersTolerance) {
  const grader::Rubric rubric =
      grader::load_rubric(std::string(NN_SOURCE_DIR) + "/grader/rubric.toml");
  EXPECT_EQ(rubric.tolerance, nn::gradcheck::kTolerance);
  EXPECT_EQ(nn::gradcheck::Options().tolerance, nn::gradcheck::kTolerance);
  std::string out;
  EXPECT_EQ(check_gradients("Sigmoid", out), 0) << out;
  EXPECT_TRUE(contains(out, "tolerance 1e-06")) << out;
}

// The diagnosis check_gradients prints is the grader's: the candidate mistakes
// of the layer (here a sigmoid derivative taken at the output) come from the
// same layer_context().
TEST(CheckGradients, PrintsTheGradersDiagnosis) {
  const nn::gradcheck::LayerCase& c = nn::gradcheck::layer_case("Sigmoid");
  nn::Rng rng(5);
  nn::Mat X = nn::gradcheck::layer_input(c, 4, 3, rng);
  const nn::Mat G = rng.normal(4, 3);
  auto s = [](const nn::Mat& Z) { return nn::Mat(1 / (1 + arma::exp(-Z))); };
  const nn::Mat S = s(s(X));  // the derivative evaluated at the output s(X)
  const nn::Mat wrong = G % S % (1 - S);
  nn::gradcheck::Report report;
  report.subject = "Sigmoid on 4x3";
  report.tolerance = nn::gradcheck::kTolerance;
  report.tensors.push_back(nn::gradcheck::compare(
      "dX", X, wrong, [&] { return arma::accu(s(X) % G); }, nn::gradcheck::Options(),
      nn::gradcheck::Method::Full));
  const std::string text = grader::text_with_diagnoses(report, [&](const auto& t) {
    return grader::layer_context("Sigmoid", t.tensor, X, {}, G, {}, c.kinks);
  });
  EXPECT_TRUE(contains(text, "FAIL")) << text;
  EXPECT_TRUE(contains(text, "Diagnosis of dX: Sigmoid derivative taken at the output "
                             "[sigmoid_derivative_at_output]"))
      << text;
  EXPECT_TRUE(contains(text, "Hint: ")) << text;
}

}  // namespace
