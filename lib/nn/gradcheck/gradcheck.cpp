#include "nn/gradcheck/gradcheck.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "nn/core/rng.hpp"

namespace nn::gradcheck {

std::string to_string(Method m) {
  switch (m) {
    case Method::Auto:
      return "auto";
    case Method::Full:
      return "full";
    case Method::Sampled:
      return "sampled";
    case Method::Directional:
      return "directional";
  }
  return "?";
}

bool Report::passed() const {
  if (!error.empty() || tensors.empty()) return false;
  return std::all_of(tensors.begin(), tensors.end(),
                     [](const TensorResult& t) { return t.passed; });
}

namespace {

Real central_difference(Mat& x, Index i, Real h, const std::function<Real()>& f) {
  const Real saved = x(i);
  x(i) = saved + h;
  const Real up = f();
  x(i) = saved - h;
  const Real down = f();
  x(i) = saved;
  return (up - down) / (2 * h);
}

Real relative_error(const arma::vec& a, const arma::vec& n) {
  const Real scale = std::max(arma::norm(a), arma::norm(n));
  if (scale == 0) return 0;
  return arma::norm(a - n) / scale;
}

// Fills rel_error, max_abs_error and worst from the compared pairs.
void summarise(TensorResult& r, const std::vector<Element>& pairs, const Options& opt) {
  arma::vec a(pairs.size()), n(pairs.size());
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    a(k) = pairs[k].analytic;
    n(k) = pairs[k].numeric;
  }
  r.checked = pairs.size();
  r.rel_error = relative_error(a, n);
  if (!a.is_finite() || !n.is_finite()) r.rel_error = arma::datum::inf;
  std::vector<Element> sorted = pairs;
  auto gap = [](const Element& e) {
    const Real g = std::abs(e.analytic - e.numeric);
    return std::isnan(g) ? arma::datum::inf : g;
  };
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const Element& x, const Element& y) { return gap(x) > gap(y); });
  r.max_abs_error = sorted.empty() ? 0 : gap(sorted.front());
  sorted.resize(std::min<std::size_t>(sorted.size(), opt.worst));
  r.worst = sorted;
  if (r.method != Method::Full) r.compared = pairs;  // (a Full check keeps whole matrices)
  r.passed = r.rel_error <= opt.tolerance;
}

TensorResult start(const std::string& tensor, Method method, const Mat& x) {
  TensorResult r;
  r.tensor = tensor;
  r.method = method;
  r.rows = x.n_rows;
  r.cols = x.n_cols;
  return r;
}

Report start_report(const std::string& who, const Mat& X, const Options& opt) {
  Report r;
  r.subject = fmt::format("{} on {}", who, shape_of(X));
  r.seed = opt.seed;
  r.step = opt.step;
  r.tolerance = opt.tolerance;
  return r;
}

Method resolve(Method m, const Mat& x, const Options& opt) {
  if (m != Method::Auto) return m;
  return x.n_elem <= opt.full_limit ? Method::Full : Method::Sampled;
}

// Central differences of f along every element (Full) or a seeded sample.
TensorResult compare_elements(const std::string& tensor, Mat& x, const Mat& analytic,
                              const std::function<Real()>& f, const Options& opt, Method method,
                              Rng& rng) {
  TensorResult r = start(tensor, method, x);
  std::vector<Index> idx(x.n_elem);
  std::iota(idx.begin(), idx.end(), Index{0});
  if (method == Method::Sampled && opt.samples < x.n_elem) {
    for (Index k = 0; k < opt.samples; ++k) std::swap(idx[k], idx[k + rng.index(x.n_elem - k)]);
    idx.resize(opt.samples);
  }
  if (method == Method::Full) {
    r.analytic = analytic;
    r.numeric.zeros(x.n_rows, x.n_cols);
  }
  std::vector<Element> pairs;
  for (Index i : idx) {
    const Real numeric = central_difference(x, i, opt.step, f);
    if (method == Method::Full) r.numeric(i) = numeric;
    pairs.push_back({i % x.n_rows, i / x.n_rows, analytic(i), numeric});
  }
  summarise(r, pairs, opt);
  return r;
}

