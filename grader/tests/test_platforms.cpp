// The course-platform bundles, run as the platforms run them: `grader bundle`
// writes the bundle, the test lays out the platform's folders under a temporary
// root, puts a submission in, runs the bundle's entry script and reads the
// results.json it wrote. The checks are those of the platforms' specifications:
// Gradescope (score, execution_time, output, stdout_visibility, tests[name, score,
// max_score, output, visibility]) and PrairieLearn (gradable, score in [0, 1],
// message, tests[name, points, max_points, output]). Lab 05 (two files, four
// items, two of them hidden) keeps each run short; the scripts use this build's
// grader and cache instead of the ones setup.sh would build. Solution build only.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "builder.hpp"
#include "bundle.hpp"
#include "release_classroom.hpp"
#include "rubric.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kRoot = NN_SOURCE_DIR;
const std::string kLinear = "lib/nn/layers/linear.cpp";
const std::string kWorked = "labs/05-linear/worked_examples.cpp";

struct Scratch {
  fs::path path = fs::temp_directory_path() / ("platform-test-" + std::to_string(getpid()));
  Scratch() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Scratch() { fs::remove_all(path); }
};

// Runs `command` in folder `cwd` with this build's grader, framework and cache; its exit status.
int run(const std::string& command, const std::string& env = "", const std::string& cwd = "/") {
  const std::string cmd = "cd " + cwd + " && env BACKPROP_GRADER=" + std::string(NN_GRADER_EXE) +
                          " BACKPROP_FRAMEWORK=" + kRoot.string() + " BACKPROP_CACHE=" +
                          (kRoot / "build/grader-test-cache").string() + " " + env + " " +
                          command + " > /dev/null 2>&1";
  return WEXITSTATUS(std::system(cmd.c_str()));
}

std::string text_of(const fs::path& path) { return grader::read_file(path.string()); }

void put(const fs::path& dir, const std::string& name, const std::string& text) {
  fs::create_directories((dir / name).parent_path());
  std::ofstream(dir / name) << text;
}

std::string solution(const std::string& file) { return text_of(kRoot / "solutions" / file); }

// The reference linear.cpp with dW averaged over the batch: one realistic mistake.
std::string linear_with_mistake() {
  std::string text = solution(kLinear);
  const std::string right = "dW += X_.t() * dZ;";
  text.replace(text.find(right), right.size(), "dW += X_.t() * dZ / X_.n_rows;");
  return text;
}

bool is_visibility(const json& v) {
  static const std::set<std::string> values = {"hidden", "after_due_date", "after_published",
                                               "visible"};
  return v.is_string() && values.count(v.get<std::string>());
}

// Every field Gradescope reads, with its type; the score is the tests' sum.
void expect_gradescope_shape(const json& r) {
  ASSERT_TRUE(r.is_object());
  ASSERT_TRUE(r.contains("score") && r["score"].is_number());
  EXPECT_TRUE(r["execution_time"].is_number());
  EXPECT_TRUE(r["output"].is_string());
  EXPECT_TRUE(is_visibility(r["stdout_visibility"]));
  ASSERT_TRUE(r["tests"].is_array());
  double sum = 0;
  for (const json& t : r["tests"]) {
    EXPECT_TRUE(t["name"].is_string());
    EXPECT_TRUE(t["score"].is_number());
    EXPECT_TRUE(t["max_score"].is_number());
    EXPECT_TRUE(t["output"].is_string());
    EXPECT_TRUE(is_visibility(t["visibility"]));
    EXPECT_LE(t["score"].get<double>(), t["max_score"].get<double>());
    sum += t["score"].get<double>();
  }
  EXPECT_NEAR(r["score"].get<double>(), sum, 1e-9);
}

double max_score(const json& r) {
  double max = 0;
  for (const json& t : r["tests"]) max += t["max_score"].get<double>();
  return max;
}

