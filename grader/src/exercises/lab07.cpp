// Lab 07's exercise: softmax and log-sum-exp that neither overflow nor underflow
// (lab07::stable_softmax and lab07::log_sum_exp, labs/07-losses/softmax_overflow.cpp),
// on ordinary logits, on logits near +1000 and -1000 where e^z is inf or 0, and on
// rows whose logits lie 1000 apart.
//
// The judge computes both itself (the row maximum subtracted first) and compares;
// any inf or NaN in the answer is wrong. It names a mistake only when the
// answer shows it: inf/NaN where e^z over- or underflows, the global maximum
// subtracted instead of each row's, or the maximum not added back to log-sum-exp.
#include <fmt/format.h>

#include <cmath>
#include <random>

#include "exercise.hpp"
#include "exercises/answer.hpp"

namespace {

using nn::Mat;

struct Answer {
  Mat softmax, log_sum_exp;
};

// Shifted by `shift` (N x 1, one value per row), then the formulas as written.
Answer shifted_answer(const Mat& Z, const arma::vec& shift) {
  Mat S = Z;
  S.each_col() -= shift;
  const arma::vec sums = arma::sum(arma::exp(S), 1);
  Answer a;
  a.softmax = arma::exp(S);
  a.softmax.each_col() /= sums;
  a.log_sum_exp = shift + arma::log(sums);
  return a;
}

Answer reference(const Mat& Z) { return shifted_answer(Z, arma::max(Z, 1)); }

// Whether the matrix `name` has the expected shape and an inf or NaN in it.
bool has_non_finite(const grader::Message& m, const std::string& name, const Mat& expected) {
  const Mat* answer = grader::answer::matrix(m, name);
  if (!answer) return false;
  const Mat& got = *answer;
  return got.n_rows == expected.n_rows && got.n_cols == expected.n_cols && !got.is_finite();
}

// Whether `got` is `want` element by element, inf and NaN in the same places.
bool same(const grader::Message& m, const std::string& name, const Mat& want, double tolerance) {
  const Mat* answer = grader::answer::matrix(m, name);
  if (!answer) return false;
  const Mat& got = *answer;
  if (got.n_rows != want.n_rows || got.n_cols != want.n_cols) return false;
  for (nn::Index i = 0; i < want.n_elem; ++i) {
    const double a = got(i), b = want(i);
    if (std::isnan(a) || std::isnan(b)) {
      if (!(std::isnan(a) && std::isnan(b))) return false;
    } else if (!grader::answer::close(a, b, tolerance)) {
      return false;
    }
  }
  return true;
}

std::string diagnose(const Mat& Z, const grader::Message& student, double tolerance) {
  const arma::vec row_max = arma::max(Z, 1);
  const Answer global = shifted_answer(Z, arma::vec(Z.n_rows).fill(Z.max()));
  const bool rows_differ = row_max.max() - row_max.min() > 700;
  if (rows_differ && !global.softmax.is_finite() &&
      same(student, "softmax", global.softmax, tolerance))
    return "each row needs its own maximum: subtract arma::max(Z, 1) (N x 1, one per row), not "
           "the maximum of the whole batch, which leaves e^z = 0 in rows far below it";
  const Answer right = reference(Z);
  if (has_non_finite(student, "softmax", right.softmax) ||
      has_non_finite(student, "log_sum_exp", right.log_sum_exp)) {
    const bool overflows = Z.max() > 709, underflows = row_max.min() < -745;
    if (overflows)
      return "overflow: subtract the row maximum before exponentiating (e^z is inf for z > 709)";
    if (underflows)
      return "underflow: e^z is 0 for every logit of a row (z < -745), so the sum is 0; subtract "
             "the row maximum before exponentiating";
    return "";
  }
  if (arma::abs(row_max).max() > tolerance &&
      same(student, "log_sum_exp", right.log_sum_exp - row_max, tolerance))
    return "log_sum_exp: add the row maximum back, log sum e^z = m + log sum e^(z - m)";
  return "";
}

grader::Verdict judge(const grader::ExerciseCase& c, const grader::Message& student,
                      const grader::Message*, double tolerance) {
  const Mat& Z = c.request.matrix("Z");
  const Answer right = reference(Z);
  grader::Message expected;
  expected.set_matrix("softmax", right.softmax);
  expected.set_matrix("log_sum_exp", right.log_sum_exp);
  grader::Verdict v =
      grader::compare_entries(student, expected, {"softmax", "log_sum_exp"}, tolerance);
  if (v.credit < 1) v.diagnosis = diagnose(Z, student, tolerance);
  return v;
}

grader::ExerciseCase logits_case(const std::string& name, const Mat& Z) {
  grader::Message m;
  m.set_matrix("Z", Z);
  return {name, m};
}

// Logits: ordinary ones, ones near +`scale` and near -`scale`, rows of very
// different sizes in one batch, and rows with one logit near `scale` among small
// ones (only the row's maximum keeps every e^(z - shift) finite there: its
// minimum or its mean does not).
std::vector<grader::ExerciseCase> make_cases(std::uint64_t seed, double scale, nn::Index rows,
                                             nn::Index cols) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> normal(0, 1);
  const auto logits = [&](double centre, double spread) {
    Mat Z(rows, cols);
    for (double& z : Z) z = centre + spread * normal(engine);
    return Z;
  };
  Mat mixed = logits(0, 3);
  for (nn::Index k = 0; k < cols; ++k) {
    mixed(0, k) += scale;
    mixed(rows - 1, k) -= scale;
  }
  Mat wide = logits(0, 3);
  for (nn::Index r = 0; r < rows; ++r) wide(r, r % cols) += scale;
  return {logits_case("ordinary logits (about -6 to 6)", logits(0, 3)),
          logits_case(fmt::format("large logits (about {:g})", scale), logits(scale, 5)),
          logits_case(fmt::format("very negative logits (about {:g})", -scale), logits(-scale, 5)),
          logits_case(fmt::format("one batch: a row near {:g}, one near {:g}", scale, -scale),
                      mixed),
          logits_case(fmt::format("each row: one logit near {:g}, the others near 0", scale),
                      wide)};
}

grader::Exercise stable_softmax() {
  grader::Exercise e;
  e.summary = "softmax and log-sum-exp, finite and right at ordinary and at large logits";
  e.uses_reference = false;
  e.cases = [](std::uint64_t seed) { return make_cases(seed, 1000, 3, 4); };
  e.judge = judge;
  return e;
}

// Other logits, sizes and scales (hidden).
grader::Exercise stable_softmax_other() {
  grader::Exercise e;
  e.summary = "softmax and log-sum-exp on other logits and scales";
  e.uses_reference = false;
  e.cases = [](std::uint64_t seed) { return make_cases(seed, 1e5, 5, 7); };
  e.judge = judge;
  return e;
}

}  // namespace

GRADER_EXERCISE("lab07.stable_softmax", stable_softmax);
GRADER_EXERCISE("lab07.stable_softmax.other", stable_softmax_other);
