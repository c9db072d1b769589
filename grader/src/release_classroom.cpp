#include "release_classroom.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace grader {

void write_classroom_autograding(const Rubric& visible, const std::string& root,
                                 const std::string& release_dir) {
  std::vector<std::string> labs;
  std::map<std::string, double> points;
  for (const RubricItem& item : visible.items) {
    if (!points.count(item.lab)) labs.push_back(item.lab);
    points[item.lab] += item.points;
  }
  std::sort(labs.begin(), labs.end());
  // Every test builds first (incremental after the first one); the runner's
  // Ubuntu gets the Debian packages from scripts/setup.sh. `grader check` compiles
  // the student's code itself, so the grader is all it needs built (not the test
  // suite, the apps and the lab programs: most of a whole build's time).
  const std::string setup =
      "scripts/setup.sh --deps-only --grading && cmake --preset student && "
      "cmake --build --preset student --target grader";
  nlohmann::json tests = nlohmann::json::array();
  for (const std::string& lab : labs) {
    const std::string name = fs::path(lab).filename().string();
    tests.push_back({{"name", "lab " + name},
                     {"setup", setup},
                     {"run", "./build/student/grader/grader check --lab " + name},
                     {"input", ""},
                     {"output", ""},
                     {"comparison", "included"},
                     {"timeout", 20},  // minutes
                     {"points", points[lab]}});
  }
  const fs::path dir = fs::path(release_dir) / ".github";
  fs::create_directories(dir / "classroom");
  fs::create_directories(dir / "workflows");
  std::ofstream(dir / "classroom/autograding.json") << nlohmann::json{{"tests", tests}}.dump(2)
                                                    << "\n";
  fs::copy_file(fs::path(root) / "grader/bundle/classroom/classroom.yml",
                dir / "workflows/classroom.yml", fs::copy_options::overwrite_existing);
}

}  // namespace grader
