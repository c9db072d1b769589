// The grader command itself: grade writes every report; batch grades a class in
// parallel, grades again only students whose files changed and ends with marks.csv;
// release writes a handout without solutions, hidden items or the instructor's stub
// tests, whose checks judge with the reference answers it ships; check prints one line
// per item and a table. Solution build only.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "audit.hpp"
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

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// A handout (`grader release`) in the scratch folder, with the solution of each
// of `solved` laid over it: a student who has written those files.
fs::path handout(const Scratch& s, const std::vector<std::string>& solved) {
  std::string log;
  const fs::path h = s.path / "handout";
  EXPECT_EQ(grader_cli("release --out " + h.string(), log, s.path), 0) << log;
  for (const std::string& file : solved) copy_solution(file, h);
  return h;
}

// The course rubric's header and its linear.backward item, written into the
// scratch folder: a rubric that grades in seconds.
fs::path linear_rubric(const Scratch& s) {
  std::string rubric = grader::read_file((kRoot / "grader/rubric.toml").string());
  const std::size_t item = rubric.rfind("[[item]]", rubric.find("id = \"linear.backward\""));
  const std::size_t next = rubric.find("[[item]]", item + 1);
  rubric = rubric.substr(0, rubric.find("[[item]]")) +
           rubric.substr(item, next == std::string::npos ? std::string::npos : next - item);
  const fs::path path = s.path / "linear.toml";
  std::ofstream(path) << rubric;
  return path;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

// On a one-item rubric (linear.backward, 10 points), so that its five runs take
// seconds: EndToEnd tests grade with the course rubric.
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

  const std::string batch = "--rubric " + linear_rubric(s).string() + " batch --submissions " +
                            subs.string() + " --out " + out.string();
  std::string log;
  ASSERT_EQ(grader_cli(batch + " --jobs 2", log, s.path), 0) << log;
  EXPECT_NE(log.find("4 graded, 0 unchanged since their last grading, 0 failed"),
            std::string::npos)
      << log;
  for (const char* id : {"alice", "bob", "carol", "dave"}) {
    EXPECT_TRUE(fs::exists(out / id / "results.json")) << id;
    EXPECT_TRUE(fs::exists(out / id / "report.html")) << id;
    EXPECT_FALSE(fs::exists(out / (std::string(id) + ".partial"))) << id;
  }
  const std::vector<std::string> marks = lines_of(grader::read_file((out / "marks.csv").string()));
  ASSERT_EQ(marks.size(), 5u);
  EXPECT_EQ(marks[0], "student,linear.backward,total,max,lab05");  // its lab: labs/05-linear
  EXPECT_EQ(marks[1], "alice,10,10,10,10");
  EXPECT_EQ(marks[2], "bob,0,0,10,0");
  EXPECT_EQ(marks[3].rfind("carol,", 0), 0u);
  EXPECT_NE(marks[3], "carol,10,10,10,10") << "carol lost points for dW";
  EXPECT_NE(marks[3], "carol,0,0,10,0") << "but not for dX and db";

  // Run again: nothing is redone.
  ASSERT_EQ(grader_cli(batch, log, s.path), 0);
  EXPECT_NE(log.find("0 graded, 4 unchanged since their last grading, 0 failed"),
            std::string::npos)
      << log;

  // Carol fixes her file: she alone is graded again, and gets full marks.
  copy_solution("lib/nn/layers/linear.cpp", subs / "carol");
  ASSERT_EQ(grader_cli(batch, log, s.path), 0);
  EXPECT_NE(log.find("graded carol"), std::string::npos) << log;
  EXPECT_NE(log.find("1 graded, 3 unchanged since their last grading, 0 failed"),
            std::string::npos)
      << log;
  const std::vector<std::string> fixed = lines_of(grader::read_file((out / "marks.csv").string()));
  ASSERT_EQ(fixed.size(), 5u);
  EXPECT_EQ(fixed[3], "carol,10,10,10,10");
  EXPECT_FALSE(fs::exists(out / "carol.partial"));

  // --force grades everyone again.
  ASSERT_EQ(grader_cli(batch + " --force", log, s.path), 0);
  EXPECT_NE(log.find("4 graded, 0 unchanged since their last grading, 0 failed"),
            std::string::npos)
      << log;
}

