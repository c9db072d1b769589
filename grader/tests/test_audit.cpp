// `grader audit`: how it judges a catalogue entry's grading, and the command on a
// rubric whose item was made too lax (it must report the missed mistakes and
// fail) and on the course rubric (every mistake caught). Solution build only.
// The whole catalogue on the course rubric: test_catalogue.cpp, one case per entry.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "audit.hpp"
#include "builder.hpp"
#include "checks.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = NN_SOURCE_DIR;

struct Scratch {
  fs::path path = fs::temp_directory_path() / ("audit-test-" + std::to_string(getpid()));
  Scratch() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Scratch() { fs::remove_all(path); }
};

// Runs `grader <args>`; its exit status, and its output in `out`.
int grader_cli(const std::string& args, std::string& out, const fs::path& scratch) {
  const std::string log = (scratch / "cli.log").string();
  const std::string cmd = std::string(NN_GRADER_EXE) + " --cache " +
                          (kRoot / "build/grader-test-cache").string() + " " + args + " > " + log +
                          " 2>&1";
  const int status = std::system(cmd.c_str());
  out = grader::read_file(log);
  return WEXITSTATUS(status);
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

grader::CatalogueEntry mistake(const std::string& diagnosis, const std::string& mention) {
  grader::CatalogueEntry e;
  e.name = "a mistake";
  e.item = "linear.backward";
  e.diagnosis = diagnosis;
  e.mention = mention;
  return e;
}

grader::Item graded(double points, grader::Status status, const std::string& message = "") {
  grader::Item item;
  item.points = points;
  item.max_points = 10;
  item.status = status;
  item.message = message;
  return item;
}

grader::TensorDiagnosis diagnosed(const std::string& code, const std::string& explanation) {
  grader::TensorDiagnosis d;
  d.tensor = "W";
  d.diagnosis.code = code;
  d.diagnosis.explanation = explanation;
  return d;
}

}  // namespace

TEST(Audit, AMistakeAtFullMarksIsMissed) {
  const grader::EntryResult r =
      grader::judge_entry(mistake("", ""), graded(10, grader::Status::Passed));
  EXPECT_EQ(r.finding, grader::Finding::Missed);
  EXPECT_TRUE(grader::is_failure(r.finding));
}

TEST(Audit, AMistakeIsCaughtOnlyWithItsDiagnosisAndMention) {
  grader::Item item = graded(2.5, grader::Status::Partial, "Linear: 2 of 8 tensors right.\nW: off");
  item.diagnoses = {diagnosed("zero", "all zero"),
                    diagnosed("constant_factor", "W is 1/4 of the gradient: the batch size")};
  const grader::EntryResult caught =
      grader::judge_entry(mistake("constant_factor", "batch size"), item);
  EXPECT_EQ(caught.finding, grader::Finding::Caught);
  EXPECT_NE(caught.said.find("W: constant_factor - W is 1/4"), std::string::npos) << caught.said;
  EXPECT_EQ(grader::judge_entry(mistake("constant_factor", "learning rate"), item).finding,
            grader::Finding::WrongDiagnosis);
  const grader::EntryResult other = grader::judge_entry(mistake("wrong_sign", ""), item);
  EXPECT_EQ(other.finding, grader::Finding::WrongDiagnosis);
  EXPECT_NE(other.said.find("expected wrong_sign"), std::string::npos) << other.said;
  EXPECT_TRUE(grader::is_failure(other.finding));
  // without a code, the mention is looked for in the message
  EXPECT_EQ(grader::judge_entry(mistake("", "W: off"), item).finding, grader::Finding::Caught);
  EXPECT_EQ(grader::judge_entry(mistake("", "b: off"), item).finding,
            grader::Finding::WrongDiagnosis);
}

TEST(Audit, ARightAnswerMustGetFullMarks) {
  grader::CatalogueEntry right = mistake("", "");
  right.correct = true;
  EXPECT_EQ(grader::judge_entry(right, graded(10, grader::Status::Passed)).finding,
            grader::Finding::Accepted);
  const grader::EntryResult down =
      grader::judge_entry(right, graded(9, grader::Status::Partial, "Linear: 7 of 8 right"));
  EXPECT_EQ(down.finding, grader::Finding::MarkedDown);
  EXPECT_EQ(down.said, "Linear: 7 of 8 right");
}

