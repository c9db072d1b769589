// The report writers on a small Submission: a passed item, a failed gradient
// item with a diagnosis, a not-implemented item, a training item with a
// history, and a crash whose message carries hostile student output. Builds in
// both builds: the gradient check here is of a plain function, not a layer.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
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
  todo.message =
      "Softmax::backward is not implemented yet: writing it is your exercise in labs/07-losses "
      "(see its README).\nSoftmax backward: 0 of 1 gradients correct.";
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
  const std::string text = to_terminal_details(sample(), false) + to_terminal(sample(), false);
  expect_item_content(text);
  EXPECT_TRUE(contains(text, "Total: 2.5/9"));
}

TEST(Reports, TerminalSummaryIsOneLinePerItemThenATablePerLab) {
  const Submission s = sample();
  const std::string text = to_terminal(s, false);
  for (const Item& item : s.items) {
    const std::string line = item_line(item);
    EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1) << line;
    EXPECT_TRUE(contains(text, line)) << line;
  }
  EXPECT_TRUE(contains(item_line(s.items[1]), "FAIL")) << item_line(s.items[1]);
  EXPECT_TRUE(contains(item_line(s.items[1]), "W: Gradient off by a constant factor"));
  EXPECT_TRUE(contains(item_line(s.items[2]), "TODO"));
  EXPECT_TRUE(contains(item_line(s.items[2]), "not implemented yet"));
  EXPECT_FALSE(contains(text, "Hint")) << "the details are in the reports";
  // the table: a row per lab (items without one share the row ""), and the total
  const std::string table = summary_table(s);
  EXPECT_TRUE(contains(table, "lab                      items  pass  fail  todo needs    points"))
      << table;
  EXPECT_TRUE(contains(table, "labs/05-linear               1     0     1     0     0       0/2"))
      << table;
  EXPECT_TRUE(contains(table, "total                        5     1     3     1     0     2.5/9"))
      << table;
}

TEST(Reports, AnItemWaitingForAnotherLabSaysWhich) {
  Item item;
  item.title = "Digits classifier";
  item.max_points = 10;
  item.status = Status::Blocked;
  item.needs = "Adam::step (labs/09-optimizers)";
  EXPECT_EQ(item_line(item),
            "NEEDS    0/10  Digits classifier: needs your Adam::step (labs/09-optimizers)\n");
}

// A long title gives way to the reason, which names what to write.
TEST(Reports, AnItemLineKeepsItsReasonWithinEightyColumns) {
  Item item;
  item.title = "Fashion-MNIST classifier: accuracy on the shipped test images (75%)";
  item.max_points = 10;
  item.status = Status::Blocked;
  item.needs = "train_step (labs/08-training)";
  const std::string line = item_line(item);
  EXPECT_LE(line.size(), 81u) << line;  // and its newline
  EXPECT_TRUE(contains(line, "NEEDS    0/10  Fashion-MNIST classi...: needs your "
                             "train_step (labs/08-training)\n"))
      << line;
}

TEST(Reports, EveryReportMarksHiddenItems) {
  const Submission s = sample();  // item 4 is hidden, item 2 shown after the due date
  EXPECT_TRUE(contains(item_line(s.items[4]), "MLP forward (hidden)"));
  EXPECT_TRUE(contains(item_line(s.items[2]), "Softmax backward (after_due_date)"));
  EXPECT_FALSE(contains(item_line(s.items[0]), "("));
  EXPECT_TRUE(contains(item_text(s.items[4]), "MLP forward (hidden)"));
  EXPECT_TRUE(contains(to_markdown(s), "## MLP forward (hidden): CRASH"));
  EXPECT_TRUE(contains(to_markdown(s), "| MLP forward |  | hidden | crashed | 0/1 |"));
  EXPECT_TRUE(contains(to_html(s), "MLP forward (hidden)"));
  EXPECT_TRUE(contains(to_html(s), "<td>MLP forward</td><td>hidden</td>"));
}

TEST(Reports, NotImplementedIsSaidOncePerItem) {
  Item todo = sample().items[2];
  for (int i = 0; i < 3; ++i) todo.gradients.push_back(todo.gradients[0]);  // four cases
  Submission one;
  one.items = {todo};
  for (const std::string& text : {item_text(todo), to_markdown(one), to_html(one)}) {
    std::size_t count = 0;
    for (auto at = text.find("ot implemented yet"); at != std::string::npos;
         at = text.find("ot implemented yet", at + 1))
      ++count;
    EXPECT_EQ(count, 1u) << text;
  }
}

TEST(Reports, EachDiagnosisIsExplainedOncePerItem) {
  Item item = failed_gradient_item();
  const nn::gradcheck::Report again = item.gradients[0];
  item.gradients.push_back(again);  // the same mistake in a second case
  const std::string text = item_text(item);
  const std::string& explanation = item.diagnoses[0].diagnosis.explanation;
  const std::string start = explanation.substr(0, 30);
  EXPECT_EQ(text.find(start), text.rfind(start)) << text;
  EXPECT_NE(text.find(start), std::string::npos) << text;
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
  std::istringstream lines(to_terminal(sample(), false) + to_terminal_details(sample(), false));
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(line.size(), 80u) << line;
}

}  // namespace
