// The layers lab 04's grader hands the student's check_layer and the mistakes it
// plants in them, named once for both sides: the probe (probes/lab04.cpp) builds
// a layer and plants a mistake only as listed here, and the judge
// (exercises/lab04.cpp) reads here which tensors a check reports and which one
// each mistake makes wrong. The grader's tests run the reference checker on
// every mistake listed, in the real worker, to show the probe does what this says.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace grader::lab04 {

// A layer and its parameters in params() order (none: an element-wise layer).
struct LayerKind {
  std::string name;
  std::vector<std::string> params;
};

inline const std::vector<LayerKind>& layer_kinds() {
  static const std::vector<LayerKind> kinds = {
      {"Affine", {"W", "b"}},  // Y = X W + b
      {"Gain", {"s", "t"}},    // Y = X o s + t, row by row
      {"Sine", {}},            // the rest element-wise: Y = g(X)
      {"Logistic", {}},
      {"Softsign", {}},
      {"Square", {}},
  };
  return kinds;
}

// A mistake, the layer it is planted in ("" for every element-wise layer) and the
// one tensor it makes wrong.
struct Mistake {
  std::string name, layer, wrong_tensor;
};

inline const std::vector<Mistake>& mistakes() {
  static const std::vector<Mistake> all = {
      {"transposed_dW", "Affine", "W"},      // dW = dY^T X
      {"last_element", "Affine", "W"},       // dW off by 0.05 in its last element
      {"bias_not_summed", "Affine", "b"},    // db = dY
      {"bias_mean", "Gain", "t"},            // dt averaged over the batch
      {"gain_without_input", "Gain", "s"},   // ds = sum of dY, without X
      {"tiny", "Gain", "dX"},                // dX off by a factor 1 + 1e-4
      {"sign", "", "dX"},                    // -g'(X) o dY
      {"no_upstream", "", "dX"},             // g'(X) without dY
      {"no_one_minus_s", "Logistic", "dX"},  // s instead of s (1 - s)
      {"missing_square", "Softsign", "dX"},  // 1 / (1 + |x|) instead of its square
      {"missing_two", "Square", "dX"},       // x instead of 2 x
  };
  return all;
}

inline const LayerKind& layer_kind(const std::string& name) {
  for (const LayerKind& k : layer_kinds())
    if (k.name == name) return k;
  throw std::invalid_argument("lab 04 has no layer named \"" + name + "\"");
}

// The tensors a gradient check of `layer` reports: dX, then its parameters.
inline std::vector<std::string> tensor_names(const std::string& layer) {
  std::vector<std::string> names = {"dX"};
  for (const std::string& p : layer_kind(layer).params) names.push_back(p);
  return names;
}

// Whether `mistake` ("none", or one listed above) can be planted in `layer`.
inline bool plantable(const std::string& mistake, const std::string& layer) {
  if (mistake == "none") return true;
  const bool elementwise = layer_kind(layer).params.empty();
  for (const Mistake& m : mistakes())
    if (m.name == mistake) return m.layer == layer || (m.layer.empty() && elementwise);
  return false;
}

// The tensor `mistake` makes wrong: "" for "none"; throws for a mistake not listed.
inline std::string wrong_tensor(const std::string& mistake) {
  if (mistake == "none") return "";
  for (const Mistake& m : mistakes())
    if (m.name == mistake) return m.wrong_tensor;
  throw std::invalid_argument("lab 04 plants no mistake named \"" + mistake + "\"");
}

}  // namespace grader::lab04