// A grade with an item the grader could not judge (status "error": here the
// rubric names a layer the worker does not know) is kept, said so, and graded
// again by the next run instead of being taken as final.
TEST(Cli, BatchGradesAgainAStudentWithAnItemTheGraderCouldNotJudge) {
  Scratch s;
  const fs::path subs = s.path / "submissions", out = s.path / "out";
  copy_solution("lib/nn/layers/linear.cpp", subs / "amy");
  std::string rubric = grader::read_file(linear_rubric(s).string());
  rubric += "\n[[item]]\nid = \"ghost.backward\"\ntitle = \"Ghost::backward\"\n"
            "lab = \"labs/05-linear\"\npoints = 2\nfiles = [\"lib/nn/layers/linear.cpp\"]\n"
            "kind = \"layer_gradient\"\ntarget = \"NoSuchLayer\"\nshapes = [[2, 3]]\n";
  std::ofstream(s.path / "ghost.toml") << rubric;
  const std::string batch = "--rubric " + (s.path / "ghost.toml").string() +
                            " batch --submissions " + subs.string() + " --out " + out.string();
  std::string log;
  ASSERT_EQ(grader_cli(batch, log, s.path), 0) << log;
  EXPECT_NE(log.find("graded amy (1/1), but the grader could not judge 1 item(s)"),
            std::string::npos)
      << log;
  EXPECT_TRUE(fs::exists(out / "amy" / "report.html"));  // the grade is kept
  ASSERT_EQ(grader_cli(batch, log, s.path), 0) << log;
  EXPECT_NE(log.find("1 graded, 0 unchanged since their last grading"), std::string::npos) << log;
}

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

// marks.csv's lab columns, after the item columns, total and max: each lab's
// subtotal is the sum of its items' columns. Three copies of linear.backward,
// two in labs/05-linear and one in labs/06-activations, for a student with
// one mistake in dW (partial credit on each) and one who handed in nothing.
TEST(Cli, MarksHaveASubtotalColumnPerLab) {
  Scratch s;
  const std::string one = grader::read_file(linear_rubric(s).string());
  const std::string item = one.substr(one.find("[[item]]"));
  auto copy = [&](const std::string& id, const std::string& lab) {
    std::string text = item;
    text.replace(text.find("id = \"linear.backward\""), 22, "id = \"" + id + "\"");
    text.replace(text.find("lab = \"labs/05-linear\""), 22, "lab = \"" + lab + "\"");
    return "\n" + text;
  };
  const fs::path rubric = s.path / "three.toml";
  std::ofstream(rubric) << one.substr(0, one.find("[[item]]")) + copy("b", "labs/06-activations") +
                               copy("a", "labs/05-linear") + copy("c", "labs/05-linear");
  const fs::path subs = s.path / "submissions", out = s.path / "out";
  copy_solution("lib/nn/layers/linear.cpp", subs / "carol");
  std::string text = grader::read_file((subs / "carol/lib/nn/layers/linear.cpp").string());
  text.replace(text.find("dW += X_.t() * dZ;"), 18, "dW += X_.t() * dZ / X_.n_rows;");
  std::ofstream(subs / "carol/lib/nn/layers/linear.cpp") << text;
  fs::create_directories(subs / "erin");

  std::string log;
  ASSERT_EQ(grader_cli("--rubric " + rubric.string() + " batch --submissions " + subs.string() +
                           " --out " + out.string(),
                       log, s.path),
            0)
      << log;
  const std::vector<std::string> marks = lines_of(grader::read_file((out / "marks.csv").string()));
  ASSERT_EQ(marks.size(), 3u);
  EXPECT_EQ(marks[0], "student,b,a,c,total,max,lab05,lab06");  // items as the rubric, labs sorted
  const std::vector<std::string> carol = fields_of(marks[1]);
  ASSERT_EQ(carol.size(), 8u) << marks[1];
  const double b = std::stod(carol[1]), a = std::stod(carol[2]), c = std::stod(carol[3]);
  EXPECT_GT(a, 0);
  EXPECT_LT(a, 10) << "partial credit";
  EXPECT_NEAR(std::stod(carol[6]), a + c, 1e-4) << marks[1];
  EXPECT_NEAR(std::stod(carol[7]), b, 1e-4) << marks[1];
  EXPECT_NEAR(std::stod(carol[4]), a + b + c, 1e-4) << marks[1];
  EXPECT_EQ(marks[2], "erin,0,0,0,0,30,0,0");
}

