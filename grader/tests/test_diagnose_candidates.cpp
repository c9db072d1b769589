// The candidate mistakes the gradient checks offer diagnose() (gradient_context.cpp),
// on the catalogue's own layers and losses (the same parameters, inputs and
// seeds a check uses): each names its mistake, and stays silent for the right
// gradient and for another mistake on the same item. The right gradients come
// from the reference code (solution build only); the mistaken ones are computed
// here as the mistaken code would.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "diagnose.hpp"
#include "gradient_context.hpp"
#include "nn/core/rng.hpp"
#include "nn/gradcheck/catalogue.hpp"
#include "nn/gradcheck/gradcheck.hpp"
#include "nn/losses/huber.hpp"

namespace {

using grader::Diagnosis;
using nn::Index;
using nn::Mat;
using nn::Real;
namespace code = grader::code;
namespace gc = nn::gradcheck;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

Mat numeric(Mat& x, const Mat& analytic, const std::function<Real()>& f) {
  gc::Options options;
  options.seed = 11;
  return gc::compare("x", x, analytic, f, options, gc::Method::Full).numeric;
}

// A layer check as check_layer.cpp sets it up: the catalogue's layer, its input X,
// forward's output Y (the random state then frozen), an upstream gradient G, the
// reference dX and its numerical twin.
struct LayerCheck {
  std::string target;
  Mat X, Y, G, dX, nX;

  LayerCheck(const std::string& name, Index n, Index d, std::uint64_t seed) : target(name) {
    const gc::LayerCase& c = gc::layer_case(name);
    nn::Rng rng(seed);
    std::unique_ptr<nn::Layer> layer = c.make(d, seed);
    X = gc::layer_input(c, n, d, rng);
    layer->freeze_random_state(false);
    Y = layer->forward(X);
    layer->freeze_random_state(true);
    G = rng.normal(Y.n_rows, Y.n_cols);
    dX = layer->backward(G);
    nX = numeric(X, dX, [&] { return arma::accu(layer->forward(X) % G); });
  }

  Diagnosis diagnose(const Mat& student) const {
    grader::Context ctx =
        grader::layer_context(target, "dX", X, Y, G, {}, gc::layer_case(target).kinks);
    ctx.tolerance = gc::kTolerance;
    return grader::diagnose(student, nX, ctx);
  }
};

// A loss check as check_loss.cpp sets it up (targets given, or the catalogue's).
struct LossCheck {
  std::unique_ptr<nn::Loss> loss;
  Mat pred, target, dPred, nPred;

  LossCheck(const std::string& name, Index n, Index k, std::uint64_t seed, Mat targets = {}) {
    const gc::LossCase& c = gc::loss_case(name);
    nn::Rng rng(seed);
    loss = c.make();
    pred = c.pred(n, k, rng);
    target = targets.is_empty() ? c.target(pred, rng) : targets;
    loss->forward(pred, target);
    dPred = loss->backward();
    nPred = numeric(pred, dPred, [&] { return loss->forward(pred, target); });
  }

