// The grader command itself: grade writes every report; batch grades a class in
// parallel, resumes without redoing finished work and ends with marks.csv; release
// writes a handout without solutions or hidden items, whose checks judge with the
// reference answers it ships. Solution build only.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "builder.hpp"
#include "checks.hpp"
#include "rubric.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = NN_SOURCE_DIR;

struct Scratch {
  fs::path path = fs::temp_directory_path() / ("cli-test-" + std::to_string(getpid()));
  Scratch() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Scratch() { fs::remove_all(path); }
};

// Runs the grader with `args` (and environment variables `env`, "NAME=value ...");
// returns its exit status and puts its output in `out`.
int grader_cli(const std::string& args, std::string& out, const fs::path& scratch,
               const std::string& env = "") {
  const std::string log = (scratch / "cli.log").string();
  const std::string cmd = env + " " + std::string(NN_GRADER_EXE) + " --cache " +
                          (kRoot / "build/grader-test-cache").string() + " " + args + " > " + log +
                          " 2>&1";
  const int status = std::system(cmd.c_str());
  out = grader::read_file(log);
  return WEXITSTATUS(status);
}

void copy_solution(const std::string& file, const fs::path& dir) {
  fs::create_directories((dir / file).parent_path());
  fs::copy_file(kRoot / "solutions" / file, dir / file, fs::copy_options::overwrite_existing);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST(Cli, BatchGradesAClassResumesAndWritesMarks) {
  Scratch s;
  const fs::path subs = s.path / "submissions", out = s.path / "out";
  fs::create_directories(subs);
  fs::copy(kRoot / "solutions", subs / "alice", fs::copy_options::recursive);  // everything right
  fs::create_directories(subs / "bob");                                        // nothing written
  copy_solution("lib/nn/layers/linear.cpp", subs / "carol");                   // one mistake
  std::string text = grader::read_file((subs / "carol/lib/nn/layers/linear.cpp").string());
  text.replace(text.find("dW += X_.t() * dZ;"), 18, "dW += X_.t() * dZ / X_.n_rows;");
  std::ofstream(subs / "carol/lib/nn/layers/linear.cpp") << text;
  fs::create_directories(out / "dave.partial");  // an interrupted earlier run left this behind
  fs::create_directories(subs / "dave");

  std::string log;
  ASSERT_EQ(
      grader_cli("batch --submissions " + subs.string() + " --out " + out.string() + " --jobs 2",
                 log, s.path),
      0)
      << log;
  EXPECT_NE(log.find("4 graded, 0 already graded, 0 failed"), std::string::npos) << log;
  for (const char* id : {"alice", "bob", "carol", "dave"}) {
    EXPECT_TRUE(fs::exists(out / id / "results.json")) << id;
    EXPECT_TRUE(fs::exists(out / id / "report.html")) << id;
    EXPECT_FALSE(fs::exists(out / (std::string(id) + ".partial"))) << id;
  }
  const std::vector<std::string> marks = lines_of(grader::read_file((out / "marks.csv").string()));
  ASSERT_EQ(marks.size(), 5u);
  const grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  double max = 0;
  for (const grader::RubricItem& item : rubric.items) max += item.points;
  const std::string full = fmt::format(",{:g},{:g}", max, max);
  EXPECT_EQ(marks[1].rfind("alice,", 0), 0u);
  EXPECT_NE(marks[1].find(full), std::string::npos) << marks[1];
  EXPECT_NE(marks[2].find(fmt::format(",0,{:g}", max)), std::string::npos) << marks[2];  // bob
  EXPECT_EQ(marks[3].find(full), std::string::npos) << "carol lost points: " << marks[3];
  EXPECT_NE(marks[3].rfind("carol,", 0), std::string::npos);

  // Run again: nothing is redone.
  ASSERT_EQ(
      grader_cli("batch --submissions " + subs.string() + " --out " + out.string(), log, s.path),
      0);
  EXPECT_NE(log.find("0 graded, 4 already graded, 0 failed"), std::string::npos) << log;
}

TEST(Cli, GradeWritesEveryReportAndGradescopeJson) {
  Scratch s;
  copy_solution("lib/nn/layers/sigmoid.cpp", s.path / "sub");
  std::string log;
  ASSERT_EQ(grader_cli("grade --submission " + (s.path / "sub").string() + " --out " +
                           (s.path / "out").string() + " --student s1",
                       log, s.path),
            0)
      << log;
  for (const char* f : {"results.json", "summary.json", "report.md", "report.html"})
    EXPECT_TRUE(fs::exists(s.path / "out" / f)) << f;
  const nlohmann::json j =
      nlohmann::json::parse(grader::read_file((s.path / "out/results.json").string()));
  double sum = 0;
  for (const auto& t : j.at("tests")) sum += t.at("score").get<double>();
  EXPECT_DOUBLE_EQ(j.at("score").get<double>(), sum);
  EXPECT_GT(sum, 0);  // the sigmoid item
  EXPECT_NE(log.find("Total:"), std::string::npos);
}

TEST(Cli, ErrorsAreClear) {
  Scratch s;
  std::string log;
  // CLI11 rejects the option with its own (non-zero) exit status and says why
  EXPECT_NE(grader_cli("grade --submission /no/such/dir --out " + s.path.string(), log, s.path), 0);
  EXPECT_NE(log.find("/no/such/dir"), std::string::npos) << log;
  std::ofstream(s.path / "bad.toml") << "seed = 1\n[[item]]\nid = \"x\"\n";
  EXPECT_EQ(grader_cli("--rubric " + (s.path / "bad.toml").string() + " grade --submission " +
                           s.path.string() + " --out " + (s.path / "o").string(),
                       log, s.path),
            2);
  EXPECT_NE(log.find("bad.toml: item 1 ('x'): key 'title': is missing"), std::string::npos) << log;
}

TEST(Cli, ReleaseHasNoSolutionsAndNoHiddenItems) {
  Scratch s;
  std::string log;
  ASSERT_EQ(grader_cli("release --out " + (s.path / "handout").string(), log, s.path), 0) << log;
  const fs::path h = s.path / "handout";
  EXPECT_FALSE(fs::exists(h / "solutions"));
  EXPECT_FALSE(fs::exists(h / "grader/tests"));
  EXPECT_TRUE(fs::exists(h / "lib/nn/layers/linear.cpp"));
  EXPECT_NE(grader::read_file((h / "README.md").string()).find("your handout"), std::string::npos);
  const grader::Rubric visible = grader::load_rubric((h / "grader/rubric.toml").string());
  for (const grader::RubricItem& item : visible.items)
    EXPECT_EQ(item.visibility, grader::Visibility::Visible) << item.id;
  EXPECT_THROW(visible.item("linear.backward.large"), std::out_of_range);
  // the handout's stubs are the real ones
  EXPECT_NE(grader::read_file((h / "lib/nn/layers/linear.cpp").string())
                .find("throw NotImplemented(\"Linear::backward\""),
            std::string::npos);
  // no held-out data: neither the instructor's file nor its rows in the handout's digits
  EXPECT_FALSE(fs::exists(h / "grader/heldout"));
  const std::vector<std::string> held_out = lines_of(
                                     grader::read_file((kRoot / "grader/heldout/digits.csv").string())),
                                 all = lines_of(grader::read_file((kRoot / "datasets/digits.csv").string())),
                                 released = lines_of(grader::read_file((h / "datasets/digits.csv").string()));
  ASSERT_GT(held_out.size(), 100u);
  EXPECT_EQ(released.size(), all.size() - (held_out.size() - 1));  // the header stays
  EXPECT_EQ(released.front(), all.front());
  const std::set<std::string> released_rows(released.begin(), released.end());
  for (std::size_t i = 1; i < held_out.size(); ++i)
    EXPECT_EQ(released_rows.count(held_out[i]), 0u) << "held-out row " << i << " was released";
  // refuses to write over an existing folder
  EXPECT_EQ(grader_cli("release --out " + h.string(), log, s.path), 2);
  EXPECT_NE(log.find("exists and is not empty"), std::string::npos);
}

// Where bubblewrap cannot run, grading refuses and says why, unless the instructor
// accepts the weaker sandbox with --weak-sandbox.
TEST(Cli, RefusesToGradeWithoutBubblewrapUnlessToldToAcceptLess) {
  Scratch s;
  std::string log;
  const std::string no_bwrap = "GRADER_BWRAP=/no/such/bwrap";
  EXPECT_EQ(grader_cli("grade --submission " + (kRoot / "solutions").string() + " --out " +
                           (s.path / "o").string(),
                       log, s.path, no_bwrap),
            2);
  EXPECT_NE(log.find("student code cannot be sandboxed here: /no/such/bwrap is not installed"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("--weak-sandbox"), std::string::npos) << log;
  EXPECT_FALSE(fs::exists(s.path / "o"));
  fs::create_directories(s.path / "class/alice");
  EXPECT_EQ(grader_cli("batch --submissions " + (s.path / "class").string() + " --out " +
                           (s.path / "marks").string(),
                       log, s.path, no_bwrap),
            2);
  EXPECT_NE(log.find("cannot be sandboxed"), std::string::npos) << log;

  // accepted: one item, graded in the plain sandbox
  std::string rubric = grader::read_file((kRoot / "grader/rubric.toml").string());
  {  // the rubric's header and its linear.backward item only
    const std::size_t item = rubric.rfind("[[item]]", rubric.find("id = \"linear.backward\""));
    const std::size_t next = rubric.find("[[item]]", item + 1);
    rubric = rubric.substr(0, rubric.find("[[item]]")) +
             rubric.substr(item, next == std::string::npos ? std::string::npos : next - item);
  }
  std::ofstream(s.path / "one.toml") << rubric;
  ASSERT_EQ(grader_cli("--rubric " + (s.path / "one.toml").string() + " grade --weak-sandbox " +
                           "--submission " + (kRoot / "solutions").string() + " --out " +
                           (s.path / "o").string(),
                       log, s.path, no_bwrap),
            0)
      << log;
  EXPECT_NE(log.find("grading with the weaker sandbox"), std::string::npos) << log;
  const nlohmann::json summary =
      nlohmann::json::parse(grader::read_file((s.path / "o/summary.json").string()));
  ASSERT_EQ(summary.at("items").size(), 1u);
  EXPECT_EQ(summary.at("items")[0].at("points"), summary.at("items")[0].at("max_points"));
}

namespace {

// The items of a `grader check` run, from the summary it wrote into the handout.
std::map<std::string, nlohmann::json> checked_items(const fs::path& handout) {
  const nlohmann::json j = nlohmann::json::parse(
      grader::read_file((handout / "build/grader-report/summary.json").string()));
  std::map<std::string, nlohmann::json> items;
  for (const auto& item : j.at("items")) items[item.at("id").get<std::string>()] = item;
  return items;
}

}  // namespace

// A handout has no solutions/: its optimizer checks judge against the answers
// `grader release` shipped, so a wrong update loses points there, and without
// those answers the items say so (an error, not a pass, not a crash).
TEST(Cli, HandoutJudgesOptimizersWithShippedAnswers) {
  Scratch s;
  std::string log;
  const fs::path h = s.path / "handout";
  ASSERT_EQ(grader_cli("release --out " + h.string(), log, s.path), 0) << log;
  const grader::Rubric visible = grader::load_rubric((h / "grader/rubric.toml").string());
  std::size_t requests = 0;
  for (const grader::RubricItem& item : visible.items)
    requests += grader::reference_requests(item, visible.seed).size();
  std::size_t shipped = 0;
  for (const auto& e : fs::directory_iterator(h / "grader/answers"))
    shipped += e.path().extension() == ".msg";
  EXPECT_GE(requests, 7u);  // one per visible optimizer item at least
  EXPECT_EQ(shipped, requests);

  // The student wrote everything, but Momentum's velocity forgets beta.
  for (const auto& e : fs::recursive_directory_iterator(kRoot / "solutions"))
    if (e.is_regular_file())
      fs::copy_file(e.path(), h / fs::relative(e.path(), kRoot / "solutions"),
                    fs::copy_options::overwrite_existing);
  const fs::path momentum = h / "lib/nn/optim/momentum.cpp";
  std::string text = grader::read_file(momentum.string());
  const std::string right = "v = beta * v - learning_rate * g;";
  ASSERT_NE(text.find(right), std::string::npos);
  text.replace(text.find(right), right.size(), "v = v - learning_rate * g;");
  std::ofstream(momentum) << text;

  const std::string check = "--root " + h.string() + " check --lab 09";
  EXPECT_EQ(grader_cli(check, log, s.path), 1) << log;
  std::map<std::string, nlohmann::json> items = checked_items(h);
  ASSERT_TRUE(items.count("momentum.step")) << log;
  EXPECT_LT(items["momentum.step"].at("points").get<double>(),
            items["momentum.step"].at("max_points").get<double>());
  for (const char* id : {"nesterov.step", "adam.step", "rmsprop.step"}) {
    ASSERT_TRUE(items.count(id)) << id;
    EXPECT_EQ(items[id].at("status"), "passed") << id << ": " << items[id].at("message");
  }

  // Without the shipped answers there is nothing to judge against: an error that says why.
  fs::remove_all(h / "grader/answers");
  EXPECT_EQ(grader_cli(check, log, s.path), 1) << log;
  items = checked_items(h);
  EXPECT_EQ(items["adam.step"].at("status"), "error");
  EXPECT_EQ(items["adam.step"].at("points").get<double>(), 0);
  EXPECT_NE(items["adam.step"].at("message").get<std::string>().find("no reference answer"),
            std::string::npos)
      << items["adam.step"].at("message");
}