void expect_prairielearn_shape(const json& r) {
  ASSERT_TRUE(r.is_object());
  ASSERT_TRUE(r["gradable"].is_boolean());
  ASSERT_TRUE(r["score"].is_number());
  EXPECT_GE(r["score"].get<double>(), 0.0);
  EXPECT_LE(r["score"].get<double>(), 1.0);
  EXPECT_TRUE(r["message"].is_string());
  ASSERT_TRUE(r["tests"].is_array());
  for (const json& t : r["tests"]) {
    EXPECT_TRUE(t["name"].is_string());
    EXPECT_TRUE(t["points"].is_number());
    EXPECT_TRUE(t["max_points"].is_number());
    EXPECT_TRUE(t["output"].is_string());
    EXPECT_LE(t["points"].get<double>(), t["max_points"].get<double>());
  }
}

// Gradescope's /autograder, from the zip `grader bundle gradescope` wrote.
struct Gradescope {
  Scratch scratch;
  fs::path root = scratch.path / "autograder";

  Gradescope() {
    const fs::path zip = scratch.path / "autograder.zip";
    EXPECT_EQ(run(std::string(NN_GRADER_EXE) + " bundle gradescope --lab 05 --out " +
                  zip.string()),
              0);
    // Gradescope unpacks the zip into source/ and copies run_autograder to the root.
    fs::create_directories(root);
    EXPECT_EQ(run("unzip -q " + zip.string() + " -d " + (root / "source").string()), 0);
    fs::copy_file(root / "source/run_autograder", root / "run_autograder");
  }

  // Grades what `files` holds (name -> text; "" for no submission folder at all).
  json grade(const std::map<std::string, std::string>& files) {
    fs::remove_all(root / "submission");
    fs::remove_all(root / "results");
    fs::create_directories(root / "submission");
    fs::create_directories(root / "results");
    for (const auto& [name, text] : files) put(root / "submission", name, text);
    EXPECT_EQ(run("./run_autograder", "AUTOGRADER_ROOT=" + root.string(), root.string()), 0);
    return json::parse(text_of(root / "results/results.json"));
  }
};

struct PrairieLearn {
  Scratch scratch;
  fs::path bundle = scratch.path / "bundle", root = scratch.path / "grade";

  PrairieLearn() {
    EXPECT_EQ(run(std::string(NN_GRADER_EXE) + " bundle prairielearn --lab 05 --out " +
                  bundle.string()),
              0);
    // PrairieLearn mounts the question's tests/ folder at /grade/tests.
    fs::create_directories(root);
    fs::copy(bundle / "questions/05-linear/tests", root / "tests", fs::copy_options::recursive);
  }

  json grade(const std::map<std::string, std::string>& files) {
    fs::remove_all(root / "student");
    fs::remove_all(root / "results");
    fs::create_directories(root / "student");
    for (const auto& [name, text] : files) put(root / "student", name, text);
    const fs::path script = bundle / "image/framework/grader/bundle/prairielearn/run.sh";
    EXPECT_EQ(run(script.string(), "PL_GRADE_ROOT=" + root.string()), 0);
    return json::parse(text_of(root / "results/results.json"));
  }
};

}  // namespace

TEST(Gradescope, ZipHasTheEntryScriptsAtItsRootAndTheFrameworkWithSolutions) {
  Gradescope g;
  for (const char* script : {"setup.sh", "run_autograder"}) {
    struct stat st {};
    ASSERT_EQ(stat((g.root / "source" / script).c_str(), &st), 0) << script;
    EXPECT_TRUE(st.st_mode & S_IXUSR) << script << " is not executable in the zip";
  }
  EXPECT_TRUE(fs::exists(g.root / "source/framework/solutions" / kLinear));
  EXPECT_TRUE(fs::exists(g.root / "source/framework/grader/rubric.toml"));
  EXPECT_FALSE(fs::exists(g.root / "source/framework/build"));
  EXPECT_EQ(text_of(g.root / "source/lab"), "05\n");
  // toml++'s headers, for a base image with no package of it (Ubuntu 22.04, the default)
  EXPECT_TRUE(fs::exists(g.root / "source/framework/third_party/toml++/toml.h"));
  EXPECT_TRUE(fs::exists(g.root / "source/framework/third_party/README.md"));
}

