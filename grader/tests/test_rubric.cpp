// The rubric format, its errors, and the course rubric's consistency with the library.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "nn/gradcheck/catalogue.hpp"
#include "rubric.hpp"

namespace fs = std::filesystem;
using grader::parse_rubric;
using grader::RubricError;

namespace {

const std::string kItem = R"(
[[item]]
id = "linear.backward"
title = "Linear::backward"
lab = "labs/05-linear"
points = 10
files = ["lib/nn/layers/linear.cpp"]
kind = "layer_gradient"
target = "Linear"
shapes = [[1, 3], [4, 5]]
seeds = [1, 2]
)";

std::string error_of(const std::string& text) {
  try {
    parse_rubric(text, "r.toml");
  } catch (const RubricError& e) {
    return e.what();
  }
  return "";
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  s.replace(s.find(from), from.size(), to);
  return s;
}

}  // namespace

TEST(Rubric, ParsesAnItemWithDefaults) {
  const grader::Rubric r = parse_rubric("seed = 7\ntolerance = 1e-5\n" + kItem);
  ASSERT_EQ(r.items.size(), 1u);
  const grader::RubricItem& i = r.items[0];
  EXPECT_EQ(r.seed, 7u);
  EXPECT_EQ(i.id, "linear.backward");
  EXPECT_EQ(i.points, 10);
  EXPECT_EQ(i.kind, grader::CheckKind::LayerGradient);
  EXPECT_EQ(i.visibility, grader::Visibility::Visible);
  EXPECT_EQ(i.tolerance, 1e-5);  // the rubric's default
  EXPECT_EQ(i.time_limit, 10);
  ASSERT_EQ(i.shapes.size(), 2u);
  EXPECT_EQ(i.shapes[1].first, 4u);
  EXPECT_EQ(i.shapes[1].second, 5u);
  EXPECT_EQ(r.student_files(), std::vector<std::string>{"lib/nn/layers/linear.cpp"});
}

TEST(Rubric, ErrorsNameTheFileTheItemAndTheKey) {
  EXPECT_EQ(error_of(replace(kItem, "points = 10\n", "")),
            "r.toml: item 1 ('linear.backward'): key 'points': is missing");
  EXPECT_EQ(error_of(replace(kItem, "\"layer_gradient\"", "\"layer\"")),
            "r.toml: item 1 ('linear.backward'): key 'kind': 'layer' is not one of layer_gradient, "
            "loss_gradient, penalty_gradient, optimizer_step, training, exercise");
  EXPECT_EQ(error_of(replace(kItem, "[[1, 3], [4, 5]]", "[[1, 3], [0, 5]]")),
            "r.toml: item 1 ('linear.backward'): key 'shapes': must be an array of [N, D] pairs of "
            "positive integers");
  EXPECT_EQ(error_of(kItem + kItem), "r.toml: item 2: id 'linear.backward' is used twice");
  EXPECT_EQ(error_of(replace(kItem, "seeds = [1, 2]", "seeds = [1, 2]\ndepends_on = [\"x\"]")),
            "r.toml: item 'linear.backward': depends_on names unknown item 'x'");
  EXPECT_EQ(error_of("seed = 1\n"), "r.toml: no [[item]] entries");
  EXPECT_NE(error_of("seed = = 1\n").find("r.toml: line 1, column"), std::string::npos);
}

TEST(Rubric, WritesTomlThatReadsBack) {
  const grader::Rubric r = parse_rubric(kItem);
  const grader::Rubric back = parse_rubric(grader::to_toml(r));
  ASSERT_EQ(back.items.size(), 1u);
  EXPECT_EQ(grader::to_toml(back), grader::to_toml(r));
  EXPECT_EQ(back.items[0].shapes, r.items[0].shapes);
  EXPECT_EQ(back.items[0].files, r.items[0].files);
}

// The course rubric against the library: every target exists, every file has a
// solution twin, and every stubbed file in lib/ is graded by some item.
TEST(CourseRubric, CoversEveryStubAndNamesRealTargets) {
  const fs::path root = NN_SOURCE_DIR;
  const grader::Rubric r = grader::load_rubric((root / "grader/rubric.toml").string());
  for (const grader::RubricItem& i : r.items) {
    SCOPED_TRACE(i.id);
    if (i.kind == grader::CheckKind::LayerGradient) {
      EXPECT_NO_THROW(nn::gradcheck::layer_case(i.target));
    }
    if (i.kind == grader::CheckKind::LossGradient) {
      EXPECT_NO_THROW(nn::gradcheck::loss_case(i.target));
    }
    for (const std::string& f : i.files) {
      EXPECT_TRUE(fs::exists(root / f)) << f;
      EXPECT_TRUE(fs::exists(root / "solutions" / f)) << f << " has no reference solution";
    }
  }
  const std::vector<std::string> graded = r.student_files();
  for (const char* top : {"lib", "labs"})
    for (const auto& e : fs::recursive_directory_iterator(root / top)) {
      if (e.path().extension() != ".cpp") continue;
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      if (ss.str().find("NotImplemented(\"") == std::string::npos) continue;
      const std::string rel = fs::relative(e.path(), root).string();
      EXPECT_NE(std::find(graded.begin(), graded.end(), rel), graded.end())
          << rel << " has a stub that no rubric item grades";
    }
}

// `grader check` tells an item that runs another lab's unwritten code (Status::
// Blocked) from the student's own TODO by the lab a stub names: every stub in an
// item's files must name the item's lab.
TEST(CourseRubric, EveryStubInAnItemsFilesNamesTheItemsLab) {
  const fs::path root = NN_SOURCE_DIR;
  const grader::Rubric r = grader::load_rubric((root / "grader/rubric.toml").string());
  const std::string marker = "NotImplemented(\"";
  for (const grader::RubricItem& i : r.items)
    for (const std::string& f : i.files) {
      std::ifstream in(root / f);
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string text = ss.str();
      for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
        const auto lab_start = text.find("\", \"", at) + 4;  // NotImplemented("method", "lab")
        const std::string lab = text.substr(lab_start, text.find('"', lab_start) - lab_start);
        EXPECT_EQ(lab, i.lab) << i.id << ": " << f << ": " << text.substr(at, 60);
      }
    }
}
