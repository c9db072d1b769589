// Building workers: objects cached by content, compile errors reported with the
// file's name, and a submission's files found where students put them.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "builder.hpp"
#include "elf_symbols.hpp"
#include "grade.hpp"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("builder-test-" + std::to_string(getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

// A cache kept between test runs (its precompiled headers take a while to build), for
// tests that do not look at what was compiled afresh.
std::string kept_cache() { return (fs::path(NN_SOURCE_DIR) / "build" / "grader-test-cache").string(); }

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

// A link in a submission would hand in a file the student did not write (the
// reference's, by its path): a linked file, or a file in a linked folder, is not taken.
TEST(Submission, TakesNoFileThroughASymbolicLink) {
  TempDir tmp;
  write(tmp.path / "elsewhere/lib/nn/layers/relu.cpp", "the reference");
  write(tmp.path / "elsewhere/sigmoid.cpp", "the reference");
  write(tmp.path / "hand-in/lib/nn/layers/linear.cpp", "mine");
  fs::create_directory_symlink(tmp.path / "elsewhere/lib", tmp.path / "hand-in/lib/nn/more");
  fs::create_symlink(tmp.path / "elsewhere/lib/nn/layers/relu.cpp",
                     tmp.path / "hand-in/lib/nn/layers/relu.cpp");
  fs::create_symlink(tmp.path / "elsewhere/sigmoid.cpp", tmp.path / "hand-in/sigmoid.cpp");
  std::vector<std::string> notes;
  const auto found = grader::locate_student_files(
      {"lib/nn/layers/linear.cpp", "lib/nn/layers/relu.cpp", "lib/nn/layers/sigmoid.cpp",
       "lib/nn/more/nn/layers/relu.cpp"},
      (tmp.path / "hand-in").string(), notes);
  EXPECT_EQ(found.size(), 1u);
  EXPECT_TRUE(found.count("lib/nn/layers/linear.cpp"));
  ASSERT_EQ(notes.size(), 3u);
  for (const std::string& note : notes)
    EXPECT_NE(note.find("is a symbolic link (or inside one): not graded"), std::string::npos) << note;
}

