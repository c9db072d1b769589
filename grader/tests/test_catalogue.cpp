// The mistake catalogue (grader/catalogue/mistakes.toml) against the course
// rubric, through the code of `grader audit` (audit.hpp): each mistake loses
// points on its item with the right diagnosis, each right answer written
// differently gets full marks. One ctest case per entry, so that a failure names
// its entry. Hostile submissions (catalogue/hostile.toml) cost only their item.
// Solution build only: grading needs the reference solutions.
#include <gtest/gtest.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "audit.hpp"
#include "builder.hpp"
#include "grade.hpp"
#include "report.hpp"
#include "rubric.hpp"

namespace fs = std::filesystem;

namespace grader {
void PrintTo(const CatalogueEntry& e, std::ostream* os) { *os << e.name; }
}  // namespace grader

namespace {

const fs::path kRoot = NN_SOURCE_DIR;

const grader::Rubric& course_rubric() {
  static const grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  return rubric;
}

std::vector<grader::CatalogueEntry> entries(bool correct) {
  std::vector<grader::CatalogueEntry> out;
  for (const grader::CatalogueEntry& e : grader::load_catalogue((kRoot / grader::kCatalogue).string()))
    if (e.correct == correct) out.push_back(e);
  return out;
}

grader::GradeOptions options() {
  grader::GradeOptions o;
  o.root = kRoot.string();
  o.cache_dir = (kRoot / "build/grader-test-cache").string();
  o.work_dir = (fs::temp_directory_path() / ("catalogue-" + std::to_string(getpid()))).string();
  return o;
}

std::string describe(const grader::Item& item) {
  std::string s = item.message;
  for (const grader::TensorDiagnosis& d : item.diagnoses)
    s += "\n  " + d.subject + " " + d.tensor + ": " + d.diagnosis.code + " - " +
         d.diagnosis.explanation;
  return s;
}

// Grades `e` on its item and judges it as `grader audit` does.
void expect_finding(const grader::CatalogueEntry& e, grader::Finding want) {
  const grader::Submission s = grader::grade_entry(e, course_rubric(), options());
  ASSERT_EQ(s.items.size(), 1u);
  const grader::EntryResult r = grader::judge_entry(e, s.items[0]);
  EXPECT_EQ(r.finding, want) << e.name << ": " << grader::to_string(r.finding) << ", " << r.points
                             << " of " << r.max_points << " points; " << r.said << "\n"
                             << describe(s.items[0]);
}

}  // namespace

class Mistake : public testing::TestWithParam<grader::CatalogueEntry> {};

TEST_P(Mistake, LosesPointsWithTheRightDiagnosis) {
  expect_finding(GetParam(), grader::Finding::Caught);
}

INSTANTIATE_TEST_SUITE_P(Catalogue, Mistake, testing::ValuesIn(entries(false)),
                         [](const testing::TestParamInfo<grader::CatalogueEntry>& info) {
                           return "m" + std::to_string(info.index);
                         });

class Correct : public testing::TestWithParam<grader::CatalogueEntry> {};

TEST_P(Correct, GetsFullMarks) { expect_finding(GetParam(), grader::Finding::Accepted); }

INSTANTIATE_TEST_SUITE_P(Catalogue, Correct, testing::ValuesIn(entries(true)),
                         [](const testing::TestParamInfo<grader::CatalogueEntry>& info) {
                           return "c" + std::to_string(info.index);
                         });

TEST(Catalogue, EveryEntryNamesAnItemOfTheCourseRubric) {
  EXPECT_GE(entries(false).size(), 100u);
  EXPECT_GE(entries(true).size(), 5u);
  for (bool correct : {false, true})
    for (const grader::CatalogueEntry& e : entries(correct))
      EXPECT_NO_THROW(course_rubric().item(e.item)) << e.name;
}

// Each item is built from the student's files for that item only: a mistake
// costs its own item and no other (shown once here; every entry above is graded
// on its item alone).
TEST(Catalogue, AMistakeCostsOnlyItsItem) {
  const grader::CatalogueEntry e = entries(false).front();
  const grader::Submission s =
      grader::grade_entry(e, course_rubric(), options(), {"identity.backward"});
  ASSERT_EQ(s.items.size(), 2u);
  EXPECT_LT(s.items[0].points, s.items[0].max_points) << describe(s.items[0]);
  EXPECT_EQ(s.items[1].points, s.items[1].max_points) << describe(s.items[1]);
}

// Hostile or broken submissions (catalogue/hostile.toml), each in Sigmoid::backward.
namespace {

struct HostileCase {
  grader::CatalogueEntry entry;  // the reference Sigmoid with its backward replaced
  std::string status;            // the statuses it may get, "a|b"
  double time_limit = 2;         // seconds per case
};

void PrintTo(const HostileCase& h, std::ostream* os) { *os << h.entry.name; }

std::vector<HostileCase> load_hostile() {
  const toml::table t = toml::parse_file((kRoot / "grader/tests/catalogue/hostile.toml").string());
  const fs::path decoy = fs::temp_directory_path() / "backprop-decoy-results.json";
  std::vector<HostileCase> out;
  for (const toml::node& n : *t["hostile"].as_array()) {
    const toml::table& e = *n.as_table();
    HostileCase h;
    h.entry.name = *e["name"].value<std::string>();
    h.entry.file = "lib/nn/layers/sigmoid.cpp";
    h.entry.replace = "return dY % Y_ % (1 - Y_);";
    h.entry.with = *e["with"].value<std::string>();
    h.entry.prepend = e["prepend"].value_or(std::string());
    h.entry.mention = e["mention"].value_or(std::string());
    h.entry.item = "sigmoid.backward";
    h.status = *e["status"].value<std::string>();
    h.time_limit = e["time_limit"].value_or(2.0);
    const auto at = h.entry.with.find("DECOY");
    if (at != std::string::npos) h.entry.with.replace(at, 5, "\"" + decoy.string() + "\"");
    out.push_back(h);
  }
  return out;
}

}  // namespace

class Hostile : public testing::TestWithParam<HostileCase> {};

TEST_P(Hostile, CostsOnlyItsItemAndEveryReportIsComplete) {
  const HostileCase& h = GetParam();
  const grader::CatalogueEntry& o = h.entry;
  // Only the decoy case touches the decoy (ctest runs these cases in parallel processes).
  const bool writes_decoy = o.with.find("ofstream") != std::string::npos;
  const fs::path decoy = fs::temp_directory_path() / "backprop-decoy-results.json";
  if (writes_decoy) {
    std::ofstream(decoy) << "{\"score\": 0}";
    fs::permissions(decoy, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                               fs::perms::others_read);
  }
  grader::Rubric rubric = course_rubric();
  for (grader::RubricItem& item : rubric.items)
    if (item.id == o.item) {
      item.shapes = {{4, 3}};  // one case: the slow misbehaviours cost one time limit
      item.seeds = {1};
      item.time_limit = h.time_limit;
    }
  const grader::Submission s = grader::grade_entry(o, rubric, options(), {"tanh.backward"});
  ASSERT_EQ(s.items.size(), 2u);
  const grader::Item& hit = s.items[0];
  const std::string got = "|" + grader::to_string(hit.status) + "|";
  EXPECT_NE(("|" + h.status + "|").find(got), std::string::npos)
      << o.name << ": " << got << " " << hit.message;
  if (h.status != "passed") {
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
                         [](const testing::TestParamInfo<HostileCase>& info) {
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
