// One source of truth: each file under solutions/ has a twin in lib/ or labs/
// at the same path, and the two are identical except inside the marked regions
//     // ---- YOUR CODE ... ----
//     // ---- END YOUR CODE ----
// where the lib/labs twin holds only `throw NotImplemented(...)` and the solution
// holds the real code. And every stub has its solution.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = NN_SOURCE_DIR;

struct Split {
  std::vector<std::string> outside;  // every line outside the regions, a region as one marker
  std::vector<std::vector<std::string>> regions;  // the lines inside each region
  std::string error;                              // unbalanced markers
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

Split split_regions(const std::string& text) {
  Split out;
  std::istringstream in(text);
  std::string line;
  bool inside = false;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string t = trim(line);
    if (t.rfind("// ---- YOUR CODE", 0) == 0) {
      if (inside) out.error = "line " + std::to_string(number) + ": region opened twice";
      inside = true;
      out.outside.push_back(line);
      out.regions.emplace_back();
    } else if (t == "// ---- END YOUR CODE ----") {
      if (!inside) out.error = "line " + std::to_string(number) + ": END without YOUR CODE";
      inside = false;
      out.outside.push_back(line);
    } else if (inside) {
      out.regions.back().push_back(t);
    } else {
      out.outside.push_back(line);
    }
  }
  if (inside) out.error = "a region is never closed";
  return out;
}

std::string read(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool is_stub_line(const std::string& line) {
  return line.rfind("throw NotImplemented(", 0) == 0 ||
         line.rfind("throw nn::NotImplemented(", 0) == 0;
}

bool is_stub_region(const std::vector<std::string>& lines) {
  return lines.size() == 1 && is_stub_line(lines[0]);
}

// "" when the pair is consistent, else what is wrong.
std::string check_twin(const std::string& student, const std::string& solution) {
  const Split s = split_regions(student), r = split_regions(solution);
  if (!s.error.empty()) return "student file: " + s.error;
  if (!r.error.empty()) return "solution file: " + r.error;
  if (s.regions.empty()) return "no YOUR CODE region in the student file";
  if (s.regions.size() != r.regions.size()) return "different number of YOUR CODE regions";
  for (std::size_t i = 0; i < s.outside.size() && i < r.outside.size(); ++i)
    if (s.outside[i] != r.outside[i])
      return "outside the regions they differ: '" + s.outside[i] + "' vs '" + r.outside[i] + "'";
  if (s.outside.size() != r.outside.size()) return "different lengths outside the regions";
  for (std::size_t i = 0; i < s.regions.size(); ++i) {
    if (!is_stub_region(s.regions[i]))
      return "a student region is not just `throw NotImplemented(...)`";
    for (const std::string& line : r.regions[i])
      if (line.find("NotImplemented") != std::string::npos)
        return "a solution region is still a stub";
    if (r.regions[i].empty()) return "an empty solution region";
  }
  return "";
}

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::exists(dir)) return files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && (e.path().extension() == ".cpp" || e.path().extension() == ".hpp"))
      files.push_back(e.path());
  return files;
}

bool has_stub(const fs::path& p) {
  const std::string text = read(p);
  return text.find("throw NotImplemented(") != std::string::npos ||
         text.find("throw nn::NotImplemented(") != std::string::npos;
}

int count_stub_files() {
  int n = 0;
  for (const char* top : {"lib", "labs"})
    for (const fs::path& student : files_under(kRoot / top)) n += has_stub(student);
  return n;
}

}  // namespace

TEST(SolutionTwins, EverySolutionMatchesItsStubbedTwin) {
  int pairs = 0;
  for (const fs::path& solution : files_under(kRoot / "solutions")) {
    const fs::path rel = fs::relative(solution, kRoot / "solutions");
    const fs::path student = kRoot / rel;
    ASSERT_TRUE(fs::exists(student)) << rel << " has no twin in the student tree";
    EXPECT_EQ(check_twin(read(student), read(solution)), "") << rel;
    ++pairs;
  }
  EXPECT_EQ(pairs, count_stub_files());  // and so none is skipped by an empty glob
  EXPECT_GT(pairs, 0);
}

TEST(SolutionTwins, EveryStubHasASolution) {
  for (const char* top : {"lib", "labs"})
    for (const fs::path& student : files_under(kRoot / top)) {
      if (!has_stub(student)) continue;
      EXPECT_TRUE(fs::exists(kRoot / "solutions" / fs::relative(student, kRoot)))
          << fs::relative(student, kRoot) << " has a stub but no solution twin";
    }
}

TEST(SolutionTwins, TheCheckCatchesDrift) {
  const std::string stub =
      "int f() {\n  // ---- YOUR CODE (lab): x ----\n  throw NotImplemented(\"f\", \"lab\");\n"
      "  // ---- END YOUR CODE ----\n}\n";
  const std::string good =
      "int f() {\n  // ---- YOUR CODE (lab): x ----\n  return 1;\n  // ---- END YOUR CODE "
      "----\n}\n";
  EXPECT_EQ(check_twin(stub, good), "");
  std::string drifted = good;
  drifted.replace(0, 3, "long");
  EXPECT_NE(check_twin(stub, drifted).find("outside the regions they differ"), std::string::npos);
  EXPECT_NE(check_twin(stub, stub).find("still a stub"), std::string::npos);
  EXPECT_NE(check_twin(good, good).find("not just `throw NotImplemented"), std::string::npos);
  EXPECT_NE(check_twin("int f();\n", good).find("no YOUR CODE region"), std::string::npos);
}
