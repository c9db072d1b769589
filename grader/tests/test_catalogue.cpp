// The catalogue of realistic student mistakes (catalogue/mistakes.toml), graded
// end to end: a submission holding one wrong file loses points on the right item
// only, with the right diagnosis; right answers written differently get full marks.
// Solution build only: grading needs the reference solutions.
#include <gtest/gtest.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "builder.hpp"
#include "grade.hpp"
#include "report.hpp"
#include "rubric.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = NN_SOURCE_DIR;

struct Overlay {
  std::string name, file, replace, with, item, diagnosis, mention, prepend, status;
  double time_limit = 10;  // seconds per case (hostile cases: 2 unless they set one)
};

void PrintTo(const Overlay& o, std::ostream* os) { *os << o.name; }

std::vector<Overlay> load(const std::string& kind) {
  const toml::table t = toml::parse_file((kRoot / "grader/tests/catalogue/mistakes.toml").string());
  std::vector<Overlay> out;
  for (const toml::node& n : *t[kind].as_array()) {
    const toml::table& e = *n.as_table();
    Overlay o;
    o.name = *e["name"].value<std::string>();
    o.file = *e["file"].value<std::string>();
    o.replace = *e["replace"].value<std::string>();
    o.with = *e["with"].value<std::string>();
    o.item = *e["item"].value<std::string>();
    o.diagnosis = e["diagnosis"].value_or(std::string());
    o.mention = e["mention"].value_or(std::string());
    out.push_back(o);
  }
  return out;
}

// Grades a submission holding only `o`'s file, with the reference solution
// changed as `o` says, on o.item and one item that does not use that file.
grader::Submission grade_overlay(const Overlay& o, const std::string& other_item,
                                 const std::function<void(grader::RubricItem&)>& tweak = {}) {
  const fs::path dir = fs::temp_directory_path() / ("catalogue-" + std::to_string(getpid()));
  fs::remove_all(dir);
  std::string text = grader::read_file((kRoot / "solutions" / o.file).string());
  const auto at = text.find(o.replace);
  EXPECT_NE(at, std::string::npos) << o.name << ": the text to replace is not in " << o.file;
  if (at != std::string::npos) text.replace(at, o.replace.size(), o.with);
  text = o.prepend + text;
  fs::create_directories(dir / fs::path(o.file).parent_path());
  std::ofstream(dir / o.file) << text;

  const grader::Rubric full = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  std::vector<std::string> right = full.item(other_item).files;  // a right answer for the other
  for (const std::string& f : full.item(o.item).files)  // item, and for the item's other files
    if (f != o.file) right.push_back(f);
  for (const std::string& f : right) {
    fs::create_directories(dir / fs::path(f).parent_path());
    fs::copy_file(kRoot / "solutions" / f, dir / f, fs::copy_options::skip_existing);
  }
  grader::Rubric rubric = full;
  rubric.items = {full.item(o.item), full.item(other_item)};
  if (tweak) tweak(rubric.items[0]);
  grader::GradeOptions opt;
  opt.root = kRoot.string();
  opt.submission = dir.string();
  opt.cache_dir = (kRoot / "build/grader-test-cache").string();
  opt.work_dir = (dir / "work").string();
  const grader::Submission s = grader::grade(rubric, opt);
  fs::remove_all(dir);
  return s;
}

std::string other_than(const std::string& item) {
  return item == "identity.backward" ? "tanh.backward" : "identity.backward";
}

std::string describe(const grader::Item& item) {
  std::string s = item.message;
  for (const grader::TensorDiagnosis& d : item.diagnoses)
    s += "\n  " + d.subject + " " + d.tensor + ": " + d.diagnosis.code + " - " +
         d.diagnosis.explanation;
  return s;
}

}  // namespace

class Mistake : public testing::TestWithParam<Overlay> {};

