// Lab 04's probes: run the student's gradient checker (labs/04-gradient-check)
// on what the grader sends, and return what it computed.
//
//   lab04.numerical_gradient  X, A, G, h -> gradient (numerical_gradient of
//                             lab04_function.hpp's f at X), x_after (X after the call)
//   lab04.relative_error      analytic, numeric -> error
//   lab04.recovered_gradient  before, after, learning_rate -> gradient
//   lab04.check, .check_more  layer, mistake, X, G, param.k, h, threshold
//                             -> passed, tensor_count, name.k, error.k, passed.k
//
// The layers handed to check_layer are defined here, each complete and
// self-contained (not the library's, which a student may not have written yet),
// with the mistakes the grader plants in them on request. Their names, their
// parameters' names and the mistakes each may carry are lab04_layers.hpp's,
// which the judge reads too.
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

#include "04-gradient-check/gradient_check.hpp"
#include "lab04_function.hpp"
#include "lab04_layers.hpp"
#include "probe.hpp"

namespace {

using nn::Mat;

// The names params() gives `layer`'s parameters, in order.
const std::vector<std::string>& param_names(const std::string& layer) {
  return grader::lab04::layer_kind(layer).params;
}

// Y = X W + b (W: D x M, b: 1 x M).
// Mistakes: transposed_dW, bias_not_summed (db = dY), last_element (dW off in one place).
class Affine : public nn::Layer {
 public:
  Affine(std::string mistake, Mat W, Mat b) : mistake_(std::move(mistake)), W_(W), b_(b) {
    dW_.set_size(W_.n_rows, W_.n_cols);
    db_.set_size(b_.n_rows, b_.n_cols);
  }
  Mat forward(const Mat& X) override {
    X_ = X;
    Mat Y = X * W_;
    Y.each_row() += b_;
    return Y;
  }
  Mat backward(const Mat& dY) override {
    if (mistake_ == "transposed_dW")
      dW_ = dY.t() * X_;
    else
      dW_ += X_.t() * dY;
    if (mistake_ == "last_element") dW_(dW_.n_elem - 1) += 0.05;
    if (mistake_ == "bias_not_summed")
      db_ = dY;
    else
      db_ += arma::sum(dY, 0);
    return dY * W_.t();
  }
  nn::Params params() override {
    return {{param_names("Affine").at(0), W_, dW_}, {param_names("Affine").at(1), b_, db_}};
  }
  std::string name() const override { return "Affine"; }

 private:
  std::string mistake_;
  Mat W_, b_, dW_, db_, X_;
};

// Y = X % s + t, row by row (s, t: 1 x D).
// Mistakes: bias_mean (dt averaged over the batch), gain_without_input (ds = sum dY),
// tiny (dX off by a factor 1 + 1e-4).
class Gain : public nn::Layer {
 public:
  Gain(std::string mistake, Mat s, Mat t) : mistake_(std::move(mistake)), s_(s), t_(t) {
    ds_.set_size(s_.n_rows, s_.n_cols);
    dt_.set_size(t_.n_rows, t_.n_cols);
  }
  Mat forward(const Mat& X) override {
    X_ = X;
    Mat Y = X;
    Y.each_row() %= s_;
    Y.each_row() += t_;
    return Y;
  }
  Mat backward(const Mat& dY) override {
    ds_ += mistake_ == "gain_without_input" ? Mat(arma::sum(dY, 0)) : Mat(arma::sum(dY % X_, 0));
    dt_ += mistake_ == "bias_mean" ? Mat(arma::mean(dY, 0)) : Mat(arma::sum(dY, 0));
    Mat dX = dY;
    dX.each_row() %= s_;
    if (mistake_ == "tiny") dX *= 1 + 1e-4;
    return dX;
  }
  nn::Params params() override {
    return {{param_names("Gain").at(0), s_, ds_}, {param_names("Gain").at(1), t_, dt_}};
  }
  std::string name() const override { return "Gain"; }

