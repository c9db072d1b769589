// What the grader says about a wrong gradient.
//
// diagnose() compares the gradient a student's backward returned (A) with the
// numerical gradient (Nm, central differences of the pristine forward pass) and
// names the likely mistake, with the evidence that supports it and a hint that
// points at the handout's formula without giving the answer.
//
// Patterns are tried from the most to the least certain, and a diagnosis is
// only claimed when the evidence fits it to a relative tolerance that is
// independent of the gradient's scale:
//
//   shape          transposed, bias not summed (one row per sample), other shape
//   non_finite     NaN or Inf in A            numeric_non_finite  NaN/Inf in Nm
//   correct        A matches Nm (no mistake)  candidate codes     caller's list
//   zero           A is all zero, Nm is not   wrong_sign          A = -Nm
//   bias_mean_not_sum  A = Nm / N on a bias    constant_factor     A = c Nm
//   transposed     A^T = Nm (square tensors)  bias_not_summed     A = one row of dZ
//   regularisation_missing / _half / _extra    A - Nm = c W
//   kink           differs only where the input is at a kink
//   differs        none of the above: where the differences are
//   not_diagnosed  no whole matrices to look at (sampled or directional checks)
#pragma once

#include <string>
#include <vector>

#include "nn/core/types.hpp"
#include "nn/gradcheck/gradcheck.hpp"

namespace grader {

// The built-in diagnosis codes (a caller's candidate mistakes bring their own).
namespace code {
inline constexpr const char* kCorrect = "correct";
inline constexpr const char* kShapeMismatch = "shape_mismatch";
inline constexpr const char* kNonFinite = "non_finite";
inline constexpr const char* kNumericNonFinite = "numeric_non_finite";
inline constexpr const char* kZero = "zero";
inline constexpr const char* kWrongSign = "wrong_sign";
inline constexpr const char* kConstantFactor = "constant_factor";
inline constexpr const char* kBiasMeanNotSum = "bias_mean_not_sum";
inline constexpr const char* kTransposed = "transposed";
inline constexpr const char* kBiasNotSummed = "bias_not_summed";
inline constexpr const char* kRegularisationMissing = "regularisation_missing";
inline constexpr const char* kRegularisationHalf = "regularisation_half";
inline constexpr const char* kRegularisationExtra = "regularisation_extra";
inline constexpr const char* kKink = "kink";
inline constexpr const char* kDiffers = "differs";
inline constexpr const char* kNotDiagnosed = "not_diagnosed";
}  // namespace code

// What the checked tensor is the gradient of; it selects wording and checks.
enum class Role { Unknown, Input, Weight, Bias, LossGradient };
std::string to_string(Role role);
// The role of a tensor named as nn::gradcheck names them: "dX" input, "dPred"
// loss gradient, "b" bias, any other parameter weight.
Role role_of(const std::string& tensor);

// A mistake the caller can reproduce with reference code, e.g. a sigmoid
// derivative taken at the output instead of the input. It is diagnosed when A
// equals `gradient` to a relative error below 1e-6.
struct CandidateMistake {
  std::string code;   // e.g. "sigmoid_derivative_at_output"
  std::string title;  // one line, e.g. "Sigmoid derivative evaluated at the output"
  std::string hint;   // where to look, without the answer
  nn::Mat gradient;   // the gradient this mistake would produce, shape of A
  std::string evidence = {};  // optional: what in this check's inputs makes the mistake
                              // visible, added to the explanation when it is diagnosed
};

// Optional context; empty matrices and zeros mean "not known".
struct Context {
  Role role = Role::Unknown;
  nn::Index batch_size = 0;  // N
  nn::Index outputs = 0;     // K, the number of outputs (columns of the layer's output)
  nn::Real l2 = 0;   // lambda of a penalty lambda * ||W||^2 in the loss (gradient 2 lambda W)
  nn::Mat value;     // the tensor itself (W) for regularisation checks
  nn::Mat upstream;  // dL/d(output) given to backward (dZ), N x K, for bias checks
  nn::Mat input;     // the layer's input X, shape of A, for kink analysis
  std::vector<nn::Real> kinks = {0};  // where the layer's function has kinks
  nn::Real kink_margin = 1e-3;        // |X - kink| below this counts as "at a kink"
  std::vector<CandidateMistake> candidates;
  nn::Real tolerance = 1e-6;  // A is correct when its relative error to Nm is at most this
                              // (set it to the gradient check's tolerance)
};

struct Diagnosis {
  std::string code;         // one of code::* or a candidate's code
  std::string title;        // one line
  std::string explanation;  // the evidence, with numbers
  std::string hint;         // where to look in the handout; never the answer
  bool is_mistake() const { return code != code::kCorrect; }
};

// Diagnoses the analytic gradient A against the numerical gradient Nm. A may
// have a different shape than Nm (the shape checks then explain it).
Diagnosis diagnose(const nn::Mat& analytic, const nn::Mat& numeric, const Context& context = {});

// The same for one tensor of a gradient check. Only Full checks keep the whole
// matrices; for Sampled and Directional ones this says honestly that there is
// not enough evidence (code::kNotDiagnosed), or code::kCorrect when it passed.
Diagnosis diagnose(const nn::gradcheck::TensorResult& tensor, const Context& context = {});

// ||a - b|| / max(||a||, ||b||), 0 when both are zero: scale-free.
nn::Real relative_difference(const nn::Mat& a, const nn::Mat& b);

}  // namespace grader
