// The catalogue of realistic student mistakes (catalogue/mistakes.toml), graded
// end to end: a submission holding one wrong file loses points on the right item
// only, with the right diagnosis; right answers written differently get full marks.
// Solution build only: grading needs the reference solutions.
#include <gtest/gtest.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "builder.hpp"
#include "grade.hpp"
#include "rubric.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = NN_SOURCE_DIR;

struct Overlay {
  std::string name, file, replace, with, item, diagnosis, mention;
};

void PrintTo(const Overlay& o, std::ostream* os) { *os << o.name; }

std::vector<Overlay> load(const std::string& kind) {
  const toml::table t = toml::parse_file((kRoot / "grader/tests/catalogue/mistakes.toml").string());
  std::vector<Overlay> out;
  for (const toml::node& n : *t[kind].as_array()) {
    const toml::table& e = *n.as_table();
    out.push_back({*e["name"].value<std::string>(), *e["file"].value<std::string>(),
                   *e["replace"].value<std::string>(), *e["with"].value<std::string>(),
                   *e["item"].value<std::string>(), e["diagnosis"].value_or(std::string()),
                   e["mention"].value_or(std::string())});
  }
  return out;
}

// Grades a submission holding only `o`'s file, with the reference solution
// changed as `o` says, on o.item and one item that does not use that file.
grader::Submission grade_overlay(const Overlay& o, const std::string& other_item) {
  const fs::path dir = fs::temp_directory_path() / ("catalogue-" + std::to_string(getpid()));
  fs::remove_all(dir);
  std::string text = grader::read_file((kRoot / "solutions" / o.file).string());
  const auto at = text.find(o.replace);
  EXPECT_NE(at, std::string::npos) << o.name << ": the text to replace is not in " << o.file;
  if (at != std::string::npos) text.replace(at, o.replace.size(), o.with);
  fs::create_directories(dir / fs::path(o.file).parent_path());
  std::ofstream(dir / o.file) << text;

  const grader::Rubric full = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  for (const std::string& f : full.item(other_item).files) {  // a right answer for the other item
    fs::create_directories(dir / fs::path(f).parent_path());
    fs::copy_file(kRoot / "solutions" / f, dir / f, fs::copy_options::skip_existing);
  }
  grader::Rubric rubric = full;
  rubric.items = {full.item(o.item), full.item(other_item)};
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
