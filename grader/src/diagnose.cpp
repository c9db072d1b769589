#include "diagnose.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "diagnose_locate.hpp"

namespace grader {

using nn::Index;
using nn::Mat;
using nn::Real;

namespace {

constexpr Real kFitTolerance = 1e-5;        // a fitted pattern explains A to this relative error
constexpr Real kFactorTolerance = 1e-3;     // a fitted factor "is" a named one within this
constexpr Real kCandidateTolerance = 1e-6;  // a candidate mistake must match this closely

bool same_shape(const Mat& a, const Mat& b) { return a.n_rows == b.n_rows && a.n_cols == b.n_cols; }

bool fits(const Mat& a, const Mat& b) { return relative_difference(a, b) < kFitTolerance; }

// A sampled or directional check names a factor only when this many pairs agree on it.
constexpr std::size_t kFewestPairsToFit = 4;

bool close_factor(Real c, Real f) { return f != 0 && std::abs(c / f - 1) < kFactorTolerance; }

// The c minimising ||a - c b|| when c b explains a (small residual), else nothing.
// A factor fits any single number, so it is evidence only where b has at least two
// elements that are not zero (and then their ratios to a's must all agree).
std::optional<Real> fit_factor(const Mat& a, const Mat& b) {
  const Real bb = arma::accu(b % b);
  if (bb == 0) return std::nullopt;
  const arma::uvec informative = arma::find(arma::abs(b) > 1e-9 * arma::abs(b).max());
  if (informative.n_elem < 2) return std::nullopt;
  const Real c = arma::accu(a % b) / bb;
  if (!fits(a, c * b)) return std::nullopt;
  return c;
}

std::string shape(const Mat& m) { return fmt::format("{}x{}", m.n_rows, m.n_cols); }

// "1/32 of" or "2.5 times": how A relates to Nm for a positive factor c.
std::string factor_phrase(Real c) {
  const Real inverse = std::round(1 / c);
  if (c < 1 && inverse >= 2 && close_factor(c, 1 / inverse))
    return fmt::format("1/{:g} of", inverse);
  return fmt::format("{:.6g} times", c);
}

// Why a factor is what it is, when it is one a student typically gets wrong.
std::string factor_reason(Real c, const Context& ctx) {
  const Real n = static_cast<Real>(ctx.batch_size), k = static_cast<Real>(ctx.outputs);
  std::vector<std::string> reasons;
  if (ctx.batch_size > 1 && (close_factor(c, n) || close_factor(c, 1 / n)))
    reasons.push_back(fmt::format("{} is the batch size N", ctx.batch_size));
  if (ctx.outputs > 1 && (close_factor(c, k) || close_factor(c, 1 / k)))
    reasons.push_back(fmt::format("{} is the number of outputs K", ctx.outputs));
  if (ctx.batch_size > 1 && ctx.outputs > 1 &&
      (close_factor(c, n * k) || close_factor(c, 1 / (n * k))))
    reasons.push_back(
        fmt::format("{} = N x K is the number of elements a mean over the whole "
                    "output averages",
                    ctx.batch_size * ctx.outputs));
  if (close_factor(c, 2) || close_factor(c, 0.5))
    reasons.push_back("a factor 2 typically comes from the derivative of a square");
  std::string s;
  for (const std::string& r : reasons) s += (s.empty() ? "; " : ", and ") + r;
  return s;
}

Diagnosis shape_diagnosis(const Mat& A, const Mat& Nm, const Context& ctx) {
  const std::string shapes =
      fmt::format("Your gradient is {}, the tensor is {}.", shape(A), shape(Nm));
  if (A.n_rows == Nm.n_cols && A.n_cols == Nm.n_rows && fits(Mat(A.t()), Nm))
    return {code::kTransposed, "Gradient is transposed",
            shapes + " Transposed, its values match the numerical gradient.",
            "A gradient has the shape of the tensor it belongs to. Write the shape of every "
            "factor in the handout's formula next to it and check that they chain."};
  const bool per_sample = ctx.batch_size == 0 ? A.n_rows > 1 : A.n_rows == ctx.batch_size;
  if (ctx.role == Role::Bias && Nm.n_rows == 1 && A.n_cols == Nm.n_cols && per_sample) {
    const bool sums = fits(Mat(arma::sum(A, 0)), Nm);
    return {code::kBiasNotSummed, "Bias gradient not summed over the batch",
            shapes + " It has one row per sample" +
                (sums ? "; its column sums match the numerical gradient." : "."),
            "The same bias row is added to every sample (Z = XW + B). How does a parameter "
            "shared by all N rows collect its gradient? See the handout's dL/db."};
  }
  std::string evidence = shapes;
  if (A.n_elem == Nm.n_elem && fits(arma::reshape(A, Nm.n_rows, Nm.n_cols), Nm))
    evidence += " It holds the right numbers, reshaped to a different shape.";
  return {code::kShapeMismatch, "Gradient has the wrong shape", evidence,
          "A gradient has the shape of the tensor it belongs to: check the shapes in the "
          "handout's formula factor by factor."};
}

std::optional<Diagnosis> non_finite(const Mat& A, const Mat& Nm) {
  if (!A.is_finite()) {
    const arma::uvec bad = arma::find_nonfinite(A);
    const Index i = bad(0);
    return Diagnosis{
        code::kNonFinite, "Gradient contains NaN or Inf",
        fmt::format("{} of {} elements {} NaN or Inf; the first at ({}, {}) is {}.", bad.n_elem,
                    A.n_elem, bad.n_elem == 1 ? "is" : "are", i % A.n_rows, i / A.n_rows, A(i)),
        "Look for a division by zero, a log or sqrt of 0 or a negative number, an exp that "
        "overflows, or a matrix used before it was filled (Mat(n, m) is not zeroed)."};
  }
  if (!Nm.is_finite())
    return Diagnosis{code::kNumericNonFinite, "Numerical gradient is not finite",
                     "The forward pass gives NaN or Inf near this point, so the gradient "
                     "cannot be judged here.",
                     "This is a problem of the check's inputs, not necessarily of your code."};
  return std::nullopt;
}

std::optional<Diagnosis> candidate(const Mat& A, const Context& ctx) {
  for (const CandidateMistake& m : ctx.candidates) {
    if (!same_shape(m.gradient, A)) continue;
    const Real e = relative_difference(A, m.gradient);
    if (e < kCandidateTolerance)
      return Diagnosis{m.code, m.title,
                       fmt::format("Your gradient equals, to a relative error of {:.1e}, what "
                                   "this mistake produces.{}",
                                   e, m.evidence.empty() ? "" : " " + m.evidence),
                       m.hint};
  }
  return std::nullopt;
}

Diagnosis zero(const Mat& Nm, const Context& ctx) {
  const bool param = ctx.role == Role::Weight || ctx.role == Role::Bias;
  return {code::kZero, "Gradient is all zero",
          fmt::format("Every element of your gradient is 0, while the numerical gradient is not "
                      "(largest |value| {:.6g}).",
                      arma::abs(Nm).max()),
          param ? "backward adds this parameter's gradient into its grad member with +=: check "
                  "that you write into the layer's member and not into a local copy."
                : "Check that backward returns the gradient it computed, not a freshly made "
                  "matrix."};
}

Diagnosis factor(Real c, const Context& ctx) {
  const Real n = static_cast<Real>(ctx.batch_size);
  if (close_factor(c, -1))
    return {code::kWrongSign, "Gradient has the wrong sign",
            "Every element is the negative of the numerical gradient.",
            "Follow the signs through the chain rule: where does a minus sign enter the "
            "handout's formula, and where does yours?"};
  const std::string sign = c < 0 ? "the negative of " : "";
  const std::string evidence =
      fmt::format("Every element of your gradient is {}{} the numerical one (fitted factor {:.6g})",
                  sign, factor_phrase(std::abs(c)), c) +
      factor_reason(std::abs(c), ctx) + ".";
  if (ctx.role == Role::Bias && ctx.batch_size > 1 && close_factor(c, 1 / n))
    return {code::kBiasMeanNotSum, "Bias gradient averaged instead of summed over the batch",
            evidence,
            "The loss's gradient dL/dZ already carries the 1/N of the batch mean. How does a "
            "bias shared by every row collect the rows' gradients? See the handout's dL/db."};
  std::string hint =
      "Compare every constant in your formula with the handout's derivation of this gradient.";
  if (ctx.batch_size > 1 && close_factor(std::abs(c), n))
    hint = ctx.role == Role::LossGradient
               ? "The loss is a mean over the batch: does its derivative keep the factor of "
                 "that mean? See the handout's loss definition."
               : "Where should the 1/N of the batch mean appear, and only once?";
  else if (ctx.batch_size > 1 && close_factor(std::abs(c), 1 / n))
    hint =
        "The loss's backward already includes the 1/N of the batch mean; the layers only apply "
        "the chain rule. Where is your extra division?";
  if (c < 0) hint += " Check the sign as well.";
  return {code::kConstantFactor, "Gradient off by a constant factor", evidence, hint};
}

std::optional<Diagnosis> bias_row(const Mat& A, const Context& ctx) {
  if (ctx.role != Role::Bias || ctx.upstream.n_rows < 2 || ctx.upstream.n_cols != A.n_cols ||
      A.n_rows != 1)
    return std::nullopt;
  for (Index i = 0; i < ctx.upstream.n_rows; ++i)
    if (fits(A, Mat(ctx.upstream.row(i))))
      return Diagnosis{
          code::kBiasNotSummed, "Bias gradient not summed over the batch",
          fmt::format("Your gradient equals row {} of dZ, the upstream gradient: only sample {} "
                      "of {} contributes.",
                      i, i, ctx.upstream.n_rows),
          "The same bias row is added to every sample (Z = XW + B). How does a parameter "
          "shared by all N rows collect its gradient? See the handout's dL/db."};
  return std::nullopt;
}

std::optional<Diagnosis> regularisation(const Mat& A, const Mat& Nm, const Context& ctx) {
  if (!same_shape(ctx.value, A)) return std::nullopt;
  const std::optional<Real> c = fit_factor(Mat(A - Nm), ctx.value);
  if (!c) return std::nullopt;
  const Real l2 = ctx.l2;
  const std::string evidence = fmt::format(
      "Your gradient minus the numerical one is {:.6g} times the tensor itself; {}.", *c,
      l2 > 0 ? fmt::format("the loss's penalty lambda ||W||^2 has lambda = {:g}, so the "
                           "numerical gradient includes {:g} times the tensor",
                           l2, 2 * l2)
             : "this check's loss has no penalty on this tensor");
  const std::string hint =
      "Differentiate the penalty term of the loss with respect to this tensor, and check that "
      "it is added exactly once and only to the tensors the penalty covers.";
  if (l2 > 0 && close_factor(*c, -2 * l2))
    return Diagnosis{code::kRegularisationMissing, "Regularisation term missing", evidence, hint};
  if (l2 > 0 && close_factor(*c, -l2))
    return Diagnosis{code::kRegularisationHalf, "Regularisation term half its size", evidence,
                     hint};
  return Diagnosis{code::kRegularisationExtra, "Unexpected regularisation term", evidence, hint};
}

}  // namespace

std::string to_string(Role role) {
  switch (role) {
    case Role::Unknown:
      return "unknown";
    case Role::Input:
      return "input gradient";
    case Role::Weight:
      return "weight";
    case Role::Bias:
      return "bias";
    case Role::LossGradient:
      return "loss gradient";
  }
  return "?";
}

Role role_of(const std::string& tensor) {
  if (tensor == "dX") return Role::Input;
  if (tensor == "dPred") return Role::LossGradient;
  if (tensor == "b") return Role::Bias;
  return Role::Weight;
}

Real relative_difference(const Mat& a, const Mat& b) {
  const Real scale = std::max(arma::norm(arma::vectorise(a)), arma::norm(arma::vectorise(b)));
  if (scale == 0) return 0;
  return arma::norm(arma::vectorise(a - b)) / scale;
}

Diagnosis diagnose(const Mat& A, const Mat& Nm, const Context& ctx) {
  if (!same_shape(A, Nm)) return shape_diagnosis(A, Nm, ctx);
  if (auto d = non_finite(A, Nm)) return *d;
  const Real error = relative_difference(A, Nm);
  if (error <= ctx.tolerance)
    return {code::kCorrect, "Gradient matches",
            fmt::format("Relative error {:.2e} (tolerance {:.0e}).", error, ctx.tolerance), ""};
  if (auto d = candidate(A, ctx)) return *d;
  if (!arma::any(arma::vectorise(A))) return zero(Nm, ctx);
  if (const std::optional<Real> c = fit_factor(A, Nm); c && !close_factor(*c, 1))
    return factor(*c, ctx);
  if (A.is_square() && fits(Mat(A.t()), Nm))
    return {code::kTransposed, "Gradient is transposed",
            "Your gradient is the transpose of the numerical one (it has the right shape only "
            "because the tensor is square).",
            "Write the shape of every factor in the handout's formula next to it: for a "
            "non-square tensor, would your product have the tensor's shape?"};
  if (auto d = bias_row(A, ctx)) return *d;
  if (auto d = regularisation(A, Nm, ctx)) return *d;
  if (auto d = at_kinks(A, Nm, ctx)) return *d;
  return differs(A, Nm, ctx);
}

Diagnosis diagnose(const nn::gradcheck::TensorResult& t, const Context& ctx) {
  if (!t.analytic.is_empty() && !t.numeric.is_empty()) return diagnose(t.analytic, t.numeric, ctx);
  if (t.passed)
    return {code::kCorrect, "Gradient matches", fmt::format("Relative error {:.2e}.", t.rel_error),
            ""};
  const std::string what = fmt::format(
      "{} {}", t.checked,
      t.method == nn::gradcheck::Method::Directional ? "directional derivatives"
                                                     : "sampled elements");
  // A whole gradient off by one factor is off by it in every element and along every
  // direction: when all the pairs compared agree on one factor, that is the evidence.
  arma::vec a(t.compared.size()), n(t.compared.size());
  for (std::size_t k = 0; k < t.compared.size(); ++k) {
    a(k) = t.compared[k].analytic;
    n(k) = t.compared[k].numeric;
  }
  if (t.compared.size() >= kFewestPairsToFit && a.is_finite() && n.is_finite()) {
    std::optional<Diagnosis> d;
    if (!arma::any(a))
      d = zero(n, ctx);
    else if (const std::optional<Real> c = fit_factor(a, n); c && !close_factor(*c, 1))
      d = factor(*c, ctx);
    if (d) {  // its "Every element ..." speaks of a whole tensor: say what was seen
      const std::string every = "Every element";
      if (d->explanation.rfind(every, 0) == 0)
        d->explanation.replace(0, every.size(), "Every one of the " + what);
      return *d;
    }
  }
  return {code::kNotDiagnosed, "Differs in no single pattern",
          fmt::format("Only {} were compared ({} check), and no one pattern fits them all; the "
                      "worst of them are listed.",
                      what, nn::gradcheck::to_string(t.method)),
          "Compare your code term by term with the handout's formula for this gradient."};
}

}  // namespace grader