TEST_P(Mistake, LosesPointsOnItsItemOnlyWithTheRightDiagnosis) {
  const Overlay& o = GetParam();
  const grader::Submission s = grade_overlay(o, other_than(o.item));
  ASSERT_EQ(s.items.size(), 2u);
  const grader::Item& hit = s.items[0];
  EXPECT_LT(hit.points, hit.max_points) << o.name << "\n" << describe(hit);
  EXPECT_NE(hit.status, grader::Status::Passed);
  EXPECT_EQ(s.items[1].points, s.items[1].max_points)
      << "another item lost points: " << describe(s.items[1]);
  if (!o.diagnosis.empty()) {
    bool found = false;
    for (const grader::TensorDiagnosis& d : hit.diagnoses)
      found = found || (d.diagnosis.code == o.diagnosis &&
                        d.diagnosis.explanation.find(o.mention) != std::string::npos);
    EXPECT_TRUE(found) << o.name << ": expected " << o.diagnosis << " mentioning '" << o.mention
                       << "'\n"
                       << describe(hit);
  } else if (!o.mention.empty()) {
    EXPECT_NE(hit.message.find(o.mention), std::string::npos) << describe(hit);
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, Mistake, testing::ValuesIn(load("mistake")),
                         [](const testing::TestParamInfo<Overlay>& info) {
                           return "m" + std::to_string(info.index);
                         });

class Correct : public testing::TestWithParam<Overlay> {};

TEST_P(Correct, GetsFullMarks) {
  const Overlay& o = GetParam();
  const grader::Submission s = grade_overlay(o, other_than(o.item));
  ASSERT_EQ(s.items.size(), 2u);
  EXPECT_EQ(s.items[0].points, s.items[0].max_points) << o.name << "\n" << describe(s.items[0]);
  EXPECT_EQ(s.items[0].status, grader::Status::Passed);
}

INSTANTIATE_TEST_SUITE_P(Catalogue, Correct, testing::ValuesIn(load("correct")),
                         [](const testing::TestParamInfo<Overlay>& info) {
                           return "c" + std::to_string(info.index);
                         });

TEST(Catalogue, HasAtLeast25Mistakes) { EXPECT_GE(load("mistake").size(), 25u); }

// Hostile or broken submissions (catalogue/hostile.toml), each in Sigmoid::backward.
namespace {

std::vector<Overlay> load_hostile() {
  const toml::table t = toml::parse_file((kRoot / "grader/tests/catalogue/hostile.toml").string());
  const fs::path decoy = fs::temp_directory_path() / "backprop-decoy-results.json";
  std::vector<Overlay> out;
  for (const toml::node& n : *t["hostile"].as_array()) {
    const toml::table& e = *n.as_table();
    Overlay o;
    o.name = *e["name"].value<std::string>();
    o.file = "lib/nn/layers/sigmoid.cpp";
    o.replace = "return dY % Y_ % (1 - Y_);";
    o.with = *e["with"].value<std::string>();
    o.prepend = e["prepend"].value_or(std::string());
    o.status = *e["status"].value<std::string>();
    o.mention = e["mention"].value_or(std::string());
    o.item = "sigmoid.backward";
    o.time_limit = e["time_limit"].value_or(2.0);
    const auto at = o.with.find("DECOY");
    if (at != std::string::npos) o.with.replace(at, 5, "\"" + decoy.string() + "\"");
    out.push_back(o);
  }
  return out;
}

}  // namespace

class Hostile : public testing::TestWithParam<Overlay> {};

TEST_P(Hostile, CostsOnlyItsItemAndEveryReportIsComplete) {
  const Overlay& o = GetParam();
  // Only the decoy case touches the decoy (ctest runs these cases in parallel processes).
  const bool writes_decoy = o.with.find("ofstream") != std::string::npos;
  const fs::path decoy = fs::temp_directory_path() / "backprop-decoy-results.json";
  if (writes_decoy) {
    std::ofstream(decoy) << "{\"score\": 0}";
    fs::permissions(decoy, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                               fs::perms::others_read);
  }
  const grader::Submission s = grade_overlay(o, "tanh.backward", [&o](grader::RubricItem& item) {
    item.shapes = {{4, 3}};  // one case: the slow misbehaviours cost one time limit
    item.seeds = {1};
    item.time_limit = o.time_limit;
  });
  ASSERT_EQ(s.items.size(), 2u);
  const grader::Item& hit = s.items[0];
  const std::string got = "|" + grader::to_string(hit.status) + "|";
  EXPECT_NE(("|" + o.status + "|").find(got), std::string::npos)
      << o.name << ": " << got << " " << hit.message;
  if (o.status != "passed") {
    EXPECT_EQ(hit.points, 0) << hit.message;
  }
  EXPECT_NE(hit.message.find(o.mention), std::string::npos) << hit.message;
  EXPECT_FALSE(hit.message.empty());
  EXPECT_EQ(s.items[1].points, s.items[1].max_points) << describe(s.items[1]);
  EXPECT_LT(hit.execution_time, 60);
  // every report is written and the JSON ones parse
  const nlohmann::json gradescope = nlohmann::json::parse(grader::to_gradescope(s).dump());
  EXPECT_EQ(gradescope.at("tests").size(), 2u);
  EXPECT_NO_THROW(nlohmann::json::parse(grader::to_json(s).dump()));
  EXPECT_FALSE(grader::to_html(s).empty());
  EXPECT_FALSE(grader::to_markdown(s).empty());
  if (writes_decoy && geteuid() == 0) {  // workers run as users of their own
    EXPECT_EQ(grader::read_file(decoy.string()), "{\"score\": 0}") << "the worker wrote the decoy";
  }
  if (writes_decoy) fs::remove(decoy);
}

INSTANTIATE_TEST_SUITE_P(Catalogue, Hostile, testing::ValuesIn(load_hostile()),
                         [](const testing::TestParamInfo<Overlay>& info) {
                           return "h" + std::to_string(info.index);
                         });

// A submission that brings its own rubric and tests: only the rubric's student files count.
TEST(Catalogue, SubmittedRubricAndTestsAreIgnored) {
  const fs::path dir = fs::temp_directory_path() / ("tamper-" + std::to_string(getpid()));
  fs::create_directories(dir / "grader");
  fs::create_directories(dir / "tests");
  std::ofstream(dir / "grader/rubric.toml") << "seed = 1\n[[item]]\nid = \"x\"\npoints = 1000\n";
  std::ofstream(dir / "tests/test_forward.cpp") << "int main() { return 0; }\n";
  fs::create_directories(dir / "lib/nn/layers");
  fs::copy_file(kRoot / "solutions/lib/nn/layers/tanh.cpp", dir / "lib/nn/layers/tanh.cpp");
  grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  rubric.items = {rubric.item("tanh.backward")};
  grader::GradeOptions opt;
  opt.root = kRoot.string();
  opt.submission = dir.string();
  opt.cache_dir = (kRoot / "build/grader-test-cache").string();
  opt.work_dir = (dir / "work").string();
  const grader::Submission s = grader::grade(rubric, opt);
  fs::remove_all(dir);
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(s.items[0].points, s.items[0].max_points);
  EXPECT_EQ(s.max_total(), rubric.items[0].points);
}
