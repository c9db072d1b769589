#include "diagnose_locate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace grader {

using nn::Index;
using nn::Mat;
using nn::Real;

namespace {

// An element differs when |a - n| exceeds this fraction of the largest |value|.
constexpr Real kElementTolerance = 1e-5;

// Linear indices of the elements of A and Nm that differ.
arma::uvec mismatches(const Mat& A, const Mat& Nm) {
  const Real scale = std::max(arma::abs(A).max(), arma::abs(Nm).max());
  return arma::find(arma::abs(A - Nm) > kElementTolerance * scale);
}

std::string position(const Mat& m, Index i) {
  return fmt::format("({}, {})", i % m.n_rows, i / m.n_rows);
}

// "0, 3, 7" or "0, 3, 7, ... (12 in all)".
std::string list(const std::set<Index>& s, std::size_t shown = 6) {
  std::string out;
  std::size_t k = 0;
  for (Index v : s) {
    if (k++ == shown) return out + fmt::format(", ... ({} in all)", s.size());
    out += (out.empty() ? "" : ", ") + std::to_string(v);
  }
  return out;
}

// What a row of this tensor is, in the student's terms.
std::string row_name(Role role) {
  return role == Role::Input || role == Role::LossGradient ? "sample" : "row";
}

std::string column_name(Role role) {
  return role == Role::Weight || role == Role::Bias ? "output unit (column)" : "column";
}

Real cosine(const Mat& a, const Mat& b) {
  const Real na = arma::norm(arma::vectorise(a)), nb = arma::norm(arma::vectorise(b));
  return na == 0 || nb == 0 ? 0 : arma::accu(a % b) / (na * nb);
}

}  // namespace

std::optional<Diagnosis> at_kinks(const Mat& A, const Mat& Nm, const Context& ctx) {
  const Mat& X = ctx.input;
  if (X.n_rows != A.n_rows || X.n_cols != A.n_cols || ctx.kinks.empty()) return std::nullopt;
  const arma::uvec bad = mismatches(A, Nm);
  if (bad.is_empty()) return std::nullopt;
  auto at_kink = [&](Real x) {
    return std::any_of(ctx.kinks.begin(), ctx.kinks.end(),
                       [&](Real k) { return std::abs(x - k) < ctx.kink_margin; });
  };
  for (Index i : bad)
    if (!at_kink(X(i))) return std::nullopt;
  const Index first = bad(0);
  return Diagnosis{
      code::kKink, "Correct except at kinks",
      fmt::format("The {} of {} elements that differ all lie where the input is within {:g} of a "
                  "kink; e.g. at {} the input is {:.3g}, yours {:.6g}, numerical {:.6g}. "
                  "Everywhere else your gradient matches.",
                  bad.n_elem, A.n_elem, ctx.kink_margin, position(A, first), X(first), A(first),
                  Nm(first)),
      "At a kink the function has no derivative and the numerical one averages both sides. "
      "Check which side your condition assigns the kink itself to, against the handout's "
      "definition of g'(z)."};
}

Diagnosis differs(const Mat& A, const Mat& Nm, const Context& ctx) {
  const arma::uvec bad = mismatches(A, Nm);
  std::set<Index> rows, cols;
  for (Index i : bad) {
    rows.insert(i % A.n_rows);
    cols.insert(i / A.n_rows);
  }
  const arma::uword worst = arma::index_max(arma::vectorise(arma::abs(A - Nm)));
  std::string where;
  if (bad.is_empty())
    where = fmt::format(
        "Every element differs a little: none by more than {:g} of the largest "
        "value, yet together by more than the tolerance.",
        kElementTolerance);
  else if (bad.n_elem == 1)
    where = fmt::format("Only element {} differs.", position(A, worst));
  else if (rows.size() == 1 && A.n_rows > 1)
    where = fmt::format("Only {} {} differs; every other row matches.", row_name(ctx.role),
                        *rows.begin());
  else if (cols.size() == 1 && A.n_cols > 1)
    where = fmt::format("Only {} {} differs; every other column matches.", column_name(ctx.role),
                        *cols.begin());
  else if (bad.n_elem == A.n_elem)
    where = "Every element differs.";
  else
    where = fmt::format("{} of {} elements differ, in rows {} and columns {}.", bad.n_elem,
                        A.n_elem, list(rows), list(cols));
  return {code::kDiffers, "Gradient differs from the numerical gradient",
          where + fmt::format(" The largest difference is at {}: yours {:.6g}, numerical {:.6g}. "
                              "Relative error {:.2e}; cosine similarity {:.3f}. No single "
                              "typical mistake explains the difference.",
                              position(A, worst), A(worst), Nm(worst), relative_difference(A, Nm),
                              cosine(A, Nm)),
          "Compare your code term by term with the handout's formula for this gradient, "
          "starting where the differences are."};
}

}  // namespace grader