TEST(Gradescope, SolutionsScoreFullMarksAndHiddenItemsAreMarkedHidden) {
  Gradescope g;
  const json r = g.grade({{kLinear, solution(kLinear)}, {kWorked, solution(kWorked)}});
  expect_gradescope_shape(r);
  ASSERT_EQ(r["tests"].size(), 4u) << r.dump(2);
  EXPECT_DOUBLE_EQ(r["score"].get<double>(), 24.0) << r.dump(2);  // 10 + 6 + 4 + 4 points
  int hidden = 0;
  for (const json& t : r["tests"]) hidden += t["visibility"] == "hidden";
  EXPECT_EQ(hidden, 2);
}

TEST(Gradescope, PristineHandoutScoresZeroAndSaysWhatIsNotWritten) {
  Gradescope g;
  // the handout's files as they are (uploaded by name, as a student would)
  const json r = g.grade({{"linear.cpp", text_of(kRoot / kLinear)},
                          {"worked_examples.cpp", text_of(kRoot / kWorked)}});
  expect_gradescope_shape(r);
  EXPECT_EQ(r["score"].get<double>(), 0.0);
  EXPECT_EQ(max_score(r), 24.0);
  for (const json& t : r["tests"])
    EXPECT_NE(t["output"].get<std::string>().find("not implemented"), std::string::npos)
        << t.dump(2);
}

TEST(Gradescope, OneMistakeCostsOnlyItsItems) {
  Gradescope g;
  const json r = g.grade({{kLinear, linear_with_mistake()}, {kWorked, solution(kWorked)}});
  expect_gradescope_shape(r);
  for (const json& t : r["tests"]) {
    const bool linear = t["name"].get<std::string>().find("Linear") != std::string::npos;
    if (linear)
      EXPECT_LT(t["score"].get<double>(), t["max_score"].get<double>()) << t.dump(2);
    else
      EXPECT_EQ(t["score"], t["max_score"]) << t.dump(2);
  }
}

TEST(Gradescope, EmptySubmissionGetsAResultThatSaysSo) {
  Gradescope g;
  const json r = g.grade({});
  expect_gradescope_shape(r);
  EXPECT_EQ(r["score"].get<double>(), 0.0);
  EXPECT_EQ(max_score(r), 24.0);  // the student sees what there was to earn
  EXPECT_NE(r["output"].get<std::string>().find("empty"), std::string::npos) << r["output"];
}

TEST(Gradescope, WrongFileNamesAreNamedWithTheExpectedOnes) {
  Gradescope g;
  const json r = g.grade({{"Linear.cpp", solution(kLinear)}, {"notes.txt", "hello"}});
  expect_gradescope_shape(r);
  EXPECT_EQ(r["score"].get<double>(), 0.0);
  const std::string output = r["output"];
  EXPECT_NE(output.find("Linear.cpp"), std::string::npos) << output;
  EXPECT_NE(output.find("linear.cpp"), std::string::npos) << output;
  EXPECT_NE(output.find("worked_examples.cpp"), std::string::npos) << output;
}

TEST(Gradescope, CodeThatDoesNotCompileShowsTheCompilerMessage) {
  Gradescope g;
  std::string broken = solution(kLinear);
  broken.replace(broken.find("dW += X_.t() * dZ;"), 18, "dW += X_.t() * dZ");  // no semicolon
  const json r = g.grade({{"linear.cpp", broken}});
  expect_gradescope_shape(r);
  EXPECT_EQ(r["score"].get<double>(), 0.0);
  const std::string output = r["output"];
  EXPECT_NE(output.find("does not compile"), std::string::npos) << output;
  EXPECT_NE(output.find("linear.cpp"), std::string::npos) << output;
}

