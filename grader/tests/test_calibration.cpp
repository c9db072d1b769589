// Tolerance calibration: the reference solutions, checked the way the grader
// checks them (the rubric's shapes and tolerance, full element-wise, 30 seeds
// each), must stay far below the tolerance. The test prints each item's worst
// relative error and its margin, and requires a margin of at least 10x, so that a
// correct implementation written differently cannot fail by rounding.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "nn/gradcheck/catalogue.hpp"
#include "nn/gradcheck/gradcheck.hpp"
#include "nn/losses/penalties.hpp"
#include "rubric.hpp"

namespace gc = nn::gradcheck;

namespace {

constexpr int kSeeds = 30;

double worst_of(const gc::Report& r) {
  double worst = 0;
  for (const gc::TensorResult& t : r.tensors) worst = std::max(worst, t.rel_error);
  EXPECT_TRUE(r.error.empty()) << r.subject << ": " << r.error;
  return worst;
}

double worst_error(const grader::RubricItem& item) {
  double worst = 0;
  for (auto [n, d] : item.shapes)
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
      gc::Options o;
      o.seed = seed;
      o.method = gc::Method::Full;
      nn::Rng rng(seed);
      if (item.kind == grader::CheckKind::LayerGradient) {
        const gc::LayerCase& c = gc::layer_case(item.target);
        auto layer = c.make(d, seed);
        worst =
            std::max(worst, worst_of(gc::check_layer(*layer, gc::layer_input(c, n, d, rng), o)));
      } else if (item.kind == grader::CheckKind::LossGradient) {
        const gc::LossCase& c = gc::loss_case(item.target);
        auto loss = c.make();
        const nn::Mat pred = c.pred(n, d, rng);
        worst = std::max(worst, worst_of(gc::check_loss(*loss, pred, c.target(pred, rng), o)));
      } else if (item.kind == grader::CheckKind::PenaltyGradient) {
        const nn::Mat W = gc::away_from_kinks(rng.normal(n, d), {0}), b = rng.normal(1, d);
        const nn::L1Penalty l1(0.1);
        const nn::L2Penalty l2(0.1);
        const nn::Penalty& p =
            item.target == "L1Penalty" ? static_cast<const nn::Penalty&>(l1) : l2;
        worst = std::max(worst, worst_of(gc::check_penalty(p, W, b, o)));
      }
    }
  return worst;
}

}  // namespace

TEST(Calibration, ReferenceGradientsStayTenTimesBelowTheTolerance) {
  const grader::Rubric rubric = grader::load_rubric(NN_SOURCE_DIR "/grader/rubric.toml");
  std::cout << "item                              worst rel. error   tolerance   margin\n";
  int checked = 0;
  for (const grader::RubricItem& item : rubric.items) {
    if (item.kind == grader::CheckKind::OptimizerStep || item.kind == grader::CheckKind::Training ||
        item.kind == grader::CheckKind::Exercise)
      continue;
    const double worst = worst_error(item);
    std::printf("%-33s %16.2e %11.0e %8.0fx\n", item.id.c_str(), worst, item.tolerance,
                worst > 0 ? item.tolerance / worst : INFINITY);
    EXPECT_LE(worst * 10, item.tolerance) << item.id;
    ++checked;
  }
  EXPECT_GE(checked, 25);
}