 private:
  std::string mistake_;
  Mat s_, t_, ds_, dt_, X_;
};

// Element-wise layers without parameters: Y = g(X), dX = g'(X) % dY. Each may have
// one mistake of its own, a wrong g'; any of them can also have its sign flipped
// ("sign") or lose the upstream gradient ("no_upstream").
struct ElementwiseFunction {
  const char* name;
  Mat (*g)(const Mat& X);
  Mat (*derivative)(const Mat& X);        // g'(X)
  Mat (*wrong_derivative)(const Mat& X);  // its own mistake's g', or nullptr
};

Mat logistic(const Mat& X) { return 1 / (1 + arma::exp(-X)); }

const ElementwiseFunction kElementwise[] = {
    {"Sine", [](const Mat& X) -> Mat { return arma::sin(X); },
     [](const Mat& X) -> Mat { return arma::cos(X); }, nullptr},
    {"Logistic", logistic,
     [](const Mat& X) -> Mat {
       const Mat s = logistic(X);
       return s % (1 - s);
     },
     logistic},  // no_one_minus_s
    {"Softsign", [](const Mat& X) -> Mat { return X / (1 + arma::abs(X)); },
     [](const Mat& X) -> Mat { return 1 / arma::square(1 + arma::abs(X)); },
     [](const Mat& X) -> Mat { return 1 / (1 + arma::abs(X)); }},  // missing_square
    {"Square", [](const Mat& X) -> Mat { return X % X; },
     [](const Mat& X) -> Mat { return 2 * X; },
     [](const Mat& X) -> Mat { return X; }},  // missing_two
};

const ElementwiseFunction* elementwise_function(const std::string& name) {
  for (const ElementwiseFunction& f : kElementwise)
    if (name == f.name) return &f;
  return nullptr;
}

class Elementwise : public nn::Layer {
 public:
  Elementwise(const ElementwiseFunction& f, std::string mistake)
      : f_(f), mistake_(std::move(mistake)) {}
  Mat forward(const Mat& X) override {
    X_ = X;
    return f_.g(X);
  }
  Mat backward(const Mat& dY) override {
    if (mistake_ == "no_upstream") return f_.derivative(X_);
    if (mistake_ == "sign") return -f_.derivative(X_) % dY;
    if (mistake_ != "none" && f_.wrong_derivative)  // its own mistake (make_layer checked)
      return f_.wrong_derivative(X_) % dY;
    return f_.derivative(X_) % dY;
  }
  std::string name() const override { return f_.name; }

 private:
  const ElementwiseFunction& f_;
  std::string mistake_;
  Mat X_;
};

std::unique_ptr<nn::Layer> make_layer(const grader::Message& request) {
  const std::string& kind = request.string("layer");
  const std::string& mistake = request.string("mistake");
  if (!grader::lab04::plantable(mistake, kind))
    throw std::invalid_argument("no mistake \"" + mistake + "\" to plant in " + kind);
  if (kind == "Affine")
    return std::make_unique<Affine>(mistake, request.matrix("param.0"), request.matrix("param.1"));
  if (kind == "Gain")
    return std::make_unique<Gain>(mistake, request.matrix("param.0"), request.matrix("param.1"));
  if (const ElementwiseFunction* f = elementwise_function(kind))
    return std::make_unique<Elementwise>(*f, mistake);
  throw std::invalid_argument("no layer named \"" + kind + "\"");
}

void run_check(const grader::Message& request, grader::Message& response) {
  std::unique_ptr<nn::Layer> layer = make_layer(request);
  // Gradients left over from earlier work: check_layer must start from zero.
  for (nn::Param& p : layer->params()) p.grad.fill(0.5);
  const lab04::LayerCheck result =
      lab04::check_layer(*layer, request.matrix("X"), request.matrix("G"), request.real("h"),
                         request.real("threshold"));
  response.set_integer("passed", result.passed ? 1 : 0);
  response.set_integer("tensor_count", static_cast<std::int64_t>(result.tensors.size()));
  for (std::size_t k = 0; k < result.tensors.size() && k < 16; ++k) {
    const std::string i = std::to_string(k);
    response.set_string("name." + i, result.tensors[k].name);
    response.set_real("error." + i, result.tensors[k].relative_error);
    response.set_integer("passed." + i, result.tensors[k].passed ? 1 : 0);
  }
}

void run_numerical_gradient(const grader::Message& request, grader::Message& response) {
  Mat x = request.matrix("X");
  const Mat& A = request.matrix("A");
  const Mat& G = request.matrix("G");
  const auto f = [&] { return grader::lab04::smooth_function(x, A, G); };
  response.set_matrix("gradient", lab04::numerical_gradient(f, x, request.real("h")));
  response.set_matrix("x_after", x);
}

void run_relative_error(const grader::Message& request, grader::Message& response) {
  response.set_real("error",
                    lab04::relative_error(request.matrix("analytic"), request.matrix("numeric")));
}

void run_recovered_gradient(const grader::Message& request, grader::Message& response) {
  response.set_matrix("gradient",
                      lab04::recovered_gradient(request.matrix("before"), request.matrix("after"),
                                                request.real("learning_rate")));
}

}  // namespace

GRADER_PROBE("lab04.numerical_gradient", run_numerical_gradient);
GRADER_PROBE("lab04.numerical_gradient_more", run_numerical_gradient);
GRADER_PROBE("lab04.relative_error", run_relative_error);
GRADER_PROBE("lab04.recovered_gradient", run_recovered_gradient);
GRADER_PROBE("lab04.check", run_check);
GRADER_PROBE("lab04.check_more", run_check);