TEST(PrairieLearn, BundleHasTheImageAndOneQuestionPerLab) {
  PrairieLearn p;
  EXPECT_TRUE(fs::exists(p.bundle / "image/Dockerfile"));
  EXPECT_TRUE(fs::exists(p.bundle / "image/framework/solutions" / kLinear));
  EXPECT_TRUE(fs::exists(p.bundle / "image/framework/third_party/toml++/toml.h"));
  const json info = json::parse(text_of(p.bundle / "questions/05-linear/info.json"));
  EXPECT_EQ(info["gradingMethod"], "External");
  EXPECT_EQ(info["externalGradingOptions"]["entrypoint"],
            "/opt/backprop-lab/grader/bundle/prairielearn/run.sh");
  EXPECT_EQ(info["uuid"].get<std::string>().size(), 36u);
  const std::string html = text_of(p.bundle / "questions/05-linear/question.html");
  EXPECT_NE(html.find("file-names=\"linear.cpp, worked_examples.cpp\""), std::string::npos)
      << html;
}

TEST(PrairieLearn, SolutionsScoreOneAndHiddenItemsAreFoldedWithoutDetails) {
  PrairieLearn p;
  const json r = p.grade({{"linear.cpp", solution(kLinear)},
                          {"worked_examples.cpp", solution(kWorked)}});
  expect_prairielearn_shape(r);
  EXPECT_TRUE(r["gradable"].get<bool>());
  EXPECT_DOUBLE_EQ(r["score"].get<double>(), 1.0) << r.dump(2);
  ASSERT_EQ(r["tests"].size(), 3u);  // two visible items and one line for the two hidden
  EXPECT_EQ(r["tests"][2]["max_points"].get<double>(), 8.0);
}

TEST(PrairieLearn, PristineHandoutAndOneMistakeAreGradable) {
  PrairieLearn p;
  json r = p.grade({{"linear.cpp", text_of(kRoot / kLinear)},
                    {"worked_examples.cpp", text_of(kRoot / kWorked)}});
  expect_prairielearn_shape(r);
  EXPECT_TRUE(r["gradable"].get<bool>());
  EXPECT_EQ(r["score"].get<double>(), 0.0);

  r = p.grade({{"linear.cpp", linear_with_mistake()}, {"worked_examples.cpp", solution(kWorked)}});
  expect_prairielearn_shape(r);
  EXPECT_TRUE(r["gradable"].get<bool>());
  EXPECT_GT(r["score"].get<double>(), 0.0);
  EXPECT_LT(r["score"].get<double>(), 1.0);
}

TEST(PrairieLearn, EmptyOrNonCompilingSubmissionIsNotGradableWithAMessage) {
  PrairieLearn p;
  json r = p.grade({});
  expect_prairielearn_shape(r);
  EXPECT_FALSE(r["gradable"].get<bool>());
  EXPECT_NE(r["message"].get<std::string>().find("empty"), std::string::npos) << r["message"];

  r = p.grade({{"linear.cpp", "this is not C++\n"}});
  expect_prairielearn_shape(r);
  EXPECT_FALSE(r["gradable"].get<bool>());
  EXPECT_NE(r["message"].get<std::string>().find("does not compile"), std::string::npos)
      << r["message"];
}

