#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "commands.hpp"
#include "grade.hpp"
#include "release_classroom.hpp"
#include "rubric.hpp"

namespace fs = std::filesystem;

namespace grader {

namespace {

// What the handout holds: everything a student builds and checks with. Not
// solutions/, not the grader's own tests, not the held-out data (grader/heldout/),
// not CI, not build output.
const char* kReleased[] = {"CMakeLists.txt",
                           "CMakePresets.json",
                           ".clang-format",
                           ".gitignore",
                           "cmake",
                           "lib",
                           "labs",
                           "apps",
                           "tests",
                           "datasets",
                           "docs",
                           "scripts",
                           "grader/CMakeLists.txt",
                           "grader/toolchain_config.hpp.in",
                           "grader/src",
                           "grader/worker",
                           "third_party"};  // toml++'s headers, for a system with no package of it

// Tests of the instructor's repository that a handout must not carry: they
// assert that every stub still throws (red as soon as a student writes code) and
// compare lib/ with solutions/ (tests/CMakeLists.txt builds them only where
// solutions/ exists).
const char* kInstructorOnly[] = {"tests/test_stubs.cpp", "tests/test_optimizer_stubs.cpp",
                                 "tests/test_solution_twins.cpp"};
// Each data set the instructor holds rows out of (grader/heldout/NAME.csv): the
// handout's datasets/NAME.csv is written without those rows, so that a student
// cannot look up the labels of the rows the grade tests on.
void remove_held_out_rows(const fs::path& root, const fs::path& dest) {
  const fs::path held_out_dir = root / "grader/heldout";
  if (!fs::exists(held_out_dir)) return;
  for (const auto& e : fs::directory_iterator(held_out_dir)) {
    const fs::path released = dest / "datasets" / e.path().filename();
    if (e.path().extension() != ".csv" || !fs::exists(released)) continue;
    std::set<std::string> held_out;
    std::ifstream held(e.path());
    std::string line;
    std::getline(held, line);  // the header stays
    while (std::getline(held, line)) held_out.insert(line);
    std::ifstream all(root / "datasets" / e.path().filename());
    std::string kept;
    int removed = 0;
    for (bool header = true; std::getline(all, line); header = false) {
      if (!header && held_out.count(line)) {
        ++removed;
        continue;
      }
      kept += line + "\n";
    }
    std::ofstream(released, std::ios::trunc) << kept;
    std::cout << fmt::format("datasets/{}: {} held-out rows left out\n",
                             e.path().filename().string(), removed);
  }
}

}  // namespace

int release_command(const CommonOptions& common, const std::string& out) {
  const fs::path root = common.root, dest = out;
  if (fs::exists(dest) && !fs::is_empty(dest)) {
    std::cerr << "grader: " << out << " exists and is not empty; choose a new folder\n";
    return 2;
  }
  Rubric rubric;
  try {
    rubric = load_rubric(common.rubric);
  } catch (const std::exception& e) {
    std::cerr << "grader: " << e.what() << "\n";
    return 2;
  }
  for (const char* entry : kReleased) {
    const fs::path from = root / entry;
    if (!fs::exists(from)) continue;
    fs::create_directories((dest / entry).parent_path());
    fs::copy(from, dest / entry, fs::copy_options::recursive);
  }
  for (const char* entry : kInstructorOnly) fs::remove(dest / entry);
  remove_held_out_rows(root, dest);
  fs::remove(dest / "docs/instructors.md");  // it names the hidden checks
  // Visible items only: hidden checks stay with the instructor.
  Rubric visible = rubric;
  visible.items.clear();
  for (const RubricItem& item : rubric.items)
    if (item.visibility == Visibility::Visible) visible.items.push_back(item);
  std::ofstream(dest / "grader/rubric.toml")
      << "# The visible items of the course rubric (written by `grader release`).\n"
      << to_toml(visible);
  fs::copy_file(root / "grader/release/README.md", dest / "README.md");
  write_classroom_autograding(visible, common.root, out);

  // The handout has no solutions/: the visible items that judge against the
  // reference's answers get them as data, computed here with the reference worker.
  std::vector<std::string> problems;
  GradeOptions o;
  o.root = common.root;
  o.cache_dir = common.cache_dir;
  o.work_dir = (fs::temp_directory_path() / fmt::format("backprop-release-{}", getpid())).string();
  int answers = 0;
  try {
    answers = write_reference_answers(visible, o, (dest / kAnswersDir).string(), problems);
  } catch (const std::exception& e) {
    problems.push_back(e.what());
  }
  fs::remove_all(o.work_dir);
  if (!problems.empty()) {
    std::cerr << "grader: the reference could not answer every visible check:\n";
    for (const std::string& p : problems) std::cerr << "  " << p << "\n";
    std::cerr << "the handout in " << out << " is incomplete\n";
    return 1;
  }
  std::cout << fmt::format(
      "handout written to {}: {} of {} rubric items visible, {} reference answers\n", out,
      visible.items.size(), rubric.items.size(), answers);
  return 0;
}

}  // namespace grader
