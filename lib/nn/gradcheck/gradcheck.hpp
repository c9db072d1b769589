// Numerical gradient checks (labs/04-gradient-check):
//
//   dL/dx ~ (L(x + h) - L(x - h)) / 2h        central differences, in double
//
// A layer's output is turned into a scalar with a fixed random upstream
// gradient G:  L = sum(forward(X) o G),  so backward(G) must return dL/dX.
// Three methods, per tensor:
//   full        every element (small tensors)
//   sampled     a random subset of elements
//   directional L(x + h u) against <analytic gradient, u> for random unit u
// The result records, per tensor, the relative error, the worst elements and
// the seed and step, so a report can show them and a run can be replayed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "nn/core/layer.hpp"
#include "nn/core/loss.hpp"
#include "nn/losses/penalties.hpp"

namespace nn::gradcheck {

enum class Method { Auto, Full, Sampled, Directional };
std::string to_string(Method m);

// The relative error a gradient passes at: check_gradients and the grader (its
// rubric's default) both use it, so the two never disagree.
inline constexpr Real kTolerance = 1e-6;

struct Options {
  std::uint64_t seed = 1;        // for G, the sampled elements and the directions
  Real step = 1e-6;              // h
  Real tolerance = kTolerance;   // pass when relative error <= tolerance
  Method method = Method::Auto;  // Auto: Full up to full_limit elements, else Sampled + Directional
  Index full_limit = 512;
  Index samples = 64;    // elements checked by Sampled
  Index directions = 4;  // random directions checked by Directional
  Index worst = 5;       // worst elements kept in a result
};

struct Element {
  Index row = 0, col = 0;  // for a direction: row = direction number, col = 0
  Real analytic = 0, numeric = 0;
};

// One tensor checked by one method.
struct TensorResult {
  std::string tensor;  // "dX", "W", "b", "dPred", ...
  Method method = Method::Full;
  Index rows = 0, cols = 0;  // the tensor's shape
  Index checked = 0;         // elements (or directions) compared
  Real rel_error = 0;        // ||a - n|| / max(||a||, ||n||), over what was checked
  Real max_abs_error = 0;
  std::vector<Element> worst;  // largest |analytic - numeric| first
  std::vector<Element> compared;  // Sampled and Directional: every pair compared, in order
  Mat analytic, numeric;       // whole tensors, kept for Full checks (for heat maps, diagnoses)
  bool passed = false;
};

// Everything checked for one layer or loss.
struct Report {
  std::string subject;  // e.g. "Linear(3->2) on 4x3"
  std::uint64_t seed = 0;
  Real step = 0, tolerance = 0;
  std::vector<TensorResult> tensors;
  std::string error;  // set when backward threw (e.g. NotImplemented); tensors then empty
  bool not_implemented = false;
  Mat input, output, upstream;  // a layer check's X, Y = forward(X) and upstream gradient G
                                // (what a diagnosis looks at)
  bool passed() const;
};

// dX and every parameter of `layer` at input X (N x D_in).
Report check_layer(Layer& layer, const Mat& X, const Options& options = {});
// dPred of `loss` at (pred, target).
Report check_loss(Loss& loss, const Mat& pred, const Mat& target, const Options& options = {});

// The penalty's gradient with respect to a weight matrix W (named "W") and a
// bias b (named "b"), which must receive no gradient.
Report check_penalty(const Penalty& penalty, const Mat& W, const Mat& b,
                     const Options& options = {});

// The core: compares `analytic` (the claimed dL/dx) with central differences of
// f() while x is perturbed in place. x is restored afterwards.
TensorResult compare(const std::string& tensor, Mat& x, const Mat& analytic,
                     const std::function<Real()>& f, const Options& options, Method method);

// A copy of X with every element closer than `margin` to one of `kinks` moved
// `margin` away from it, so that x +- h never crosses a kink (ReLU at 0, ...).
Mat away_from_kinks(Mat X, const std::vector<Real>& kinks, Real margin = 1e-3);

// A readable table of the report, one line per tensor plus its worst elements.
std::string to_text(const Report& report, bool show_worst = true);

}  // namespace nn::gradcheck
