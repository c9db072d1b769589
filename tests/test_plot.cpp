// SVG plots (lib/nn/plot): learning curves and decision boundaries are
// well-formed, self-contained, and draw one element per series or point.
// Forward passes only: runs in both builds.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "nn/core/rng.hpp"
#include "nn/layers/linear.hpp"
#include "nn/plot/decision_boundary.hpp"
#include "nn/plot/learning_curves.hpp"
#include "nn/plot/svg.hpp"
#include "test_helpers.hpp"

namespace {

using namespace nn;

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// Starts with <svg, ends with </svg>, no external resources, no NaN or inf anywhere.
void expect_well_formed(const std::string& svg) {
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
  EXPECT_EQ(count(svg, "<svg"), 1u);
  EXPECT_EQ(count(svg, "href"), 0u);
  EXPECT_EQ(count(svg, "<script"), 0u);
  EXPECT_EQ(count(svg, "nan"), 0u);
  EXPECT_EQ(count(svg, "inf"), 0u);
  // Every element is closed: as many "<" as ">" and no unclosed tag at the end.
  EXPECT_EQ(count(svg, "<"), count(svg, ">"));
  EXPECT_EQ(count(svg, "<text"), count(svg, "</text>"));
}

History make_history(bool validation, bool accuracy, Index epochs) {
  History h;
  for (Index e = 0; e < epochs; ++e) {
    EpochRecord r;
    r.epoch = e;
    r.train_loss = 1.0 / (1 + e);
    if (validation) r.val_loss = 1.0 / (1 + e) + 0.01 * e;
    if (accuracy) r.train_accuracy = 1 - 0.5 / (1 + e);
    if (accuracy && validation) r.val_accuracy = 0.9 - 0.4 / (1 + e);
    r.learning_rate = 0.1;
    h.epochs.push_back(r);
  }
  return h;
}

TEST(Plot, NiceTicksAreRoundAndCoverTheRange) {
  const std::vector<Real> t = plot::nice_ticks(0, 1);
  ASSERT_EQ(t.size(), 6u);
  EXPECT_DOUBLE_EQ(t[1], 0.2);
  EXPECT_DOUBLE_EQ(t.back(), 1.0);
  const std::vector<Real> u = plot::nice_ticks(3, 97);
  EXPECT_DOUBLE_EQ(u.front(), 20);
  EXPECT_DOUBLE_EQ(u.back(), 80);
}

TEST(Plot, LearningCurvesDrawOnePolylinePerSeries) {
  const std::string all = plot::learning_curves(make_history(true, true, 30), "a <test> & more");
  expect_well_formed(all);
  EXPECT_EQ(count(all, "<polyline"), 4u);  // train/validation loss and accuracy
  EXPECT_NE(all.find("a &lt;test&gt; &amp; more"), std::string::npos);
  EXPECT_NE(all.find("validation accuracy"), std::string::npos);

  const std::string loss_only = plot::learning_curves(make_history(false, false, 1));
  expect_well_formed(loss_only);
  EXPECT_EQ(count(loss_only, "<polyline"), 1u);
  EXPECT_EQ(loss_only.find("accuracy"), std::string::npos);

  History diverged = make_history(true, false, 5);  // NaN and inf losses are skipped
  diverged.epochs[3].train_loss = std::numeric_limits<Real>::infinity();
  diverged.epochs[4].train_loss = kNotMeasured;
  const std::string d = plot::learning_curves(diverged);
  expect_well_formed(d);
  EXPECT_EQ(count(d, "<polyline"), 2u);
}

TEST(Plot, DecisionBoundaryColoursRegionsAndDrawsEveryPoint) {
  // A linear classifier with a known boundary: class 1 where x1 > x2.
  Linear model(Mat{{1, -1}, {-1, 1}}, Mat{{0, 0}});  // a Layer; Sequential is lab 08's to write
  nn::Rng rng(5);
  const Mat X = rng.uniform(50, 2, -1, 1);
  const Labels y = arma::conv_to<Labels>::from(X.col(0) > X.col(1));
  plot::BoundaryOptions o;
  o.grid = 40;
  const std::string svg = plot::decision_boundary(model, X, y, o);
  expect_well_formed(svg);
  EXPECT_EQ(count(svg, "<circle"), 50u);
  EXPECT_NE(svg.find("#c6dbef"), std::string::npos);  // a class 0 region
  EXPECT_NE(svg.find("#f4c7c3"), std::string::npos);  // a class 1 region
  // A diagonal boundary splits most of the 40 grid rows into two runs.
  EXPECT_GE(count(svg, "<rect"), 40u + 40u);
  EXPECT_THROW(plot::decision_boundary(model, Mat(3, 3, arma::fill::zeros), Labels{0, 1, 0}),
               std::invalid_argument);

  test::TempDir dir;  // written to a file, as a person would open it
  plot::save(dir.file("boundary.svg"), svg);
  std::ifstream in(dir.file("boundary.svg"));
  std::stringstream read;
  read << in.rdbuf();
  EXPECT_EQ(read.str(), svg);
  if (const char* out = std::getenv("NN_PLOT_DIR"))  // keep a copy to look at
    plot::save(std::string(out) + "/boundary.svg", svg);
}

}  // namespace
