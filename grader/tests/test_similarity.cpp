// The class similarity table: a copy with another layout and comments is found,
// an independent answer is not paired with it, and untouched stubs are never
// compared. Needs sim_c++ (Debian's similarity-tester, installed by scripts/setup.sh).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "builder.hpp"
#include "rubric.hpp"
#include "similarity.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = NN_SOURCE_DIR;
const std::string kLinear = "lib/nn/layers/linear.cpp";

// The handout's linear.cpp with its student region replaced by `region`.
std::string linear_with(const std::string& region) {
  const std::string stub = grader::read_file((kRoot / kLinear).string());
  const std::size_t begin = stub.find('\n', stub.find("---- YOUR CODE")) + 1;
  const std::size_t end = stub.rfind('\n', stub.find("---- END YOUR CODE")) + 1;
  return stub.substr(0, begin) + region + stub.substr(end);
}

}  // namespace

TEST(Similarity, FindsARelaidCopyAndNotAnIndependentAnswerNorUntouchedStubs) {
  if (std::system("command -v sim_c++ > /dev/null") != 0) GTEST_SKIP() << "sim_c++ not installed";
  const fs::path dir = fs::temp_directory_path() / ("similarity-test-" + std::to_string(getpid()));
  fs::remove_all(dir);
  auto put = [&](const std::string& id, const std::string& text) {
    fs::create_directories(dir / id);
    std::ofstream(dir / id / "linear.cpp") << text;
  };
  put("alice", linear_with("  dW += X_.t() * dZ;\n  db += arma::sum(dZ, 0);\n  return dZ * W.t();\n"));
  put("dan", linear_with("  // my own work\n  dW+=X_.t()*dZ;\n\n  db+=arma::sum(dZ,0);  // bias\n"
                         "  return dZ*W.t();\n"));
  put("hal", linear_with("  dW += X_.t() * dZ;\n  db += arma::sum(dZ, 0);\n  return dZ * W.t();\n"));
  put("frank", linear_with("  for (arma::uword n = 0; n < X_.n_rows; ++n) {\n"
                           "    dW += X_.row(n).t() * dZ.row(n);\n    db += dZ.row(n);\n  }\n"
                           "  const Mat dX = dZ * W.t();\n  return dX;\n"));
  put("eve", grader::read_file((kRoot / kLinear).string()));  // the stub, as handed out
  put("gus", grader::read_file((kRoot / kLinear).string()));

  const grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  const std::vector<grader::SimilarPair> pairs = grader::similar_pairs(
      rubric, kRoot.string(), dir.string(), {"alice", "dan", "eve", "frank", "gus", "hal"}, 50);
  fs::remove_all(dir);

  // the three copies pair up each with each; nothing else does
  std::set<std::string> found;
  for (const grader::SimilarPair& p : pairs) {
    EXPECT_EQ(p.file, kLinear);
    if (p.percent >= 90) found.insert(p.a + "+" + p.b);
    for (const char* never : {"eve", "gus", "frank"})  // stubs; an answer written differently
      EXPECT_TRUE(p.a != never && p.b != never) << p.a << " " << p.b << " " << p.percent;
  }
  EXPECT_EQ(found, (std::set<std::string>{"alice+dan", "alice+hal", "dan+hal"}));
}

TEST(Similarity, OneLineAnswersNeverPairAndTheReportSaysSo) {
  if (std::system("command -v sim_c++ > /dev/null") != 0) GTEST_SKIP() << "sim_c++ not installed";
  const fs::path dir = fs::temp_directory_path() / ("similarity-short-" + std::to_string(getpid()));
  fs::remove_all(dir);
  // two identical regions of 7 tokens: below sim_c++'s minimum run of 12
  for (const char* id : {"ann", "ben"}) {
    fs::create_directories(dir / "class" / id);
    std::ofstream(dir / "class" / id / "linear.cpp") << linear_with("  return dZ * W.t();\n");
  }
  fs::create_directories(dir / "out");

  const grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  const std::vector<grader::SimilarPair> pairs = grader::similar_pairs(
      rubric, kRoot.string(), (dir / "class").string(), {"ann", "ben"}, 50);
  const std::string report = grader::read_file(grader::write_similarity_report(
      rubric, kRoot.string(), (dir / "class").string(), {"ann", "ben"}, (dir / "out").string()));
  fs::remove_all(dir);

  EXPECT_TRUE(pairs.empty()) << pairs.front().a << " " << pairs.front().b << " " << pairs.front().percent;
  EXPECT_NE(report.find("shorter than 12 tokens (a one-line answer) never pairs"), std::string::npos)
      << report;
  EXPECT_NE(report.find("No pair reaches that."), std::string::npos) << report;
}

// A copied answer placed above the region, which the untouched region then calls,
// is the student's code too: it pairs with the answer it copies.
TEST(Similarity, ACopyOutsideTheRegionsPairsToo) {
  if (std::system("command -v sim_c++ > /dev/null") != 0) GTEST_SKIP() << "sim_c++ not installed";
  const fs::path dir = fs::temp_directory_path() / ("similarity-outside-" + std::to_string(getpid()));
  fs::remove_all(dir);
  const std::string answer =
      "  for (arma::uword n = 0; n < X_.n_rows; ++n) {\n"
      "    dW += X_.row(n).t() * dZ.row(n);\n    db += dZ.row(n);\n  }\n"
      "  const Mat dX = dZ * W.t();\n  return dX;\n";
  fs::create_directories(dir / "alice");
  std::ofstream(dir / "alice" / "linear.cpp") << linear_with(answer);
  std::string stub = grader::read_file((kRoot / kLinear).string());
  const std::string helper = "namespace nn {\nMat copied(Mat& dW, Mat& db, const Mat& X_, const Mat& dZ, "
                             "const Mat& W) {\n" + answer + "}\n}  // namespace nn\n";
  stub.insert(stub.find("namespace nn {"), helper);
  fs::create_directories(dir / "mallory");
  std::ofstream(dir / "mallory" / "linear.cpp") << stub;  // the region as handed out
  const grader::Rubric rubric = grader::load_rubric((kRoot / "grader/rubric.toml").string());
  const std::vector<grader::SimilarPair> pairs =
      grader::similar_pairs(rubric, kRoot.string(), dir.string(), {"alice", "mallory"}, 50);
  fs::remove_all(dir);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].a + "+" + pairs[0].b, "alice+mallory");
  EXPECT_GE(pairs[0].percent, 80);
}
