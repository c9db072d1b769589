// Layer items (kind "layer_gradient"): the worker runs the student's backward
// of a catalogue layer (nn::gradcheck) on an input X and an upstream gradient
// G; each tensor it returns (dX and every parameter's gradient) is judged
// against central differences of L = sum(forward(X) % G), computed here.
//
// The case seed seeds the layer's parameters (the catalogue's make(D, seed)),
// X and G. Credit: tensors passed / tensors checked, over every case.
#include <fmt/format.h>

#include <memory>

#include "check_gradient.hpp"
#include "nn/core/rng.hpp"
#include "nn/gradcheck/catalogue.hpp"

namespace grader::checks {

namespace {

using nn::Mat;
namespace gc = nn::gradcheck;

Mat sigmoid(const Mat& X) { return 1 / (1 + arma::exp(-X)); }

Mat softmax_rows(const Mat& X) {
  Mat E = arma::exp(X.each_col() - arma::max(X, 1));
  E.each_col() /= arma::sum(E, 1);
  return E;
}

// Mistakes of an activation's backward that reference formulas reproduce.
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

}  // namespace

void run_layer(const RubricItem& item, std::uint64_t master, const WorkerRunner& run_worker,
               Item& out) {
  const gc::LayerCase& c = gc::layer_case(item.target);
  Tally t;
  for_each_gradient_case(
      item, master, out, [&](nn::Index n, nn::Index d, std::uint64_t s, const gc::Options& o) {
        nn::Rng rng(o.seed);
        std::unique_ptr<nn::Layer> layer = c.make(d, o.seed);
        Mat X = gc::layer_input(c, n, d, rng);
        layer->freeze_random_state(false);
        const Mat Y = layer->forward(X);
        layer->freeze_random_state(true);
        const Mat G = rng.normal(Y.n_rows, Y.n_cols);
        nn::Params params = layer->params();
        // Each parameter gradient holds something before backward: backward must add to it (+=).
        std::vector<Mat> prefill;
        for (const nn::Param& p : params)
          prefill.push_back(rng.normal(p.value.n_rows, p.value.n_cols));

        Message request;
        request.set_string("kind", "layer");
        request.set_string("target", item.target);
        request.set_integer("features", static_cast<std::int64_t>(d));
        request.set_integer("seed", static_cast<std::int64_t>(o.seed));
        request.set_matrix("X", X);
        request.set_matrix("G", G);
        request.set_integer("param_count", static_cast<std::int64_t>(params.size()));
        for (std::size_t k = 0; k < params.size(); ++k) {
          request.set_matrix("param." + std::to_string(k), params[k].value);
          request.set_matrix("prefill." + std::to_string(k), prefill[k]);
        }

        const std::vector<CandidateMistake> candidates = layer_candidates(item.target, X, G);
        auto f = [&] { return arma::accu(layer->forward(X) % G); };
        run_gradient_case(
            run_worker, request, fmt::format("{} on {}x{} (seed {})", layer->name(), n, d, s),
            1.0 + static_cast<double>(params.size()), o, t, out,
            [&](const Message& answer, GradientJudge& judge) {
              judge.tensor("dX", "dX", X, answer.matrix("dX"), f);
              for (std::size_t k = 0; k < params.size(); ++k)
                judge.tensor(params[k].name, params[k].name, params[k].value,
                             added(answer.matrix("grad." + std::to_string(k)), prefill[k]), f);
            },
            [&](const gc::TensorResult& r) {
              Context ctx;
              ctx.role = role_of(r.tensor);
              ctx.batch_size = n;
              ctx.outputs = Y.n_cols;
              ctx.upstream = G;
              if (r.tensor == "dX") {
                ctx.input = X;
                ctx.kinks = c.kinks;
                ctx.candidates = candidates;
              } else {
                for (std::size_t k = 0; k < params.size(); ++k)
                  if (params[k].name == r.tensor) {
                    ctx.value = params[k].value;
                    ctx.candidates = accumulation_candidates(r, prefill[k]);
                  }
              }
              return ctx;
            });
        layer->freeze_random_state(false);
      });
  finish(out, t, summary_line(item, t, "gradients"));
}

}  // namespace grader::checks