TEST(Audit, ReferenceMarginIsTheToleranceOverTheWorstError) {
  grader::RubricItem r;
  r.tolerance = 1e-6;
  grader::Item item = graded(10, grader::Status::Passed);
  item.gradients.resize(2);
  item.gradients[0].tensors.resize(1);
  item.gradients[0].tensors[0].rel_error = 1e-9;
  item.gradients[1].tensors.resize(1);
  item.gradients[1].tensors[0].rel_error = 4e-9;  // the worst: 250x below 1e-6
  EXPECT_EQ(grader::reference_margin(r, item).text,
            "worst relative error 4e-09, tolerance 1e-06: 250x below");
  grader::RubricItem training;
  training.kind = grader::CheckKind::Training;
  training.threshold = 0.9;
  grader::Item trained = graded(10, grader::Status::Passed);
  trained.accuracies = {0.97, 0.935};
  EXPECT_EQ(grader::reference_margin(training, trained).text,
            "lowest held-out accuracy 93.5%, threshold 90.0%: 3.5 points above");
  EXPECT_NE(grader::reference_margin(r, graded(4, grader::Status::Partial, "why"))
                .text.find("THE REFERENCE LOSES POINTS: why"),
            std::string::npos);
}

TEST(Audit, AnIncompleteCatalogueEntryIsNamed) {
  Scratch s;
  std::ofstream(s.path / "bad.toml") << "[[mistake]]\nname = \"x\"\nfile = \"f.cpp\"\n";
  try {
    grader::load_catalogue((s.path / "bad.toml").string());
    FAIL() << "no error";
  } catch (const grader::RubricError& e) {
    EXPECT_NE(std::string(e.what()).find("[[mistake]] 1: key 'replace'"), std::string::npos)
        << e.what();
  }
}

// sigmoid.backward with a tolerance no relative error reaches (it is at most 2):
// its mistakes get full marks, and the audit says so and fails.
TEST(Audit, ATooLaxItemMissesItsMistakesAndFails) {
  Scratch s;
  grader::Rubric lax = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  lax.items = {lax.item("sigmoid.backward"), lax.item("lab03.random")};
  lax.items[0].tolerance = 10;
  std::ofstream(s.path / "lax.toml") << grader::to_toml(lax);
  std::string log;
  EXPECT_EQ(grader_cli("--rubric " + (s.path / "lax.toml").string() + " audit", log, s.path), 1)
      << log;
  int mistakes = 0, correct = 0;
  for (const grader::CatalogueEntry& e :
       grader::load_catalogue((kRoot / grader::kCatalogue).string()))
    if (e.item == "sigmoid.backward") {
      ++(e.correct ? correct : mistakes);
      EXPECT_NE(log.find((e.correct ? "accepted" : "MISSED") + std::string(" ")), std::string::npos);
      EXPECT_NE(log.find(e.name), std::string::npos) << e.name << "\n" << log;
    }
  ASSERT_GE(mistakes, 2);
  EXPECT_EQ(count(log, "MISSED"), static_cast<std::size_t>(2 * mistakes)) << log;  // + the list
  EXPECT_NE(log.find(fmt::format("Summary: 0 of {} mistakes caught", mistakes)), std::string::npos)
      << log;
  EXPECT_NE(log.find(fmt::format("{} of {} right answers accepted", correct, correct)),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("Not covered (1 items with no catalogue entry): lab03.random"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("Audit FAILED"), std::string::npos) << log;
}

TEST(Audit, TheCourseRubricCatchesEverySigmoidMistake) {
  Scratch s;
  std::string log;
  EXPECT_EQ(grader_cli("audit --only sigmoid.backward", log, s.path), 0) << log;
  EXPECT_NE(log.find("sigmoid.backward (labs/06-activations, 3 points, layer_gradient)"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("tolerance 1e-06:"), std::string::npos) << log;
  EXPECT_NE(log.find("caught "), std::string::npos) << log;
  EXPECT_NE(log.find("sigmoid_derivative_at_output"), std::string::npos) << log;
  EXPECT_EQ(log.find("MISSED"), std::string::npos) << log;
  EXPECT_NE(log.find("Audit passed."), std::string::npos) << log;
}

TEST(Audit, AnUnknownItemOrLabIsAnError) {
  Scratch s;
  std::string log;
  EXPECT_EQ(grader_cli("audit --only no.such.item", log, s.path), 2) << log;
  EXPECT_NE(log.find("no rubric item is or belongs to 'no.such.item'"), std::string::npos) << log;
}
