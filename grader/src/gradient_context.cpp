#include "gradient_context.hpp"

#include <fmt/format.h>

#include "nn/losses/bce.hpp"
#include "nn/losses/huber.hpp"

namespace grader {

using nn::Index;
using nn::Mat;
using nn::Real;

namespace {

Mat sigmoid(const Mat& X) { return 1 / (1 + arma::exp(-X)); }

Mat softmax_rows(const Mat& X) {
  Mat E = arma::exp(X.each_col() - arma::max(X, 1));
  E.each_col() /= arma::sum(E, 1);
  return E;
}

// Softmax's Jacobian diagonal alone, and the two ways of summing over the wrong
// dimension in dL/dx, whose sum over i runs along one sample's row. With one
// row, a column's sum is that row's diagonal term: the diagonal candidate says so.
std::vector<CandidateMistake> softmax_candidates(const Mat& X, const Mat& G) {
  const Mat Y = softmax_rows(X);
  const Mat GY = G % Y;
  std::vector<CandidateMistake> out = {
      {"softmax_jacobian_diagonal_only", "Softmax Jacobian diagonal only",
       "Each output of a softmax depends on every input of its row: the Jacobian has "
       "off-diagonal terms -y_i y_j as well as the diagonal y_i (1 - y_i).",
       Mat(GY % (1 - Y))}};
  if (X.n_rows == 1) {
    out[0].evidence =
        "With one sample, a sum over the batch (down a column) instead of along the row gives "
        "the same numbers: check which dimension your sum runs over too.";
    return out;
  }
  const std::string row_sum_hint =
      "In dL/dx_j = sum_i dL/dy_i y_i (delta_ij - y_j), i runs over the outputs of one "
      "sample, along its row: each sample has its own sum (one number per row), and the "
      "samples of a batch never mix. Which dimension does your sum run over?";
  Mat column_sum = G;
  column_sum.each_row() -= arma::sum(GY, 0);  // one sum per column, over the N samples
  out.push_back({"softmax_sum_over_batch_column",
                 "Softmax: the sum taken down each column (over the batch) instead of along each "
                 "row",
                 row_sum_hint, Mat(Y % column_sum),
                 fmt::format("Your code subtracts, from every row, one sum per column over the {} "
                             "samples of the batch.",
                             X.n_rows)});
  out.push_back({"softmax_sum_over_whole_batch",
                 "Softmax: one sum over the whole batch instead of one per row", row_sum_hint,
                 Mat(Y % (G - arma::accu(GY))),
                 fmt::format("Your code subtracts the same number, a sum over all {} elements "
                             "of the batch, everywhere.",
                             X.n_elem)});
  return out;
}

// Dropout's backward returning dY as it came, shown only where forward dropped a
// unit (its output is 0 for an input that is not): with nothing dropped, dY
// unchanged is also what a forgotten 1 / (1 - p) gives.
std::vector<CandidateMistake> dropout_candidates(const Mat& X, const Mat& Y, const Mat& G) {
  if (Y.n_rows != X.n_rows || Y.n_cols != X.n_cols) return {};
  const arma::uvec dropped = arma::find((Y == 0) % (X != 0));
  if (dropped.is_empty()) return {};
  return {{"dropout_mask_not_applied", "Dropout's mask not applied in backward: dX is dY unchanged",
           "forward computed Y = X o mask, with the mask it drew and cached (0 for a dropped "
           "unit, 1 / (1 - p) for a kept one). Differentiate Y(i, j) with respect to X(i, j): "
           "what reaches a unit that forward dropped, and what does a kept one get?",
           G,
           fmt::format("Forward dropped {} of the {} units here (their output is 0 whatever their "
                       "input), yet your dX passes dY on to them unchanged.",
                       dropped.n_elem, X.n_elem)}};
}

}  // namespace

std::vector<CandidateMistake> layer_candidates(const std::string& target, const Mat& X,
                                               const Mat& Y, const Mat& G) {
  if (target == "Sigmoid") {
    const Mat S = sigmoid(sigmoid(X)), s = sigmoid(X);
    return {
        {"sigmoid_derivative_at_output", "Sigmoid derivative taken at the output",
         "The derivative s(x)(1 - s(x)) is taken at the layer's input x. If you cached the "
         "output Y = s(x), use it as s(x) directly instead of applying s again.",
         Mat(G % S % (1 - S))},
        {"sigmoid_formula_on_input", "s(1 - s) written with the input instead of s(x)",
         "In s(x)(1 - s(x)), s(x) is the layer's output, not its input x.", Mat(G % X % (1 - X))},
        {"upstream_gradient_missing", "The upstream gradient is not multiplied in",
         "The chain rule multiplies the activation's derivative by the gradient that arrives "
         "from above (dLoss/dZ = dLoss/dA o g'(Z)).",
         Mat(s % (1 - s))}};
  }
  if (target == "Tanh") {
    const Mat T = arma::tanh(arma::tanh(X)), t = arma::tanh(X);
    return {{"tanh_derivative_at_output", "Tanh derivative taken at the output",
             "The derivative 1 - tanh(x)^2 is taken at the layer's input x. If you cached the "
             "output Y = tanh(x), use it as tanh(x) directly instead of applying tanh again.",
             Mat(G % (1 - T % T))},
            {"upstream_gradient_missing", "The upstream gradient is not multiplied in",
             "The chain rule multiplies the activation's derivative by the gradient that arrives "
             "from above (dLoss/dZ = dLoss/dA o g'(Z)).",
             Mat(1 - t % t)}};
  }
  if (target == "ReLU") {
    return {{"relu_mask_flipped", "ReLU gradient passed on the wrong side of zero",
             "ReLU passes the gradient where its input is positive and blocks it elsewhere "
             "(g'(z) = 1 for z > 0, 0 for z <= 0).",
             Mat(G % (X < 0))}};
  }
  if (target == "LeakyReLU") {
    return {{"leaky_relu_slope_missing", "LeakyReLU's slope forgotten on the negative side",
             "Where the input is negative, LeakyReLU's derivative is its slope, not 0.",
             Mat(G % (X > 0))}};
  }
  if (target == "Softmax") return softmax_candidates(X, G);
  if (target == "Dropout") return dropout_candidates(X, Y, G);
  return {};
}

std::vector<CandidateMistake> loss_candidates(const nn::Loss& loss, const Mat& pred,
                                              const Mat& target) {
  const Real n = static_cast<Real>(pred.n_rows), elements = static_cast<Real>(pred.n_elem);
  if (const auto* huber = dynamic_cast<const nn::HuberLoss*>(&loss)) {
    // h'(d) in the outer branch |d| > delta written without its delta: visible where
    // some element is there (and delta != 1; at delta = 1 it is the right gradient).
    const Mat d = pred - target;
    const Mat outer = arma::conv_to<Mat>::from(arma::abs(d) > huber->delta());
    const Real count = arma::accu(outer);
    if (count == 0 || huber->delta() == 1) return {};
    return {{"huber_delta_missing_outer_branch",
             "Huber: the factor delta missing in the outer branch (|d| > delta)",
             "Where |d| > delta, the term is delta (|d| - delta/2): differentiate it with "
             "respect to d and keep every constant factor it carries. The inner branch d^2 / 2 "
             "and the 1/(N K) of the mean are already right.",
             Mat(((1 - outer) % d + outer % arma::sign(d)) / elements),
             fmt::format("{:g} of the {:g} elements lie in the outer branch (delta = {:g}), and "
                         "there your gradient is sign(d) / (N K).",
                         count, elements, huber->delta())}};
  }
  if (dynamic_cast<const nn::BCELoss*>(&loss)) {
    // The (1 - y) log(1 - p) term's derivative with the wrong sign: visible where that
    // term is there (some y != 1), and told apart from a whole gradient of the wrong
    // sign where the y log p term is there too (some y != 0).
    if (!arma::any(arma::vectorise(target != 1)) || !arma::any(arma::vectorise(target != 0)))
      return {};
    const Mat p = arma::clamp(pred, nn::BCELoss::kEps, 1 - nn::BCELoss::kEps);
    return {{"bce_second_term_sign", "BCE: the second term's derivative has the wrong sign",
             "Differentiate -y log p - (1 - y) log(1 - p) one term at a time. log(1 - p) is a "
             "function of 1 - p: the chain rule multiplies its derivative by d(1 - p)/dp. Count "
             "the minus signs of that term to the end.",
             Mat(-(target / p + (1 - target) / (1 - p)) / n),
             "The y log p term of your gradient is right; the (1 - y) log(1 - p) term has the "
             "opposite sign."}};
  }
  return {};
}

Context layer_context(const std::string& target, const std::string& tensor, const Mat& X,
                      const Mat& Y, const Mat& G, const nn::Params& params,
                      const std::vector<Real>& kinks) {
  Context ctx;
  ctx.role = role_of(tensor);
  ctx.batch_size = X.n_rows;
  ctx.outputs = G.n_cols;
  ctx.upstream = G;
  if (tensor == "dX") {
    ctx.input = X;
    ctx.kinks = kinks;
    ctx.candidates = layer_candidates(target, X, Y, G);
  } else {
    for (const nn::Param& p : params)
      if (p.name == tensor) ctx.value = p.value;
  }
  return ctx;
}

Context loss_context(const nn::Loss& loss, const Mat& pred, const Mat& target) {
  Context ctx;
  ctx.role = Role::LossGradient;
  ctx.batch_size = pred.n_rows;
  ctx.outputs = pred.n_cols;
  ctx.candidates = loss_candidates(loss, pred, target);
  return ctx;
}

Context penalty_context(const std::string& tensor, const Mat& W) {
  Context ctx;
  ctx.role = tensor == "b" ? Role::Bias : Role::Weight;
  if (tensor == "W") ctx.value = W;
  return ctx;
}

std::string text_with_diagnoses(
    const nn::gradcheck::Report& report,
    const std::function<Context(const nn::gradcheck::TensorResult&)>& context_for) {
  std::string s = nn::gradcheck::to_text(report);
  for (const nn::gradcheck::TensorResult& t : report.tensors) {
    if (t.passed) continue;
    Context ctx = context_for(t);
    ctx.tolerance = report.tolerance;
    const Diagnosis d = diagnose(t, ctx);
    s += fmt::format("  Diagnosis of {}: {} [{}]\n    {}\n", t.tensor, d.title, d.code,
                     d.explanation);
    if (!d.hint.empty()) s += "    Hint: " + d.hint + "\n";
  }
  return s;
}

}  // namespace grader
