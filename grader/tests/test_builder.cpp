// Building workers: objects cached by content, compile errors reported with the
// file's name, and a submission's files found where students put them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "builder.hpp"
#include "grade.hpp"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("builder-test-" + std::to_string(getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

}  // namespace

TEST(Builder, CompilesOnceThenUsesTheCacheAndLinks) {
  TempDir tmp;
  grader::Builder b(grader::default_toolchain(NN_SOURCE_DIR), (tmp.path / "cache").string(), "h1");
  write(tmp.path / "main.cpp",
        "#include \"nn/core/types.hpp\"\nint main() { nn::Mat m(2, 2); return m.n_rows == 2 ? 0 : "
        "1; }\n");
  const grader::BuildResult first = b.compile((tmp.path / "main.cpp").string(), "main.cpp");
  ASSERT_TRUE(first.ok) << first.output;
  EXPECT_FALSE(first.from_cache);
  const grader::BuildResult again = b.compile((tmp.path / "main.cpp").string(), "main.cpp");
  EXPECT_TRUE(again.from_cache);
  EXPECT_EQ(again.path, first.path);
  const grader::BuildResult exe = b.link({first.path});
  ASSERT_TRUE(exe.ok) << exe.output;
  EXPECT_EQ(std::system(exe.path.c_str()), 0);
  EXPECT_TRUE(b.link({first.path}).from_cache);
  // an edit is a new object
  write(tmp.path / "main.cpp", "int main() { return 0; }\n");
  EXPECT_FALSE(b.compile((tmp.path / "main.cpp").string(), "main.cpp").from_cache);
}

TEST(Builder, ACompileErrorNamesTheFile) {
  TempDir tmp;
  grader::Builder b(grader::default_toolchain(NN_SOURCE_DIR), (tmp.path / "cache").string(), "h1");
  write(tmp.path / "bad.cpp", "int f() { return undefined_name; }\n");
  const grader::BuildResult r = b.compile((tmp.path / "bad.cpp").string(), "lib/nn/layers/bad.cpp");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.output.find("lib/nn/layers/bad.cpp: does not compile"), std::string::npos);
  EXPECT_NE(r.output.find("undefined_name"), std::string::npos) << r.output;
  EXPECT_FALSE(r.graders_fault);
}

// The grader's own precompiled header comes first: when it cannot be built, the
// failure is the grader's, not the code's being compiled.
TEST(Builder, APrecompiledHeaderThatCannotBeBuiltIsTheGradersFault) {
  TempDir tmp;
  grader::Toolchain t = grader::default_toolchain(NN_SOURCE_DIR);
  t.compiler = "/nonexistent/g++";
  grader::Builder b(t, (tmp.path / "cache").string(), "h1");
  write(tmp.path / "fine.cpp", "int f() { return 1; }\n");
  const grader::BuildResult r = b.compile((tmp.path / "fine.cpp").string(), "lib/fine.cpp");
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.graders_fault);
  EXPECT_NE(r.output.find("precompiled header"), std::string::npos) << r.output;
}

// (In the tests' shared cache, whose precompiled header outlives a run: sources
// never compiled before.)
TEST(Builder, CompilesInParallelIntoTheCacheAndLeavesFailuresToCompile) {
  TempDir tmp;
  grader::Builder b(grader::default_toolchain(NN_SOURCE_DIR),
                    NN_SOURCE_DIR "/build/grader-test-cache", "builder-test");
  const std::string unique = std::to_string(getpid()) + "_" + std::to_string(time(nullptr));
  std::vector<std::pair<std::string, std::string>> sources;
  for (const char* name : {"a.cpp", "b.cpp", "c.cpp"}) {
    write(tmp.path / name, std::string("int f_") + name[0] + "_" + unique + "() { return 1; }\n");
    EXPECT_FALSE(b.cached((tmp.path / name).string(), name));
    sources.emplace_back((tmp.path / name).string(), name);
  }
  write(tmp.path / "bad.cpp", "int g() { return undefined_name; }\n");
  sources.emplace_back((tmp.path / "bad.cpp").string(), "bad.cpp");
  std::vector<std::string> started;
  b.compile_in_parallel(sources, 2, [&](const std::string& name) { started.push_back(name); });
  EXPECT_EQ(started, (std::vector<std::string>{"a.cpp", "b.cpp", "c.cpp", "bad.cpp"}));
  for (int k = 0; k < 3; ++k) {
    EXPECT_TRUE(b.cached(sources[k].first, sources[k].second)) << sources[k].second;
    EXPECT_TRUE(b.compile(sources[k].first, sources[k].second).from_cache);
  }
  EXPECT_FALSE(b.cached(sources[3].first, "bad.cpp"));
  const grader::BuildResult bad = b.compile(sources[3].first, "bad.cpp");
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.output.find("undefined_name"), std::string::npos) << bad.output;
}

TEST(Submission, FindsFilesByPathOrByName) {
  TempDir tmp;
  write(tmp.path / "lib/nn/layers/linear.cpp", "a");
  write(tmp.path / "my files/sigmoid.cpp", "b");
  write(tmp.path / "x/relu.cpp", "c");
  write(tmp.path / "y/relu.cpp", "d");
  std::vector<std::string> notes;
  const auto found =
      grader::locate_student_files({"lib/nn/layers/linear.cpp", "lib/nn/layers/sigmoid.cpp",
                                    "lib/nn/layers/relu.cpp", "lib/nn/layers/tanh.cpp"},
                                   tmp.path.string(), notes);
  EXPECT_EQ(found.at("lib/nn/layers/linear.cpp"), (tmp.path / "lib/nn/layers/linear.cpp").string());
  EXPECT_EQ(found.at("lib/nn/layers/sigmoid.cpp"), (tmp.path / "my files/sigmoid.cpp").string());
  EXPECT_FALSE(found.count("lib/nn/layers/relu.cpp"));  // two candidates: ambiguous
  EXPECT_FALSE(found.count("lib/nn/layers/tanh.cpp"));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("relu.cpp is in the submission 2 times"), std::string::npos);
}