TEST(Cli, BatchRefusesASubmissionsFolderThatIsNotOneFolderPerStudent) {
  Scratch s;
  std::string log;
  const fs::path subs = s.path / "submissions", out = s.path / "out";
  fs::create_directories(subs);
  const std::string batch = "batch --submissions " + subs.string() + " --out ";
  EXPECT_EQ(grader_cli(batch + out.string(), log, s.path), 2) << log;
  EXPECT_NE(log.find(subs.string() + " is empty: it must hold one folder per student"),
            std::string::npos)
      << log;
  EXPECT_FALSE(fs::exists(out / "marks.csv"));

  std::ofstream(subs / "alice.zip") << "PK";  // not unpacked
  fs::create_directories(subs / "bob");
  EXPECT_EQ(grader_cli(batch + out.string(), log, s.path), 2) << log;
  EXPECT_NE(log.find("1 file(s) that are not folders (alice.zip)"), std::string::npos) << log;

  fs::remove(subs / "alice.zip");
  EXPECT_EQ(grader_cli(batch + (subs / "bob").string(), log, s.path), 2) << log;
  EXPECT_NE(log.find("is inside the submissions folder"), std::string::npos) << log;
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
  // nor the mistake catalogue (`grader audit`): instructor material
  EXPECT_FALSE(fs::exists(h / "grader/catalogue"));
  for (const auto& e : fs::recursive_directory_iterator(h))
    EXPECT_NE(e.path().filename(), fs::path(grader::kCatalogue).filename()) << e.path();
  // tests that assert the stubs throw turn red once a student writes code: not in a handout
  for (const char* test : {"test_stubs.cpp", "test_optimizer_stubs.cpp", "test_solution_twins.cpp"})
    EXPECT_FALSE(fs::exists(h / "tests" / test)) << test;
  EXPECT_TRUE(fs::exists(h / "tests/CMakeLists.txt"));
  EXPECT_TRUE(fs::exists(h / "tests/test_forward.cpp"));
  EXPECT_TRUE(fs::exists(h / "lib/nn/layers/linear.cpp"));
  EXPECT_NE(grader::read_file((h / "README.md").string()).find("your handout"), std::string::npos);
  // toml++'s headers, for a system with no package of it (scripts/check_handout.sh builds with them)
  EXPECT_TRUE(fs::exists(h / "third_party/toml++/toml.h"));
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

TEST(Cli, CheckPrintsOneLinePerItemThenATable) {
  Scratch s;
  const fs::path h = handout(s, {});
  const grader::Rubric rubric = grader::load_rubric((h / "grader/rubric.toml").string());
  std::size_t items = 0;
  for (const grader::RubricItem& item : rubric.items) items += item.lab == "labs/06-activations";
  ASSERT_GT(items, 1u);
  std::string log;
  EXPECT_EQ(grader_cli("--root " + h.string() + " check --lab 06", log, s.path), 1) << log;
  EXPECT_NE(log.find("Checking your code in " + h.string() + ": the visible items of lab 06."),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("Building your code"), std::string::npos) << "progress: " << log;
  EXPECT_EQ(count(log, "\nTODO "), items) << log;
  EXPECT_EQ(count(log, "not implemented yet"), items) << "once per item: " << log;
  EXPECT_EQ(log.find("you\n"), std::string::npos) << log;
  EXPECT_NE(log.find(fmt::format("labs/06-activations      {:>5}     0     0 {:>5}     0", items,
                                 items)),
            std::string::npos)
      << "the table: " << log;
  EXPECT_NE(log.find("Total: 0/"), std::string::npos) << log;
  EXPECT_LE(lines_of(log).size(), items + 12) << log;
  const std::string md = grader::read_file((h / "build/grader-report/report.md").string());
  EXPECT_EQ(md.rfind("# Backprop Lab results: grader check of " + h.string(), 0), 0u) << md;

  // --verbose adds the details, and still says "not implemented" once per item
  EXPECT_EQ(grader_cli("--root " + h.string() + " check --lab 06 --verbose", log, s.path), 1);
  EXPECT_EQ(count(log, "is not implemented yet: writing it is your exercise"), items) << log;
}

// Lab 11's classifier is written, and every item it depends on but the optimizer
// lab's Adam: its item waits for lab 09 (NEEDS), it is not lab 11's TODO.
TEST(Cli, CheckSaysWhichOtherLabsCodeAnItemWaitsFor) {
  Scratch s;
  const grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  const grader::RubricItem& digits = rubric.item("classifier.digits");
  std::vector<std::string> solved = digits.files;
  for (const std::string& dep : digits.depends_on)
    if (dep != "adam.step")
      for (const std::string& file : rubric.item(dep).files) solved.push_back(file);
  const fs::path h = handout(s, solved);
  std::string log;
  EXPECT_EQ(grader_cli("--root " + h.string() + " check --lab 11", log, s.path), 1) << log;
  std::string line;
  for (const std::string& l : lines_of(log))
    if (l.find(digits.title.substr(0, 17)) != std::string::npos) line = l;
  EXPECT_EQ(line.rfind("NEEDS", 0), 0u) << log;
  EXPECT_NE(line.find("needs your Adam::step (labs/09-optimizers)"), std::string::npos) << log;
  EXPECT_LE(line.size(), 80u) << line;
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
  ASSERT_EQ(grader_cli("--rubric " + linear_rubric(s).string() + " grade --weak-sandbox " +
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
