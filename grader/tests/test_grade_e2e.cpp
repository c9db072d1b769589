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
  grader::GradeOptions o = options_for(kRoot / "solutions", "grader-test-cache");
  o.combined_build = true;  // as `grader grade` does
  const grader::Submission s = grader::grade(rubric, o, &stats);
  ASSERT_EQ(s.items.size(), rubric.items.size());
  for (const grader::Item& item : s.items)
    EXPECT_EQ(item.status, grader::Status::Passed) << item.id << ": " << item.message;
  EXPECT_EQ(s.total(), s.max_total());
  // every item settled by a worker built from the files compiled together
  EXPECT_EQ(stats.units_compiled + stats.units_cached, 1);
  EXPECT_EQ(stats.settled_together, static_cast<int>(rubric.items.size()));
  EXPECT_EQ(stats.rechecked_alone, 0);
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
  grader::GradeOptions o = options_for(empty, "grader-test-cache");
  o.combined_build = true;
  const grader::Submission s = grader::grade(rubric, o, &stats);
  fs::remove_all(empty);
  EXPECT_EQ(stats.runs_alone, 0);  // "not implemented" is an answer: sessions gave them all
  EXPECT_EQ(stats.units_compiled + stats.units_cached, 0);  // no file handed in: the stubs alone
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

// A file handed in empty (or cut short) compiles but leaves definitions missing: the
// link fails, and that is the student's to mend (a build error), not the grader's.
TEST(EndToEnd, AnEmptyFileIsTheStudentsBuildErrorNotTheGraders) {
  const fs::path sub = fs::temp_directory_path() / ("empty-file-" + std::to_string(getpid()));
  fs::remove_all(sub);
  fs::create_directories(sub / "lib/nn/layers");
  std::ofstream(sub / "lib/nn/layers/relu.cpp") << "// " << getpid() << "\n";
  grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  rubric.items = {rubric.item("relu.backward")};
  const grader::Submission s = grader::grade(rubric, options_for(sub, "grader-test-cache"));
  fs::remove_all(sub);
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(s.items[0].status, grader::Status::CompileError);
  EXPECT_NE(s.items[0].message.find("your code does not link"), std::string::npos)
      << s.items[0].message;
}

// Files compiled together (as `grader grade` does): another file's crash or
// mistake costs only its own items, with the verdict grading each file alone gives;
// files that cannot share a unit are each compiled alone.
namespace {

fs::path solutions_copy(const std::string& name) {
  const fs::path sub = fs::temp_directory_path() / (name + "-" + std::to_string(getpid()));
  fs::remove_all(sub);
  fs::copy(kRoot / "solutions", sub, fs::copy_options::recursive);
  // never seen before: the object cache outlives test runs
  for (const char* file :
       {"lib/nn/layers/linear.cpp", "lib/nn/layers/relu.cpp", "lib/nn/layers/tanh.cpp"})
    std::ofstream(sub / file, std::ios::app)
        << "// " << name << " " << getpid() << " "
        << std::chrono::steady_clock::now().time_since_epoch().count() << "\n";
  return sub;
}

grader::Rubric three_layers() {
  grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  rubric.items = {rubric.item("linear.backward"), rubric.item("relu.backward"),
                  rubric.item("tanh.backward")};
  return rubric;
}

}  // namespace

TEST(EndToEnd, TogetherAFilesCrashOrMistakeCostsOnlyItsItemsAsWhenEachFileIsAlone) {
  const fs::path sub = solutions_copy("together");
  // relu.cpp crashes before main (a global's constructor), tanh.cpp has a wrong derivative
  std::ofstream(sub / "lib/nn/layers/relu.cpp", std::ios::app)
      << "#include <cstdlib>\nnamespace { struct Boom { Boom() { std::abort(); } } boom; }\n";
  const fs::path tanh = sub / "lib/nn/layers/tanh.cpp";
  std::string text = grader::read_file(tanh.string());
  const std::string right = "1 - arma::square(Y_)", wrong = "1 - Y_";
  ASSERT_NE(text.find(right), std::string::npos) << "the solution's tanh.cpp changed";
  text.replace(text.find(right), right.size(), wrong);
  std::ofstream(tanh) << text;
  const grader::Rubric rubric = three_layers();
  grader::GradeOptions o = options_for(sub, "grader-test-cache");
  grader::GradeStats together_stats;
  o.combined_build = true;
  const grader::Submission together = grader::grade(rubric, o, &together_stats);
  o.combined_build = false;
  const grader::Submission alone = grader::grade(rubric, o);
  fs::remove_all(sub);
  EXPECT_EQ(together_stats.units_compiled, 1);
  EXPECT_EQ(together_stats.rechecked_alone, 3);  // each crashed at start together
  ASSERT_EQ(together.items.size(), 3u);
  ASSERT_EQ(alone.items.size(), 3u);
  EXPECT_EQ(together.items[0].status, grader::Status::Passed) << together.items[0].message;
  EXPECT_EQ(together.items[1].status, grader::Status::Crashed) << together.items[1].message;
  EXPECT_EQ(together.items[2].status, grader::Status::Failed) << together.items[2].message;
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(together.items[i].status, alone.items[i].status) << together.items[i].id;
    EXPECT_EQ(together.items[i].points, alone.items[i].points) << together.items[i].id;
    EXPECT_EQ(together.items[i].message, alone.items[i].message) << together.items[i].id;
  }
}

TEST(EndToEnd, TogetherFilesThatCannotShareAUnitAreCompiledAlone) {
  const fs::path sub = solutions_copy("clash");
  for (const char* file : {"lib/nn/layers/linear.cpp", "lib/nn/layers/tanh.cpp"})
    std::ofstream(sub / file, std::ios::app) << "double my_helper(double x) { return x; }\n";
  const grader::Rubric rubric = three_layers();
  grader::GradeOptions o = options_for(sub, "grader-test-cache");
  o.combined_build = true;
  grader::GradeStats stats;
  const grader::Submission s = grader::grade(rubric, o, &stats);
  fs::remove_all(sub);
  EXPECT_EQ(stats.units_compiled + stats.units_cached, 0);
  EXPECT_EQ(stats.compiled, 3);
  EXPECT_EQ(s.total(), s.max_total());
}