  Diagnosis diagnose(const Mat& student) const {
    grader::Context ctx = grader::loss_context(*loss, pred, target);
    ctx.tolerance = gc::kTolerance;
    return grader::diagnose(student, nPred, ctx);
  }
};

// ---- HuberLoss (delta = 0.6 in the catalogue)

TEST(DiagnoseCandidates, HuberDeltaMissingInTheOuterBranch) {
  for (auto [n, k] : {std::pair<Index, Index>{2, 3}, {9, 6}}) {
    const LossCheck c("HuberLoss", n, k, 3);
    const Real delta = dynamic_cast<const nn::HuberLoss&>(*c.loss).delta();
    ASSERT_NE(delta, 1);
    const Mat d = c.pred - c.target;
    Mat student(n, k);  // the handout's two branches, the outer one's delta left out
    for (Index i = 0; i < d.n_elem; ++i)
      student(i) = (std::abs(d(i)) <= delta ? d(i) : (d(i) > 0 ? 1.0 : -1.0)) / Real(n * k);
    ASSERT_TRUE(arma::any(arma::vectorise(arma::abs(d) > delta))) << "no element outside";

    const Diagnosis wrong = c.diagnose(student);
    EXPECT_EQ(wrong.code, "huber_delta_missing_outer_branch") << wrong.explanation;
    EXPECT_TRUE(contains(wrong.explanation, "outer branch (delta = 0.6)")) << wrong.explanation;
    EXPECT_EQ(c.diagnose(c.dPred).code, code::kCorrect);
    // Another mistake: the inner branch multiplied by delta as well (= delta x the above).
    const Mat inner_times_delta = delta * student;
    EXPECT_NE(c.diagnose(inner_times_delta).code, "huber_delta_missing_outer_branch");
  }
}

TEST(DiagnoseCandidates, HuberWithEveryElementInsideOffersNothing) {
  const gc::LossCase& c = gc::loss_case("HuberLoss");
  nn::Rng rng(4);
  const Mat pred = c.pred(4, 3, rng);
  const Mat target = pred - 0.1;  // every |d| = 0.1 <= delta: the mistake would not show
  EXPECT_TRUE(grader::loss_candidates(*c.make(), pred, target).empty());
}

// ---- BCELoss

TEST(DiagnoseCandidates, BceSecondTermSignFlipped) {
  const LossCheck c("BCELoss", 9, 6, 2);
  ASSERT_TRUE(arma::any(arma::vectorise(c.target == 0)) &&
              arma::any(arma::vectorise(c.target == 1)));
  const Mat& p = c.pred;
  const Mat& y = c.target;
  const Mat student = -(y / p + (1 - y) / (1 - p)) / Real(p.n_rows);

  const Diagnosis wrong = c.diagnose(student);
  EXPECT_EQ(wrong.code, "bce_second_term_sign") << wrong.explanation;
  EXPECT_EQ(c.diagnose(c.dPred).code, code::kCorrect);
  // Another mistake: the whole gradient's sign.
  EXPECT_EQ(c.diagnose(Mat(-c.dPred)).code, code::kWrongSign);
}

// With every target 0 only the second term is there: flipping it flips the whole
// gradient, and that is what is said; with every target 1 it is not there at all.
TEST(DiagnoseCandidates, BceSecondTermOnlyWhereBothTermsShow) {
  const LossCheck zeros("BCELoss", 4, 3, 2, Mat(4, 3, arma::fill::zeros));
  const Mat& p = zeros.pred;
  const Mat student = -(1 / (1 - p)) / Real(p.n_rows);
  EXPECT_EQ(zeros.diagnose(student).code, code::kWrongSign);
  EXPECT_TRUE(grader::loss_candidates(*zeros.loss, p, zeros.target).empty());
  EXPECT_TRUE(grader::loss_candidates(*zeros.loss, p, Mat(4, 3, arma::fill::ones)).empty());
}

// ---- Softmax

// dX = Y o (dY - s) with s the sums of dY o Y: per row (right), per column, or one for all.
TEST(DiagnoseCandidates, SoftmaxSumOverTheWrongDimension) {
  for (auto [n, d] : {std::pair<Index, Index>{4, 3}, {9, 6}}) {
    const LayerCheck c("Softmax", n, d, 1);
    const Mat GY = c.G % c.Y;
    const Mat per_column = c.Y % (c.G - arma::repmat(arma::sum(GY, 0), n, 1));
    const Mat whole_batch = c.Y % (c.G - arma::accu(GY));
    const Mat diagonal = GY % (1 - c.Y);

    EXPECT_EQ(c.diagnose(per_column).code, "softmax_sum_over_batch_column");
    EXPECT_EQ(c.diagnose(whole_batch).code, "softmax_sum_over_whole_batch");
    EXPECT_EQ(c.diagnose(diagonal).code, "softmax_jacobian_diagonal_only");
    EXPECT_EQ(c.diagnose(c.dX).code, code::kCorrect);
  }
}

// With one row a column's sum is the row's own term: the numbers are the diagonal's,
// and the diagnosis says that the sum may be the cause too.
TEST(DiagnoseCandidates, SoftmaxOneRowCannotTellTheColumnSumFromTheDiagonal) {
  const LayerCheck c("Softmax", 1, 3, 1);
  const Mat per_column = c.Y % (c.G - arma::sum(c.G % c.Y, 0));
  const Diagnosis d = c.diagnose(per_column);
  EXPECT_EQ(d.code, "softmax_jacobian_diagonal_only");
  EXPECT_TRUE(contains(d.explanation, "With one sample")) << d.explanation;
  EXPECT_EQ(c.diagnose(c.dX).code, code::kCorrect);
}

// ---- Dropout (p = 0.3 in the catalogue; the check fixes the mask forward drew)

// The mask the catalogue's layer draws at this seed: its forward of a matrix of ones.
Mat dropout_mask(Index n, Index d, std::uint64_t seed) {
  std::unique_ptr<nn::Layer> layer = gc::layer_case("Dropout").make(d, seed);
  return layer->forward(Mat(n, d, arma::fill::ones));
}

TEST(DiagnoseCandidates, DropoutMaskNotApplied) {
  const LayerCheck c("Dropout", 9, 6, 7);
  const Mat mask = dropout_mask(9, 6, 7);
  const Index dropped = arma::accu(mask == 0);
  ASSERT_GT(dropped, 0u);
  ASSERT_TRUE(arma::approx_equal(c.dX, Mat(c.G % mask), "absdiff", 1e-12));  // the same mask

  const Diagnosis wrong = c.diagnose(c.G);  // return dY;
  EXPECT_EQ(wrong.code, "dropout_mask_not_applied") << wrong.explanation;
  EXPECT_TRUE(contains(wrong.explanation, fmt::format("dropped {} of the 54 units", dropped)))
      << wrong.explanation;
  EXPECT_EQ(c.diagnose(c.dX).code, code::kCorrect);
  // Another mistake: the mask's 0/1 pattern without its 1 / (1 - p).
  const Mat unscaled = c.G % (mask > 0);
  EXPECT_EQ(c.diagnose(unscaled).code, code::kConstantFactor);
}

// Where forward dropped nothing, dY unchanged is also what a forgotten 1 / (1 - p)
// gives: the grader names only the factor.
TEST(DiagnoseCandidates, DropoutWithNothingDroppedNamesOnlyTheFactor) {
  std::uint64_t seed = 1;
  while (seed < 50 && arma::any(arma::vectorise(dropout_mask(1, 3, seed) == 0))) ++seed;
  ASSERT_LT(seed, 50u) << "every 1x3 mask dropped a unit";
  const LayerCheck c("Dropout", 1, 3, seed);
  EXPECT_EQ(c.diagnose(c.G).code, code::kConstantFactor);
}

}  // namespace