TEST(GitHubClassroom, OneTestPerLabRunsItsVisibleChecksForItsVisiblePoints) {
  Scratch s;
  const grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  grader::Rubric visible = rubric;
  visible.items.clear();
  for (const grader::RubricItem& item : rubric.items)
    if (item.visibility == grader::Visibility::Visible) visible.items.push_back(item);
  grader::write_classroom_autograding(visible, kRoot.string(), s.path.string());

  const json tests = json::parse(text_of(s.path / ".github/classroom/autograding.json"))["tests"];
  std::map<std::string, double> expected;  // "lab 05-linear" -> visible points
  for (const grader::RubricItem& item : visible.items)
    expected["lab " + fs::path(item.lab).filename().string()] += item.points;
  ASSERT_EQ(tests.size(), expected.size());
  for (const json& t : tests) {
    const std::string name = t["name"];
    ASSERT_TRUE(expected.count(name)) << name;
    EXPECT_EQ(t["points"].get<double>(), expected[name]) << name;
    EXPECT_EQ(t["run"], "./build/student/grader/grader check --lab " + name.substr(4));
    // the grader alone is built: check compiles the student's code itself
    const std::string setup = t["setup"], build = "cmake --build --preset student --target grader";
    EXPECT_EQ(setup.substr(setup.size() - std::min(setup.size(), build.size())), build) << setup;
    // only the packages building and grading need: GitHub's Ubuntu has no chromium package
    EXPECT_EQ(setup.rfind("scripts/setup.sh --deps-only --grading && ", 0), 0u) << setup;
    EXPECT_TRUE(t["timeout"].is_number());
  }
  EXPECT_EQ(expected["lab 05-linear"], 16.0);  // linear.backward 10 + lab05.worked_examples 6
  EXPECT_TRUE(fs::exists(s.path / ".github/workflows/classroom.yml"));
}

// In a platform's container without bubblewrap, student code runs as other users:
// hide_course_files leaves them the handout's folders and the precompiled headers,
// and nothing else of the instructor's (the reference, the rubric, the held-out data,
// the reference's objects, workers and answers).
TEST(Platform, HideCourseFilesLeavesOtherUsersOnlyWhatAHandoutShows) {
  const fs::path root = fs::temp_directory_path() / ("hide-test-" + std::to_string(getpid()));
  fs::remove_all(root);
  for (const char* file :
       {"lib/nn/layer.hpp", "labs/01-neurons/perceptron.cpp", "grader/src/protocol.hpp",
        "grader/worker/worker.cpp", "grader/rubric.toml", "grader/heldout/digits.csv",
        "solutions/lib/nn/layers/relu.cpp", "build/solution/grader/grader_worker",
        "build/grader-cache/pch-1/pch.hpp", "build/grader-cache/0123.o",
        "build/grader-cache/answers-worker-1/a.msg", "build/grader-cache/worker-1", ".git/HEAD"}) {
    fs::create_directories((root / file).parent_path());
    std::ofstream(root / file) << "x";
    fs::permissions(root / file, fs::perms::owner_read | fs::perms::owner_write |
                                     fs::perms::group_read | fs::perms::others_read);
  }
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it)
    if (it->is_directory()) fs::permissions(it->path(), fs::perms::all & ~fs::perms::group_write & ~fs::perms::others_write);
  fs::permissions(root, fs::perms::all & ~fs::perms::group_write & ~fs::perms::others_write);

  grader::hide_course_files(root.string(), (root / "build/grader-cache").string());
  auto others = [&](const char* path) {
    return fs::status(root / path).permissions() & fs::perms::others_all;
  };
  const fs::perms none = fs::perms::none, pass = fs::perms::others_exec,
                  read_dir = fs::perms::others_read | fs::perms::others_exec;
  for (const char* shown : {"lib", "labs", "grader/src", "grader/worker", "build/grader-cache/pch-1"})
    EXPECT_EQ(others(shown), read_dir) << shown;
  EXPECT_EQ(others("lib/nn/layer.hpp"), fs::perms::others_read);
  for (const char* on_the_way : {"", "grader", "build", "build/grader-cache"})
    EXPECT_EQ(others(on_the_way), pass) << on_the_way;
  for (const char* hidden : {"grader/rubric.toml", "grader/heldout", "solutions", "build/solution",
                             "build/grader-cache/0123.o", "build/grader-cache/answers-worker-1",
                             "build/grader-cache/worker-1", ".git"})
    EXPECT_EQ(others(hidden), none) << hidden;
  EXPECT_TRUE(fs::status(root / "solutions").permissions() == (fs::perms::all & ~fs::perms::group_write & ~fs::perms::others_all))
      << "the owner and the group keep theirs";
  fs::remove_all(root);
}