// Files compiled together in a unit, then linked with other objects that define some
// of their functions: the weakened copy's functions give way, even where the unit
// calls them itself (no function of one file is inlined into another's).
TEST(Builder, AUnitsWeakFunctionsGiveWayToOtherObjectsEvenWhereTheUnitCallsThem) {
  TempDir tmp;
  grader::Builder b(grader::default_toolchain(NN_SOURCE_DIR), kept_cache(), "h1");
  const std::string calls = "double twice(double);\ndouble quad(double x) { return twice(twice(x)); }\n";
  write(tmp.path / "student/a.cpp", "double twice(double x) { return 3 * x; }\n");  // wrong
  write(tmp.path / "student/b.cpp", calls);
  write(tmp.path / "reference/a.cpp", "double twice(double x) { return 2 * x; }\n");
  write(tmp.path / "reference/b.cpp", calls);
  write(tmp.path / "main.cpp",
        "double twice(double);\ndouble quad(double);\n"
        "int main() { return 10 * twice(1) + quad(1); }\n");  // which twice, and which quad calls
  auto object = [&](const std::string& file) {
    const grader::BuildResult r = b.compile((tmp.path / file).string(), file);
    EXPECT_TRUE(r.ok) << r.output;
    return r.path;
  };
  const std::string main = object("main.cpp"), a = object("reference/a.cpp"),
                    bref = object("reference/b.cpp");
  const grader::BuildResult unit = b.compile_together(
      {{(tmp.path / "student/a.cpp").string(), "a.cpp"},
       {(tmp.path / "student/b.cpp").string(), "b.cpp"}});
  ASSERT_TRUE(unit.ok) << unit.output;
  EXPECT_TRUE(b.compile_together({{(tmp.path / "student/a.cpp").string(), "a.cpp"},
                                  {(tmp.path / "student/b.cpp").string(), "b.cpp"}})
                  .from_cache);
  auto exit_code = [&](const std::vector<std::string>& objects) {
    const grader::BuildResult exe = b.link(objects);
    EXPECT_TRUE(exe.ok) << exe.output;
    const int status = std::system(exe.path.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  const auto symbols_a = grader::defined_global_symbols(a);
  const auto symbols_b = grader::defined_global_symbols(bref);
  ASSERT_TRUE(symbols_a && symbols_b);
  // b's item: the student's quad calls the reference's twice, though a's is in its unit
  const grader::BuildResult only_b = b.weakened(unit.path, *symbols_b);
  ASSERT_TRUE(only_b.ok) << only_b.output;
  EXPECT_EQ(exit_code({main, a, only_b.path}), 24);  // 29 had a's twice been inlined into quad
  // a's item: the student's twice, called by the reference's quad
  const grader::BuildResult only_a = b.weakened(unit.path, *symbols_a);
  ASSERT_TRUE(only_a.ok) << only_a.output;
  EXPECT_EQ(exit_code({main, bref, only_a.path}), 39);
  // both the student's
  std::set<std::string> both = *symbols_a;
  both.insert(symbols_b->begin(), symbols_b->end());
  const grader::BuildResult all = b.weakened(unit.path, both);
  ASSERT_TRUE(all.ok) << all.output;
  EXPECT_EQ(exit_code({main, all.path}), 39);
}

TEST(Builder, UnitsCompiledAtOnceAndOneThatDoesNotCompileComesBackNotOk) {
  TempDir tmp;
  grader::Builder b(grader::default_toolchain(NN_SOURCE_DIR), kept_cache(), "h1");
  write(tmp.path / "a.cpp", "int helper() { return 1; }\n");
  write(tmp.path / "b.cpp", "int helper() { return 2; }\n");  // fine alone, not beside a.cpp
  write(tmp.path / "c.cpp", "int other() { return 3; }\n");
  auto source = [&](const char* name) { return std::make_pair((tmp.path / name).string(), name); };
  const std::vector<grader::BuildResult> units =
      b.compile_together_in_parallel({{source("a.cpp"), source("c.cpp")},
                                      {source("a.cpp"), source("b.cpp")}},
                                     2);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_TRUE(units[0].ok) << units[0].output;
  EXPECT_FALSE(units[1].ok);
  EXPECT_TRUE(b.compile(source("b.cpp").first, "b.cpp").ok);  // alone, it compiles
}

// Without bubblewrap (the plain sandbox, e.g. in a platform's container) the compiler
// sees the whole file system: a file handed in that #includes the reference solution,
// by any path, would compile it in. The compile may read only what the jail would show.
TEST(Builder, WithoutTheJailACompileThatReadsAFileTheJailHidesDoesNotCompile) {
  TempDir tmp;
  grader::Builder b(grader::default_toolchain(NN_SOURCE_DIR), (tmp.path / "cache").string(), "h1",
                    /*jailed=*/false);
  fs::create_directories(tmp.path / "elsewhere dir");
  write(tmp.path / "elsewhere dir/answer.hpp", "inline int answer() { return 42; }\n");
  write(tmp.path / "sent/copy.cpp", "#include \"" +
                                        (tmp.path / "elsewhere dir/answer.hpp").string() +
                                        "\"\nint f() { return answer(); }\n");
  // the same file reached through the output folder's ".." and a macro
  write(tmp.path / "sent/macro.cpp",
        "#define AT(x) #x\n#define PATH(x) AT(x)\n#include PATH(" + tmp.path.string() +
            "/cache/../elsewhere dir/answer.hpp)\nint g() { return answer(); }\n");
  write(tmp.path / "sent/fine.cpp",
        "#include <vector>\n#include \"nn/layers/linear.hpp\"\nint h() { return 1; }\n");
  for (const char* name : {"copy.cpp", "macro.cpp"}) {
    const grader::BuildResult r = b.compile((tmp.path / "sent" / name).string(), name);
    EXPECT_FALSE(r.ok) << name;
    EXPECT_NE(r.output.find("answer.hpp, a file outside the framework's headers"),
              std::string::npos)
        << r.output;
  }
  const grader::BuildResult fine = b.compile((tmp.path / "sent/fine.cpp").string(), "fine.cpp");
  EXPECT_TRUE(fine.ok) << fine.output;
  const grader::BuildResult unit =
      b.compile_together({{(tmp.path / "sent/fine.cpp").string(), "fine.cpp"},
                          {(tmp.path / "sent/copy.cpp").string(), "copy.cpp"}});
  EXPECT_FALSE(unit.ok);
  EXPECT_NE(unit.output.find("answer.hpp, a file outside"), std::string::npos) << unit.output;
}

// As root without the jail (a platform's container), a student's compile runs as a
// user of its own: the assembler's .incbin, which the compiler's -MD list does not
// show, cannot read what only the grader may read. The reference's compiles
// (solutions/) still run as the grader.
// Lets other users pass through every folder above `path` while it lives (a clone in a
// private home folder, /root say, is out of their reach), then puts the modes back.
class PassThroughAbove {
 public:
  explicit PassThroughAbove(const fs::path& path) {
    for (fs::path p = fs::absolute(path).parent_path(); p != p.root_path(); p = p.parent_path()) {
      const fs::perms mode = fs::status(p).permissions();
      if ((mode & fs::perms::others_exec) == fs::perms::none) {
        changed_.emplace_back(p, mode);
        fs::permissions(p, fs::perms::others_exec, fs::perm_options::add);
      }
    }
  }
  ~PassThroughAbove() {
    for (const auto& [p, mode] : changed_) fs::permissions(p, mode);
  }

 private:
  std::vector<std::pair<fs::path, fs::perms>> changed_;
};

TEST(Builder, WithoutTheJailAsRootAStudentsCompileReadsOnlyWhatEveryUserMay) {
  if (geteuid() != 0) GTEST_SKIP() << "users of their own need root";
  const PassThroughAbove framework(NN_SOURCE_DIR "/lib");  // as hide_course_files does
  TempDir tmp;
  write(tmp.path / "secret/answers.txt", "the reference's answers");
  fs::permissions(tmp.path / "secret", fs::perms::owner_all);  // the grader's alone
  const std::string embeds = "asm(\".pushsection .rodata\\n.incbin \\\"" +
                             (tmp.path / "secret/answers.txt").string() +
                             "\\\"\\n.popsection\");\nint f() { return 1; }\n";
  write(tmp.path / "sent/embeds.cpp", embeds);
  write(tmp.path / "solutions/embeds.cpp", embeds);
  write(tmp.path / "sent/fine.cpp", "#include \"nn/layers/linear.hpp\"\nint g() { return 2; }\n");
  // a cache every user may pass through (the kept one may lie in a private home folder)
  const std::string cache = (tmp.path / "cache").string();
  grader::Builder apart(grader::default_toolchain(NN_SOURCE_DIR), cache, "h1", /*jailed=*/false);
  apart.compile_untrusted_as_run_user((tmp.path / "solutions").string());
  const grader::BuildResult stolen = apart.compile((tmp.path / "sent/embeds.cpp").string(), "embeds.cpp");
  EXPECT_FALSE(stolen.ok);
  EXPECT_NE(stolen.output.find("secret/answers.txt"), std::string::npos) << stolen.output;  // "file not found"
  const grader::BuildResult fine = apart.compile((tmp.path / "sent/fine.cpp").string(), "fine.cpp");
  EXPECT_TRUE(fine.ok) << fine.output;
  const grader::BuildResult reference =
      apart.compile((tmp.path / "solutions/embeds.cpp").string(), "embeds.cpp");
  EXPECT_TRUE(reference.ok) << reference.output;
  // every compile as the grader: the same file compiles, and the secret is in the object
  grader::Builder together(grader::default_toolchain(NN_SOURCE_DIR), cache, "h1",
                           /*jailed=*/false);
  const grader::BuildResult embedded =
      together.compile((tmp.path / "sent/embeds.cpp").string(), "embeds.cpp");
  ASSERT_TRUE(embedded.ok) << embedded.output;
  std::ifstream object(embedded.path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(object)), std::istreambuf_iterator<char>());
  EXPECT_NE(bytes.find("the reference's answers"), std::string::npos);
}

TEST(ElfSymbols, GlobalDefinitionsOnlyAndNothingFromAFileThatIsNotAnObject) {
  TempDir tmp;
  grader::Builder b(grader::default_toolchain(NN_SOURCE_DIR), kept_cache(), "h1");
  write(tmp.path / "s.cpp",
        "int used();\nstatic int hidden() { return used(); }\nint shown() { return hidden(); }\n"
        "inline int in_header() { return 1; }\nint calls() { return in_header(); }\nint data = 2;\n");
  const grader::BuildResult o = b.compile((tmp.path / "s.cpp").string(), "s.cpp");
  ASSERT_TRUE(o.ok) << o.output;
  const auto symbols = grader::defined_global_symbols(o.path);
  ASSERT_TRUE(symbols);
  EXPECT_EQ(*symbols, (std::set<std::string>{"_Z5shownv", "_Z5callsv", "data"}));
  write(tmp.path / "text.o", "not an object\n");
  EXPECT_FALSE(grader::defined_global_symbols((tmp.path / "text.o").string()));
  const std::string bytes = grader::read_file(o.path);
  write(tmp.path / "cut.o", bytes.substr(0, bytes.size() / 2));  // the section headers are last
  EXPECT_FALSE(grader::defined_global_symbols((tmp.path / "cut.o").string()));
  EXPECT_FALSE(grader::defined_global_symbols((tmp.path / "missing.o").string()));
}
