#include "gradient_context.hpp"

#include <fmt/format.h>

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

}  // namespace

std::vector<CandidateMistake> layer_candidates(const std::string& target, const Mat& X,
                                               const Mat& G) {
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
  if (target == "Softmax") {
    const Mat Y = softmax_rows(X);
    return {{"softmax_jacobian_diagonal_only", "Softmax Jacobian diagonal only",
             "Each output of a softmax depends on every input of its row: the Jacobian has "
             "off-diagonal terms -y_i y_j as well as the diagonal y_i (1 - y_i).",
             Mat(G % Y % (1 - Y))}};
  }
  return {};
}

Context layer_context(const std::string& target, const std::string& tensor, const Mat& X,
                      const Mat& G, const nn::Params& params, const std::vector<Real>& kinks) {
  Context ctx;
  ctx.role = role_of(tensor);
  ctx.batch_size = X.n_rows;
  ctx.outputs = G.n_cols;
  ctx.upstream = G;
  if (tensor == "dX") {
    ctx.input = X;
    ctx.kinks = kinks;
    ctx.candidates = layer_candidates(target, X, G);
  } else {
    for (const nn::Param& p : params)
      if (p.name == tensor) ctx.value = p.value;
  }
  return ctx;
}

Context loss_context(Index n, Index k) {
  Context ctx;
  ctx.role = Role::LossGradient;
  ctx.batch_size = n;
  ctx.outputs = k;
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
