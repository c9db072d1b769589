// The report writers on a small Submission (report_sample.hpp): a passed item,
// a failed gradient item with a diagnosis, a not-implemented item, a training
// item with a history, and a crash whose message carries hostile student
// output, in four labs. Builds in both builds: the gradient check here is of a
// plain function, not a layer.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "report_sample.hpp"

namespace {

using namespace report_sample;

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

// The labs' subtotals, summed here from the items themselves.
std::map<std::string, std::pair<double, double>> subtotals(const Submission& s) {
  std::map<std::string, std::pair<double, double>> by_lab;
  for (const Item& item : s.items) {
    by_lab[item.lab].first += item.points;
    by_lab[item.lab].second += item.max_points;
  }
  return by_lab;
}

TEST(Reports, ByLabSortsLabsAndSumsTheirItems) {
  Submission s = sample();
  Item extra;  // an item of no lab comes last, whatever its place
  extra.title = "Extra";
  extra.points = 0.5;
  extra.max_points = 4;
  s.items.insert(s.items.begin(), extra);
  const std::vector<LabGroup> groups = by_lab(s);
  const auto expected = subtotals(s);
  ASSERT_EQ(groups.size(), expected.size());
  std::vector<std::string> names;
  std::size_t items = 0;
  for (const LabGroup& g : groups) {
    names.push_back(g.lab);
    EXPECT_DOUBLE_EQ(g.points, expected.at(g.lab).first) << g.lab;
    EXPECT_DOUBLE_EQ(g.max_points, expected.at(g.lab).second) << g.lab;
    for (const Item* item : g.items) EXPECT_EQ(item->lab, g.lab);
    items += g.items.size();
  }
  EXPECT_EQ(items, s.items.size());
  EXPECT_EQ(names, (std::vector<std::string>{"labs/05-linear", "labs/06-activations",
                                             "labs/07-losses", "labs/08-training", ""}));
  // within a lab, the items keep their order: ReLU before the MLP crash
  EXPECT_EQ(groups[1].items[0]->title, "ReLU backward");
  EXPECT_EQ(groups[1].items[1]->title, "MLP forward");
}

TEST(Reports, LabShortNamesAreColumnHeaders) {
  EXPECT_EQ(lab_short_name("labs/05-linear"), "lab05");
  EXPECT_EQ(lab_short_name("labs/10-cnn"), "lab10");
  EXPECT_EQ(lab_short_name("extra/bonus"), "extra/bonus");
  EXPECT_EQ(lab_short_name(""), "other");
}

// Each text report shows each lab's heading with its subtotal, then its items,
// before the next lab's heading.
TEST(Reports, TextReportsGroupItemsByLabWithTheirSubtotals) {
  const Submission s = sample();
  const auto expected = subtotals(s);
  const std::string terminal = to_terminal(s), md = to_markdown(s), html = to_html(s);
  std::size_t last_terminal = 0, last_md = 0, last_html = 0;
  for (const auto& [lab, points] : expected) {  // std::map: sorted, as the reports
    const std::string subtotal = points_text(points.first, points.second);
    const std::size_t t =
        terminal.find(fmt::format("{:<{}} subtotal {}\n", lab, 79 - 9 - subtotal.size(), subtotal));
    const std::size_t m = md.find("\n## " + lab + ": " + subtotal + "\n");
    const std::size_t h = html.find("<h2>" + lab + " <span class=\"subtotal\">" + subtotal);
    ASSERT_NE(t, std::string::npos) << lab << " " << subtotal << "\n" << terminal;
    ASSERT_NE(m, std::string::npos) << lab << " " << subtotal << "\n" << md;
    ASSERT_NE(h, std::string::npos) << lab << " " << subtotal << "\n" << html;
    EXPECT_GT(t, last_terminal);
    EXPECT_GT(m, last_md);
    EXPECT_GT(h, last_html);
    last_terminal = t, last_md = m, last_html = h;
    for (const Item& item : s.items) {
      if (item.lab != lab) continue;
      const std::size_t at = terminal.find(item_line(item));
      const std::size_t next = terminal.find(" subtotal ", terminal.find('\n', t));
      EXPECT_GT(at, t) << item.title;
      EXPECT_LT(at, next) << item.title;
      EXPECT_GT(md.find("### " + item.title, m), m) << item.title;
      EXPECT_LT(md.find("### " + item.title, m), md.find("\n## ", m + 1)) << item.title;
    }
  }
}

// A passing check is folded to its summary line, a failing one open with its
// heat map and the analytic and numerical values side by side; items likewise.
TEST(Reports, HtmlFoldsPassingChecksAndOpensFailingOnes) {
  const Submission s = sample();
  const std::string html = to_html(s);
  EXPECT_TRUE(contains(html,
                       "<details class=\"case passed\"><summary><span class=\"passed\">OK</span> "
                       "Gradient check <code>ReLU on 4x3</code>: W OK, relative error"))
      << html;
  const std::size_t failed = html.find("<details class=\"case failed\" open><summary>");
  ASSERT_NE(failed, std::string::npos) << html;
  const std::string failed_case = html.substr(failed, html.find("</details>", failed) - failed);
  EXPECT_TRUE(contains(failed_case, "<svg")) << "the heat map";
  const nn::gradcheck::TensorResult& t = s.items[1].gradients[0].tensors[0];
  EXPECT_TRUE(contains(failed_case,
                       fmt::format("<td class=\"num\">{:.6e}</td><td class=\"num\">{:.6e}</td>",
                                   t.worst[0].analytic, t.worst[0].numeric)));
  EXPECT_TRUE(contains(failed_case, "analytic (your backward)"));  // whole small matrices
  EXPECT_FALSE(contains(failed_case, "Hint")) << "the hint comes once, after the cases";
  std::size_t cases = 0;
  for (const Item& item : s.items)
    for (const auto& r : item.gradients) cases += r.not_implemented ? 0 : 1;
  std::size_t details = 0;
  for (auto at = html.find("<details class=\"case"); at != std::string::npos;
       at = html.find("<details class=\"case", at + 1))
    ++details;
  EXPECT_EQ(details, cases);
  // An item that passed is folded to its title line; any other is open.
  for (const Item& item : s.items) {
    const std::string status = to_string(item.status);
    const std::string open = item.status == Status::Passed ? "" : " open";
    EXPECT_TRUE(contains(html, "<details class=\"item " + status + "\" id=\"item-" + item.id +
                                   "\"" + open + "><summary>"))
        << item.title;
  }
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
  EXPECT_TRUE(contains(line,
                       "NEEDS    0/10  Fashion-MNIST classi...: needs your "
                       "train_step (labs/08-training)\n"))
      << line;
}

TEST(Reports, EveryReportMarksHiddenItems) {
  const Submission s = sample();  // item 4 is hidden, item 2 shown after the due date
  EXPECT_TRUE(contains(item_line(s.items[4]), "MLP forward (hidden)"));
  EXPECT_TRUE(contains(item_line(s.items[2]), "Softmax backward (after_due_date)"));
  EXPECT_FALSE(contains(item_line(s.items[0]), "("));
  EXPECT_TRUE(contains(item_text(s.items[4]), "MLP forward (hidden)"));
  EXPECT_TRUE(contains(to_markdown(s), "### MLP forward (hidden): CRASH"));
  EXPECT_TRUE(contains(to_markdown(s), "| MLP forward | hidden | crashed | 0/1 |"));
  EXPECT_TRUE(
      contains(to_html(s), "MLP forward</span><span class=\"hidden-note\"> (hidden)</span>"));
  EXPECT_TRUE(contains(to_terminal(s), "MLP forward (hidden)"));
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

// The same mistake in two cases: the terminal explains it once per tensor, the
// Markdown and HTML reports once per item (with its hint), naming both cases.
TEST(Reports, EachDiagnosisIsExplainedOncePerItem) {
  Item item = failed_gradient_item();
  const nn::gradcheck::Report again = gradient_check("Linear(3->4), second case", 0.25);
  item.gradients.push_back(again);
  for (const TensorDiagnosis& d : diagnoses_of(again)) item.diagnoses.push_back(d);
  Submission one;
  one.items = {item};
  const std::string& explanation = item.diagnoses[0].diagnosis.explanation;
  const std::string start = explanation.substr(0, 30);
  const std::string hint = item.diagnoses[0].diagnosis.hint.substr(0, 30);
  ASSERT_FALSE(hint.empty());
  for (const std::string& text : {item_text(item), to_markdown(one), to_html(one)}) {
    EXPECT_EQ(text.find(start), text.rfind(start)) << text;
    EXPECT_NE(text.find(start), std::string::npos) << text;
    EXPECT_EQ(text.find(hint), text.rfind(hint)) << text;
  }
  for (const std::string& text : {to_markdown(one), to_html(one)}) {
    EXPECT_TRUE(contains(text, "W in Linear(3-&gt;4) on 5x3; W in Linear(3-&gt;4), second case"))
        << text;
  }
}

TEST(Reports, TerminalColourOnlyWhenAsked) {
  EXPECT_FALSE(contains(to_terminal(sample(), false), "\x1b["));
  EXPECT_TRUE(contains(to_terminal(sample(), true), "\x1b["));
}

TEST(Reports, TerminalKeepsStudentOutputFromDrivingTheTerminal) {
  EXPECT_FALSE(contains(to_terminal(sample(), false), "\x1b"));
  EXPECT_TRUE(contains(to_terminal(sample(), false), "\\x1B[2J"));  // shown, not obeyed
}

TEST(Reports, TerminalFitsEightyColumns) {
  std::istringstream lines(to_terminal(sample(), false) + to_terminal_details(sample(), false));
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(line.size(), 80u) << line;
}

}  // namespace
