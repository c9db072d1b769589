// The report writers on a small Submission: a passed item, a failed gradient
// item with a diagnosis, a not-implemented item, a training item with a
// history, and a crash whose message carries hostile student output. Builds in
// both builds: the gradient check here is of a plain function, not a layer.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "diagnose.hpp"
#include "nn/core/rng.hpp"
#include "report.hpp"

namespace {

using nn::Mat;
using namespace grader;

constexpr std::uint64_t kRunSeed = 987654321, kCheckSeed = 4242;
const std::string kHostile = "<script>alert('pwned')</script>";

// Normal random matrix (Rng::normal(int, int) would be ambiguous).
Mat normal(nn::Rng& rng, nn::Index rows, nn::Index cols, nn::Real mean = 0, nn::Real std = 1) {
  return rng.normal(rows, cols, mean, std);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A gradient check of f(x) = sum(x o C), whose gradient is C, against a
// "student" gradient C / 4, diagnosed as the grader would.
Item failed_gradient_item() {
  nn::Rng rng(3);
  const Mat C = normal(rng, 4, 3);
  Mat x = normal(rng, 4, 3);
  nn::gradcheck::Options options;
  options.seed = kCheckSeed;
  nn::gradcheck::Report report;
  report.subject = "Linear(3->4) on 5x3";
  report.seed = kCheckSeed;
  report.step = options.step;
  report.tolerance = options.tolerance;
  report.tensors.push_back(nn::gradcheck::compare(
      "W", x, Mat(C / 4), [&] { return arma::accu(x % C); }, options, nn::gradcheck::Method::Full));

  Item item;
  item.id = "linear.backward.W";
  item.title = "Linear backward: dW";
  item.lab = "labs/05-linear";
  item.max_points = 2;
  item.status = Status::Failed;
  item.diagnoses = diagnose_failed(report, [](const nn::gradcheck::TensorResult& t) {
    Context context;
    context.role = role_of(t.tensor);
    context.batch_size = 4;
    return context;
  });
  item.gradients.push_back(report);
  item.seeds = {{"gradcheck", kCheckSeed}};
  return item;
}

Submission sample() {
  Submission s;
  s.student_id = "s1234567";
  s.grader_version = "0.1";
  s.seed = kRunSeed;
  s.tolerances = {{"gradient", 1e-7}};
  s.execution_time = 3.5;

  Item passed;
  passed.id = "relu.backward";
  passed.title = "ReLU backward";
  passed.points = passed.max_points = 1;
  passed.status = Status::Passed;
  s.items.push_back(passed);

  s.items.push_back(failed_gradient_item());

  Item todo;
  todo.id = "softmax.backward";
  todo.title = "Softmax backward";
  todo.max_points = 2;
  todo.status = Status::NotImplemented;
  todo.visibility = Visibility::AfterDueDate;
  nn::gradcheck::Report stub;
  stub.subject = "Softmax on 4x6";
  stub.error = "Softmax::backward is not implemented yet";
  stub.not_implemented = true;
  todo.gradients.push_back(stub);
  s.items.push_back(todo);

  Item training;
  training.id = "train.mnist";
  training.title = "Training: validation accuracy";
  training.points = 1.5;
  training.max_points = 3;
  training.status = Status::Partial;
  training.history = History{{1, 2, 3, 4},
                             {2.1, 1.2, 0.8, 0.6},
                             {2.2, 1.4, 1.0, 0.9},
                             {0.3, 0.6, 0.8, 0.85},
                             {0.3, 0.55, 0.7, 0.72}};
  s.items.push_back(training);

  Item crash;
  crash.id = "mlp.forward";
  crash.title = "MLP forward";
  crash.max_points = 1;
  crash.status = Status::Crashed;
  crash.visibility = Visibility::Hidden;
  crash.message = "worker printed: " + kHostile + "\n\x1b[2J";
  s.items.push_back(crash);
  return s;
}

TEST(Reports, GradescopeJsonHasTheSpecifiedFields) {
  const nlohmann::json j = nlohmann::json::parse(to_gradescope(sample()).dump());
  ASSERT_TRUE(j.at("score").is_number());
  EXPECT_TRUE(j.at("execution_time").is_number());
  EXPECT_TRUE(j.at("output").is_string());
  const std::set<std::string> visibilities = {"hidden", "after_due_date", "after_published",
                                              "visible"};
  EXPECT_TRUE(visibilities.count(j.at("stdout_visibility").get<std::string>()));
  ASSERT_TRUE(j.at("tests").is_array());
  ASSERT_EQ(j.at("tests").size(), 5u);
  double sum = 0;
  for (const nlohmann::json& t : j.at("tests")) {
    EXPECT_TRUE(t.at("name").is_string());
    EXPECT_TRUE(t.at("score").is_number());
    EXPECT_TRUE(t.at("max_score").is_number());
    EXPECT_TRUE(t.at("output").is_string());
    EXPECT_TRUE(visibilities.count(t.at("visibility").get<std::string>()));
    const std::string status = t.at("status");
    EXPECT_TRUE(status == "passed" || status == "failed") << status;
    sum += t.at("score").get<double>();
  }
  EXPECT_DOUBLE_EQ(j.at("score").get<double>(), sum);
  EXPECT_EQ(j.at("tests")[2].at("visibility"), "after_due_date");
  EXPECT_TRUE(contains(j.at("output"), std::to_string(kRunSeed)));
}

TEST(Reports, JsonSummaryCarriesSeedsAndDiagnoses) {
  const nlohmann::json j = nlohmann::json::parse(to_json(sample()).dump());
  EXPECT_EQ(j.at("seed").get<std::uint64_t>(), kRunSeed);
  const nlohmann::json& item = j.at("items")[1];
  EXPECT_EQ(item.at("seeds").at("gradcheck").get<std::uint64_t>(), kCheckSeed);
  const nlohmann::json& tensor = item.at("gradients")[0].at("tensors")[0];
  EXPECT_EQ(tensor.at("diagnosis").at("code"), code::kConstantFactor);
  EXPECT_EQ(item.at("gradients")[0].at("seed").get<std::uint64_t>(), kCheckSeed);
  EXPECT_EQ(j.at("items")[3].at("history").at("val_loss").size(), 4u);
}

TEST(Reports, HtmlIsSelfContainedAndEscapesStudentOutput) {
  const std::string html = to_html(sample());
  EXPECT_FALSE(contains(html, "http")) << "no URL of any kind";
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_TRUE(contains(html, "&lt;script&gt;"));
  EXPECT_TRUE(contains(html, "<svg"));
  EXPECT_TRUE(contains(html, "<rect"));      // the heat map
  EXPECT_TRUE(contains(html, "<polyline"));  // the learning curves
  EXPECT_TRUE(contains(html, std::to_string(kRunSeed)));
  EXPECT_TRUE(contains(html, std::to_string(kCheckSeed)));
}

// The seeds, the worst element and the diagnosis, as every text report shows them.
void expect_item_content(const std::string& text) {
  const Submission s = sample();
  const nn::gradcheck::TensorResult& t = s.items[1].gradients[0].tensors[0];
  EXPECT_TRUE(contains(text, std::to_string(kRunSeed)));
  EXPECT_TRUE(contains(text, std::to_string(kCheckSeed)));
  EXPECT_TRUE(contains(text, fmt::format("{:.6e}", t.worst[0].analytic)));
  EXPECT_TRUE(contains(text, fmt::format("{:.6e}", t.worst[0].numeric)));
  EXPECT_TRUE(contains(text, "Gradient off by a constant factor"));
  EXPECT_TRUE(contains(text, "Hint"));
  EXPECT_TRUE(contains(text, "ot implemented yet"));
}

TEST(Reports, MarkdownShowsSeedsWorstElementsAndDiagnosis) {
  const std::string md = to_markdown(sample());
  expect_item_content(md);
  EXPECT_FALSE(contains(md, "<script"));
}

TEST(Reports, TerminalShowsSeedsWorstElementsAndDiagnosis) {
  const std::string text = to_terminal(sample(), false);
  expect_item_content(text);
  EXPECT_TRUE(contains(text, "Total: 2.5/9"));
}

TEST(Reports, TerminalColourOnlyWhenAsked) {
  EXPECT_FALSE(contains(to_terminal(sample(), false), "\x1b["));
  EXPECT_TRUE(contains(to_terminal(sample(), true), "\x1b["));
}

TEST(Reports, TerminalKeepsStudentOutputFromDrivingTheTerminal) {
  EXPECT_FALSE(contains(to_terminal(sample(), false), "\x1b"));
  EXPECT_TRUE(contains(to_terminal(sample(), false), "?[2J"));
}

TEST(Reports, TerminalFitsEightyColumns) {
  std::istringstream lines(to_terminal(sample(), false));
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(line.size(), 80u) << line;
}

}  // namespace