// v^T J u: derivative of f along random unit directions u against <analytic, u>.
TensorResult compare_directions(const std::string& tensor, Mat& x, const Mat& analytic,
                                const std::function<Real()>& f, const Options& opt, Rng& rng) {
  TensorResult r = start(tensor, Method::Directional, x);
  std::vector<Element> pairs;
  const Mat saved = x;
  for (Index d = 0; d < opt.directions; ++d) {
    // Any direction serves; uniform elements cost one draw each, where normal ones
    // (a logarithm and a cosine each) took most of the check's time on large tensors.
    Mat u = rng.uniform(x.n_rows, x.n_cols, -1, 1);
    u /= arma::norm(arma::vectorise(u));
    x = saved + opt.step * u;
    const Real up = f();
    x = saved - opt.step * u;
    const Real down = f();
    pairs.push_back({d, 0, arma::accu(analytic % u), (up - down) / (2 * opt.step)});
  }
  x = saved;
  summarise(r, pairs, opt);
  return r;
}

// One or two results for a tensor: Auto on a large tensor gives Sampled and Directional.
void check_tensor(std::vector<TensorResult>& out, const std::string& tensor, Mat& x,
                  const Mat& analytic, const std::function<Real()>& f, const Options& opt,
                  Rng& rng) {
  const Method method = resolve(opt.method, x, opt);
  if (method == Method::Directional) {
    out.push_back(compare_directions(tensor, x, analytic, f, opt, rng));
    return;
  }
  out.push_back(compare_elements(tensor, x, analytic, f, opt, method, rng));
  if (opt.method == Method::Auto && method == Method::Sampled)
    out.push_back(compare_directions(tensor, x, analytic, f, opt, rng));
}

}  // namespace

TensorResult compare(const std::string& tensor, Mat& x, const Mat& analytic,
                     const std::function<Real()>& f, const Options& options, Method method) {
  require_shape(analytic.n_rows == x.n_rows && analytic.n_cols == x.n_cols,
                "gradcheck(" + tensor + ")", "the analytic gradient", analytic, shape_of(x));
  Rng rng(options.seed);
  const Method m = resolve(method, x, options);
  if (m == Method::Directional) return compare_directions(tensor, x, analytic, f, options, rng);
  return compare_elements(tensor, x, analytic, f, options, m, rng);
}

Report check_layer(Layer& layer, const Mat& X, const Options& opt) {
  Report report = start_report(layer.name(), X, opt);
  Rng rng(opt.seed);
  Mat input = X;

  // Analytic pass: fresh gradients, one forward (draws any random state), then freeze it.
  // (A Sequential's forward is itself a lab's exercise: it may be not implemented yet.)
  Mat G, dX;  // G: the upstream gradient dL/dY
  std::vector<Mat> grads;
  try {
    for (Param& p : layer.params()) p.grad.zeros();
    layer.freeze_random_state(false);
    const Mat Y = layer.forward(input);
    layer.freeze_random_state(true);
    G = rng.normal(Y.n_rows, Y.n_cols);
    report.input = X;
    report.output = Y;
    report.upstream = G;
    dX = layer.backward(G);
    for (Param& p : layer.params()) grads.push_back(p.grad);
  } catch (const NotImplemented& e) {
    layer.freeze_random_state(false);
    report.error = e.what();
    report.not_implemented = true;
    return report;
  } catch (const std::exception& e) {
    layer.freeze_random_state(false);
    report.error = e.what();
    return report;
  }

  auto loss = [&] { return arma::accu(layer.forward(input) % G); };
  try {
    require_shape(dX.n_rows == X.n_rows && dX.n_cols == X.n_cols, layer.name() + ".backward",
                  "the returned dX", dX, shape_of(X) + " (the shape of its input)");
    check_tensor(report.tensors, "dX", input, dX, loss, opt, rng);
    Params params = layer.params();
    for (std::size_t k = 0; k < params.size(); ++k)
      check_tensor(report.tensors, params[k].name, params[k].value, grads[k], loss, opt, rng);
  } catch (const std::exception& e) {
    report.error = e.what();
  }
  layer.freeze_random_state(false);
  return report;
}

