// Grading whole submissions end to end (solution build: grading needs solutions/):
// the solutions reach full marks, the pristine handout scores zero on every item
// without a crash, and re-grading after a one-file edit recompiles only that file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "builder.hpp"
#include "grade.hpp"
#include "report.hpp"
#include "rubric.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = NN_SOURCE_DIR;

grader::GradeOptions options_for(const fs::path& submission, const std::string& cache) {
  grader::GradeOptions o;
  o.root = kRoot.string();
  o.submission = submission.string();
  o.cache_dir = (kRoot / "build" / cache).string();
  o.work_dir = (fs::temp_directory_path() / ("e2e-" + std::to_string(getpid()))).string();
  return o;
}

}  // namespace

TEST(EndToEnd, SolutionsScoreFullMarks) {
  const grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  grader::GradeStats stats;
  const grader::Submission s =
      grader::grade(rubric, options_for(kRoot / "solutions", "grader-test-cache"), &stats);
  ASSERT_EQ(s.items.size(), rubric.items.size());
  for (const grader::Item& item : s.items)
    EXPECT_EQ(item.status, grader::Status::Passed) << item.id << ": " << item.message;
  EXPECT_EQ(s.total(), s.max_total());
  // every request a check sent was planned and answered in its item's worker session
  EXPECT_GT(stats.sessions, 20);
  EXPECT_GT(stats.session_answers, 300);
  EXPECT_EQ(stats.runs_alone, 0) << stats.sessions << " sessions answered "
                                 << stats.session_answers << " requests";
  // the training item brings its learning curves into the reports
  for (const grader::Item& item : s.items)
    if (item.id == "classifier.digits") {
      ASSERT_TRUE(item.history.has_value());
      EXPECT_GT(item.history->epochs.size(), 5u);
      EXPECT_EQ(item.history->val_loss.size(), item.history->epochs.size());
    }
  EXPECT_NE(grader::to_html(s).find("<polyline"), std::string::npos);
}

TEST(EndToEnd, PristineHandoutScoresZeroAndSaysNotImplemented) {
  const fs::path empty = fs::temp_directory_path() / ("empty-" + std::to_string(getpid()));
  fs::create_directories(empty);
  const grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  grader::GradeStats stats;
  const grader::Submission s =
      grader::grade(rubric, options_for(empty, "grader-test-cache"), &stats);
  fs::remove_all(empty);
  EXPECT_EQ(stats.runs_alone, 0);  // "not implemented" is an answer: sessions gave them all
  ASSERT_EQ(s.items.size(), rubric.items.size());
  for (const grader::Item& item : s.items) {
    EXPECT_EQ(item.points, 0) << item.id;
    EXPECT_EQ(item.status, grader::Status::NotImplemented) << item.id << ": " << item.message;
    EXPECT_NE(item.message.find("not implemented yet"), std::string::npos) << item.id;
  }
  EXPECT_NE(s.output.find("is not in the submission"), std::string::npos);
}

TEST(EndToEnd, RegradingAfterAOneFileEditRecompilesOnlyThatFile) {
  const fs::path sub = fs::temp_directory_path() / ("edit-" + std::to_string(getpid()));
  fs::remove_all(sub);
  fs::copy(kRoot / "solutions", sub, fs::copy_options::recursive);
  grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  rubric.items = {rubric.item("linear.backward"), rubric.item("relu.backward")};
  grader::GradeStats first, second;
  grader::grade(rubric, options_for(sub, "grader-test-cache"), &first);
  // an edit never seen before: the object cache outlives test runs
  std::ofstream(sub / "lib/nn/layers/relu.cpp", std::ios::app)
      << "// an edit " << getpid() << " "
      << std::chrono::steady_clock::now().time_since_epoch().count() << "\n";
  const grader::Submission s =
      grader::grade(rubric, options_for(sub, "grader-test-cache"), &second);
  fs::remove_all(sub);
  EXPECT_EQ(second.compiled, 1);  // relu.cpp, and nothing else
  EXPECT_GT(second.cached, 60);
  EXPECT_EQ(second.linked, 1);  // relu's worker; linear's is reused
  EXPECT_EQ(s.total(), s.max_total());
}

// Several compilers at once: each new file compiled once, a file that does not
// compile still costs only its own item, with the compiler's words.
TEST(EndToEnd, FilesCompiledInParallelAreCompiledOnceAndErrorsStillReported) {
  const fs::path sub = fs::temp_directory_path() / ("parallel-" + std::to_string(getpid()));
  fs::remove_all(sub);
  fs::copy(kRoot / "solutions", sub, fs::copy_options::recursive);
  const std::string edit = "// an edit " + std::to_string(getpid()) + " " +
                           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  rubric.items = {rubric.item("relu.backward"), rubric.item("tanh.backward"),
                  rubric.item("sigmoid.backward")};
  grader::GradeOptions o = options_for(sub, "grader-test-cache");
  o.compile_jobs = 2;
  grader::grade(rubric, o);  // the reference objects cached (the cache outlives test runs)
  for (const char* file : {"lib/nn/layers/relu.cpp", "lib/nn/layers/tanh.cpp"})
    std::ofstream(sub / file, std::ios::app) << edit << "\n";
  std::ofstream(sub / "lib/nn/layers/sigmoid.cpp", std::ios::app) << "int broken = ;\n" << edit;
  grader::GradeStats stats;
  const grader::Submission s = grader::grade(rubric, o, &stats);
  fs::remove_all(sub);
  EXPECT_EQ(stats.compiled, 3);  // the three edited files, each once
  ASSERT_EQ(s.items.size(), 3u);
  EXPECT_EQ(s.items[0].points, s.items[0].max_points) << s.items[0].message;
  EXPECT_EQ(s.items[1].points, s.items[1].max_points) << s.items[1].message;
  EXPECT_EQ(s.items[2].status, grader::Status::CompileError);
  EXPECT_NE(s.items[2].message.find("lib/nn/layers/sigmoid.cpp: does not compile"),
            std::string::npos)
      << s.items[2].message;
}
