// Labs 03 and 04's exercises, probe and judge together (solution build): the
// real worker answers every case with the reference code, which the judges
// accept; answers with realistic mistakes (computed here, independently of the
// lab code) lose credit, and a diagnosis, when there is one, names the mistake.
#include <gtest/gtest.h>

#if NN_SOLUTION_BUILD

#include <cmath>
#include <string>
#include <vector>

#include "../worker/probes/lab03_expression.hpp"
#include "../worker/probes/lab04_function.hpp"
#include "../worker/probes/lab04_layers.hpp"
#include "exercise.hpp"
#include "nn/core/rng.hpp"
#include "worker_runner.hpp"

namespace {

using grader::ExerciseCase;
using grader::Message;
using grader::Verdict;

Message ask(const std::string& target, const ExerciseCase& c) {
  Message request = c.request;
  request.set_string("kind", "probe");
  request.set_string("target", target);
  const grader::WorkerReply reply = grader::testing::run_real_worker(request);
  EXPECT_TRUE(reply.response.has_value()) << target << " / " << c.name << ": " << reply.problem;
  if (!reply.response) return {};
  EXPECT_EQ(reply.response->string("status"), "ok")
      << target << " / " << c.name << ": "
      << (reply.response->has("error") ? reply.response->string("error") : "");
  return *reply.response;
}

const grader::Exercise& exercise(const std::string& name) {
  const grader::Exercise* e = grader::find_exercise(name);
  EXPECT_NE(e, nullptr) << name;
  return *e;
}

// ---- lab 03 ---------------------------------------------------------------------

using grader::lab03::Record;

// The gradient of every node by reverse mode over creation order, with local
// derivatives written here (independent of the lab's code); `wrong_op` gets a
// plausible wrong derivative, and `assign` overwrites instead of adding.
Message lab03_answer(const std::string& program_text, const std::string& wrong_op = "",
                     bool assign = false) {
  const std::vector<Record> p = grader::lab03::parse_program(program_text);
  const std::vector<double> v = grader::lab03::evaluate(p);
  std::vector<bool> needed(p.size(), false);
  needed.back() = true;
  nn::Mat grad(1, p.size(), arma::fill::zeros);
  grad(p.size() - 1) = 1;
  for (std::size_t k = p.size(); k-- > 0;) {
    if (!needed[k]) continue;
    const Record& r = p[k];
    const int n = grader::lab03::operand_count(r.op);
    if (n == 0) continue;
    const double a = v[r.a], b = n == 2 ? v[r.b] : 0, out = v[k];
    double da = 0, db = 0;
    if (r.op == "add") da = 1, db = 1;
    if (r.op == "sub") da = 1, db = -1;
    if (r.op == "mul") da = b, db = a;
    if (r.op == "div") da = 1 / b, db = -a / (b * b);
    if (r.op == "exp") da = out;
    if (r.op == "log") da = r.op == wrong_op ? 1 / (a * a) : 1 / a;
    if (r.op == "sin") da = std::cos(a);
    if (r.op == "pow") da = r.number * std::pow(a, r.number - 1);
    if (r.op == "sigmoid") da = out * (1 - out);
    if (r.op == "tanh") da = r.op == wrong_op ? 1 - a * a : 1 - out * out;
    needed[r.a] = true;
    grad(r.a) = (assign ? 0 : grad(r.a)) + da * grad(k);
    if (n == 2) {
      needed[r.b] = true;
      grad(r.b) = (assign ? 0 : grad(r.b)) + db * grad(k);
    }
  }
  nn::Mat order(1, 0);
  for (std::size_t k = 0; k < p.size(); ++k)
    if (needed[k]) order.insert_cols(order.n_cols, nn::Mat(1, 1, arma::fill::value(static_cast<double>(k))));
  Message m;
  m.set_matrix("grad", grad);
  m.set_matrix("order", order);
  return m;
}

bool uses(const std::string& program, const std::string& op) {
  for (const Record& r : grader::lab03::parse_program(program))
    if (r.op == op) return true;
  return false;
}

const char* kLab03[] = {"lab03.examples", "lab03.local_derivatives", "lab03.backprop",
                        "lab03.random"};

TEST(Lab03Exercise, ReferenceAnswersGetFullCreditAndMatchAnIndependentReverseMode) {
  for (const char* name : kLab03) {
    const grader::Exercise& e = exercise(name);
    for (std::uint64_t seed : {11u, 12u})
      for (const ExerciseCase& c : e.cases(seed)) {
        const Message reference = ask(name, c);
        const Verdict self = e.judge(c, reference, &reference, 1e-6);
        EXPECT_EQ(self.credit, 1) << name << " / " << c.name << ": " << self.message;
        const Message independent = lab03_answer(c.request.string("program"));
        const Verdict v = e.judge(c, independent, &reference, 1e-9);
        EXPECT_EQ(v.credit, 1) << name << " / " << c.name << ": " << v.message;
      }
  }
}

TEST(Lab03Exercise, TheWorkedExampleNumbers) {
  const grader::Exercise& e = exercise("lab03.examples");
  const std::vector<ExerciseCase> cases = e.cases(1);
  const nn::Mat& g = ask("lab03.examples", cases[0]).matrix("grad");  // (x + y) z
  EXPECT_EQ(g(0), -4);
  EXPECT_EQ(g(1), -4);
  EXPECT_EQ(g(2), 3);
  EXPECT_EQ(ask("lab03.examples", cases[3]).matrix("grad")(0), 7);  // x x + x at 3
}

TEST(Lab03Exercise, AWrongLocalDerivativeIsNamedWhereverItShows) {
  for (const char* op : {"log", "tanh"}) {
    int named = 0, clean = 0;
    for (const char* name : {"lab03.random", "lab03.local_derivatives"}) {
      const grader::Exercise& e = exercise(name);
      for (std::uint64_t seed : {3u, 4u, 5u})
        for (const ExerciseCase& c : e.cases(seed)) {
          const std::string& program = c.request.string("program");
          const Message reference = lab03_answer(program);
          const Verdict v = e.judge(c, lab03_answer(program, op), &reference, 1e-6);
          if (!uses(program, op)) {
            EXPECT_EQ(v.credit, 1) << c.name;
            ++clean;
            continue;
          }
          if (v.credit == 1 || v.diagnosis.empty()) continue;  // e.g. a node used twice
          EXPECT_NE(v.diagnosis.find(std::string("local derivative of ") + op), std::string::npos)
              << op << " in " << c.name << ": " << v.diagnosis << "\n" << v.message;
          ++named;
        }
    }
    EXPECT_GT(named, 3) << op;
    EXPECT_GT(clean, 3) << op;
  }
}

TEST(Lab03Exercise, OverwritingInsteadOfAddingIsDiagnosedOnReuse) {
  const grader::Exercise& e = exercise("lab03.examples");
  const ExerciseCase c = e.cases(1)[3];  // x x + x
  const std::string& program = c.request.string("program");
  const Message reference = lab03_answer(program);
  const Verdict v = e.judge(c, lab03_answer(program, "", true), &reference, 1e-6);
  EXPECT_LT(v.credit, 1);
  EXPECT_NE(v.diagnosis.find("used 3 times"), std::string::npos) << v.diagnosis;
}

TEST(Lab03Exercise, TraversalMistakes) {
  const grader::Exercise& e = exercise("lab03.backprop");
  const std::vector<ExerciseCase> cases = e.cases(1);
  // the output's gradient never set: everything 0
  {
    const std::string& program = cases[0].request.string("program");
    const Message reference = lab03_answer(program);
    Message zero = reference;
    zero.set_matrix("grad", nn::Mat(1, reference.matrix("grad").n_cols, arma::fill::zeros));
    const Verdict v = e.judge(cases[0], zero, &reference, 1e-6);
    EXPECT_LT(v.credit, 1);
    EXPECT_NE(v.diagnosis.find("set the output's gradient to 1"), std::string::npos);
  }
  // backward twice without resetting
  {
    const ExerciseCase& twice = cases[3];
    ASSERT_EQ(twice.request.integer("backward_calls"), 2);
    const Message reference = lab03_answer(twice.request.string("program"));
    Message doubled = reference;
    doubled.set_matrix("grad", nn::Mat(2 * reference.matrix("grad")));
    const Verdict v = e.judge(twice, doubled, &reference, 1e-6);
    EXPECT_NE(v.diagnosis.find("set every grad to 0"), std::string::npos) << v.diagnosis;
  }
  // an order that lists a node the output does not use: half the credit
  {
    const ExerciseCase& unused = cases[2];
    const Message reference = lab03_answer(unused.request.string("program"));
    Message all = reference;
    all.set_matrix("order", nn::Mat{{0, 1, 2, 3, 4}});
    const Verdict v = e.judge(unused, all, &reference, 1e-6);
    EXPECT_DOUBLE_EQ(v.credit, 0.5);
    EXPECT_NE(v.message.find("does not depend on it"), std::string::npos) << v.message;
    Message reversed = reference;
    reversed.set_matrix("order", nn::Mat{{4, 3, 0}});
    EXPECT_NE(e.judge(unused, reversed, &reference, 1e-6).message.find("before its input"),
              std::string::npos);
  }
}

// ---- lab 04 -------------------------------------------------------------------------

const char* kLab04[] = {"lab04.numerical_gradient", "lab04.numerical_gradient_more",
                        "lab04.relative_error",     "lab04.recovered_gradient",
                        "lab04.check",              "lab04.check_more"};

TEST(Lab04Exercise, ReferenceAnswersGetFullCredit) {
  for (const char* name : kLab04) {
    const grader::Exercise& e = exercise(name);
    EXPECT_FALSE(e.uses_reference) << name;
    for (std::uint64_t seed : {21u, 22u})
      for (const ExerciseCase& c : e.cases(seed)) {
        const Verdict v = e.judge(c, ask(name, c), nullptr, 1e-6);
        EXPECT_EQ(v.credit, 1) << name << " / " << c.name << ": " << v.message;
      }
  }
}

TEST(Lab04Exercise, NumericalGradientMistakes) {
  const grader::Exercise& e = exercise("lab04.numerical_gradient");
  for (const ExerciseCase& c : e.cases(7)) {
    nn::Mat x = c.request.matrix("X");
    const nn::Mat& A = c.request.matrix("A");
    const nn::Mat& G = c.request.matrix("G");
    const double h = c.request.real("h");
    nn::Mat one_sided(x.n_rows, x.n_cols), twice(x.n_rows, x.n_cols);
    for (nn::Index i = 0; i < x.n_elem; ++i) {
      const double x0 = x(i), f0 = grader::lab04::smooth_function(x, A, G);
      x(i) = x0 + h;
      const double plus = grader::lab04::smooth_function(x, A, G);
      x(i) = x0 - h;
      const double minus = grader::lab04::smooth_function(x, A, G);
      x(i) = x0;
      one_sided(i) = (plus - f0) / h;
      twice(i) = (plus - minus) / h;
    }
    Message answer;
    answer.set_matrix("x_after", x);
    answer.set_matrix("gradient", one_sided);
    Verdict v = e.judge(c, answer, nullptr, 1e-6);
    EXPECT_DOUBLE_EQ(v.credit, 0.2) << c.name;
    EXPECT_NE(v.diagnosis.find("one-sided"), std::string::npos) << c.name << ": " << v.diagnosis;
    answer.set_matrix("gradient", twice);
    v = e.judge(c, answer, nullptr, 1e-6);
    EXPECT_NE(v.diagnosis.find("divide by 2h"), std::string::npos) << c.name;
  }
}

// x put back by arithmetic (x + h, then - 2h, then + h) differs from x by rounding
// only: as right as a copy of the value put back. Left nudged, it loses the restore's share.
TEST(Lab04Exercise, XPutBackByArithmeticIsRestoredAndXLeftNudgedIsNot) {
  const grader::Exercise& e = exercise("lab04.numerical_gradient");
  int rounded = 0;
  for (const ExerciseCase& c : e.cases(7)) {
    nn::Mat x = c.request.matrix("X");
    const nn::Mat& A = c.request.matrix("A");
    const nn::Mat& G = c.request.matrix("G");
    const double h = c.request.real("h");
    nn::Mat gradient(x.n_rows, x.n_cols);
    for (nn::Index i = 0; i < x.n_elem; ++i) {
      x(i) += h;
      const double plus = grader::lab04::smooth_function(x, A, G);
      x(i) -= 2 * h;
      const double minus = grader::lab04::smooth_function(x, A, G);
      x(i) += h;
      gradient(i) = (plus - minus) / (2 * h);
    }
    rounded += arma::any(arma::vectorise(x != c.request.matrix("X")));
    Message answer;
    answer.set_matrix("x_after", x);
    answer.set_matrix("gradient", gradient);
    EXPECT_EQ(e.judge(c, answer, nullptr, 1e-6).credit, 1) << c.name;
    nn::Mat nudged = c.request.matrix("X");
    nudged(0) += h;
    answer.set_matrix("x_after", nudged);
    const Verdict v = e.judge(c, answer, nullptr, 1e-6);
    EXPECT_DOUBLE_EQ(v.credit, 0.8) << c.name;
    EXPECT_NE(v.message.find("put each element back"), std::string::npos) << v.message;
  }
  EXPECT_GT(rounded, 0) << "no case rounded: the test shows nothing";
}

TEST(Lab04Exercise, RelativeErrorMistakes) {
  const grader::Exercise& e = exercise("lab04.relative_error");
  int nan_named = 0, norm_named = 0;
  for (const ExerciseCase& c : e.cases(1)) {
    const nn::Mat& a = c.request.matrix("analytic");
    const nn::Mat& n = c.request.matrix("numeric");
    if (a.n_rows != n.n_rows) continue;
    Message naive;  // no care for 0 / 0, and the analytic norm only
    naive.set_real("error", arma::norm(a - n, "fro") / arma::norm(a, "fro"));
    const Verdict v = e.judge(c, naive, nullptr, 1e-6);
    if (v.credit == 1) continue;
    nan_named += v.diagnosis.find("NaN") != std::string::npos;
    norm_named += v.diagnosis.find("||analytic|| only") != std::string::npos;
  }
  EXPECT_EQ(nan_named, 1);
  EXPECT_GE(norm_named, 2);
}

TEST(Lab04Exercise, CheckerVerdictsAreJudgedPerTensor) {
  const grader::Exercise& e = exercise("lab04.check");
  for (const ExerciseCase& c : e.cases(1)) {
    Message right = ask("lab04.check", c);
    Message always_pass = right;
    always_pass.set_integer("passed", 1);
    for (std::int64_t k = 0; k < right.integer("tensor_count"); ++k)
      always_pass.set_integer("passed." + std::to_string(k), 1);
    const Verdict v = e.judge(c, always_pass, nullptr, 1e-6);
    if (c.request.string("mistake") == "none")
      EXPECT_EQ(v.credit, 1) << c.name;
    else
      EXPECT_LT(v.credit, 0.5) << c.name;
  }
}

// The probe builds the layers and plants the mistakes lab04_layers.hpp lists, and
// the judge reads the same list: on every listed layer, correct and with each
// mistake the list plants in it, the reference checker in the real worker reports
// the tensors the list names and flags exactly the one the mistake makes wrong.
TEST(Lab04Exercise, TheProbePlantsEachListedMistakeInTheTensorTheJudgeExpects) {
  namespace planted = grader::lab04;
  nn::Rng rng(3);
  const nn::Index n = 3, d = 4, m = 2;
  std::size_t asked = 0;
  for (const planted::LayerKind& kind : planted::layer_kinds()) {
    std::vector<std::string> mistakes = {"none"};
    for (const planted::Mistake& mistake : planted::mistakes())
      if (planted::plantable(mistake.name, kind.name)) mistakes.push_back(mistake.name);
    for (const std::string& mistake : mistakes) {
      ExerciseCase c;
      c.name = kind.name + " with " + mistake;
      c.request.set_string("layer", kind.name);
      c.request.set_string("mistake", mistake);
      c.request.set_matrix("X", rng.uniform(n, d, -2, 2));
      c.request.set_matrix("G", rng.uniform(n, kind.name == "Affine" ? m : d, -1, 1));
      if (kind.name == "Affine") {
        c.request.set_matrix("param.0", rng.uniform(d, m, -1, 1));
        c.request.set_matrix("param.1", rng.uniform(1, m, -1, 1));
      } else if (kind.name == "Gain") {
        c.request.set_matrix("param.0", rng.uniform(1, d, 0.5, 2));
        c.request.set_matrix("param.1", rng.uniform(1, d, -1, 1));
      }
      c.request.set_real("h", 1e-6);
      c.request.set_real("threshold", 1e-6);
      const Message answer = ask("lab04.check", c);
      ++asked;
      const std::vector<std::string> names = planted::tensor_names(kind.name);
      ASSERT_EQ(answer.integer("tensor_count"), static_cast<std::int64_t>(names.size())) << c.name;
      for (std::size_t k = 0; k < names.size(); ++k) {
        const std::string i = std::to_string(k);
        EXPECT_EQ(answer.string("name." + i), names[k]) << c.name;
        EXPECT_EQ(answer.integer("passed." + i) != 0, names[k] != planted::wrong_tensor(mistake))
            << c.name << ", tensor " << names[k];
      }
    }
  }
  EXPECT_GE(asked, planted::layer_kinds().size() + planted::mistakes().size());

  // A mistake the list does not plant in a layer is refused, not run as a correct layer.
  Message request;
  request.set_string("kind", "probe");
  request.set_string("target", "lab04.check");
  request.set_string("layer", "Sine");
  request.set_string("mistake", "missing_two");
  const grader::WorkerReply reply = grader::testing::run_real_worker(request);
  ASSERT_TRUE(reply.response.has_value()) << reply.problem;
  EXPECT_EQ(reply.response->string("status"), "error");
}

TEST(Lab04Exercise, RecoveredGradientSignFlipIsNamed) {
  const grader::Exercise& e = exercise("lab04.recovered_gradient");
  for (const ExerciseCase& c : e.cases(1)) {
    Message flipped;
    flipped.set_matrix("gradient", nn::Mat((c.request.matrix("after") - c.request.matrix("before")) /
                                           c.request.real("learning_rate")));
    const Verdict v = e.judge(c, flipped, nullptr, 1e-6);
    EXPECT_EQ(v.credit, 0);
    EXPECT_NE(v.diagnosis.find("sign"), std::string::npos) << c.name;
  }
}

}  // namespace

#endif  // NN_SOLUTION_BUILD