Report check_loss(Loss& loss, const Mat& pred, const Mat& target, const Options& opt) {
  Report report = start_report(loss.name(), pred, opt);
  Rng rng(opt.seed);
  Mat p = pred;
  Mat dPred;
  try {
    loss.forward(p, target);
    dPred = loss.backward();
  } catch (const NotImplemented& e) {
    report.error = e.what();
    report.not_implemented = true;
    return report;
  } catch (const std::exception& e) {
    report.error = e.what();
    return report;
  }
  try {
    require_shape(dPred.n_rows == p.n_rows && dPred.n_cols == p.n_cols, loss.name() + ".backward",
                  "the returned gradient", dPred, shape_of(p) + " (the shape of pred)");
    check_tensor(
        report.tensors, "dPred", p, dPred, [&] { return loss.forward(p, target); }, opt, rng);
  } catch (const std::exception& e) {
    report.error = e.what();
  }
  return report;
}

Report check_penalty(const Penalty& penalty, const Mat& W, const Mat& b, const Options& opt) {
  Report report = start_report(penalty.name(), W, opt);
  Rng rng(opt.seed);
  Mat w = W, bias = b, dW(W.n_rows, W.n_cols, arma::fill::zeros),
      db(b.n_rows, b.n_cols, arma::fill::zeros);
  Params params{{"W", w, dW}, {"b", bias, db}};
  try {
    penalty.backward(params);
  } catch (const NotImplemented& e) {
    report.error = e.what();
    report.not_implemented = true;
    return report;
  } catch (const std::exception& e) {
    report.error = e.what();
    return report;
  }
  auto value = [&] { return penalty.value(params); };
  check_tensor(report.tensors, "W", w, dW, value, opt, rng);
  check_tensor(report.tensors, "b", bias, db, value, opt, rng);
  return report;
}

Mat away_from_kinks(Mat X, const std::vector<Real>& kinks, Real margin) {
  X.transform([&](Real x) {
    for (Real k : kinks)
      if (std::abs(x - k) < margin) return x < k ? k - margin : k + margin;
    return x;
  });
  return X;
}

std::string to_text(const Report& report, bool show_worst) {
  std::string s = fmt::format("{}  (seed {}, step {:g}, tolerance {:g})\n", report.subject,
                              report.seed, report.step, report.tolerance);
  if (!report.error.empty())
    return s + fmt::format("  {}: {}\n", report.not_implemented ? "NOT IMPLEMENTED" : "ERROR",
                           report.error);
  for (const TensorResult& t : report.tensors) {
    s += fmt::format("  {:<4} {:<8} {:>5} {:<12} rel.err {:9.2e}  max|a-n| {:9.2e}  {}\n",
                     t.passed ? "OK" : "FAIL", t.tensor, fmt::format("{}x{}", t.rows, t.cols),
                     fmt::format("{} x{}", to_string(t.method), t.checked), t.rel_error,
                     t.max_abs_error, t.passed ? "" : "<--");
    if (show_worst && !t.passed)
      for (const Element& e : t.worst)
        s += fmt::format("         {:<14} analytic {:13.6e}  numeric {:13.6e}\n",
                         t.method == Method::Directional ? fmt::format("direction {}", e.row)
                                                         : fmt::format("({}, {})", e.row, e.col),
                         e.analytic, e.numeric);
  }
  return s;
}

}  // namespace nn::gradcheck
