// What diagnose() is told about a failed tensor of a gradient check, the same in
// the grader and in apps/check_gradients: its role, the batch size, the layer's
// input and upstream gradient, and the mistakes reference formulas reproduce.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "diagnose.hpp"
#include "nn/core/types.hpp"

namespace grader {

// Tensor `tensor` ("dX" or a parameter's name) of a layer check of catalogue
// entry `target` at input X (N x D) with upstream gradient G (N x K); `params`
// are the layer's parameters, `kinks` where its function has kinks.
Context layer_context(const std::string& target, const std::string& tensor, const nn::Mat& X,
                      const nn::Mat& G, const nn::Params& params, const std::vector<nn::Real>& kinks);

// dPred of a loss check on N x K predictions.
Context loss_context(nn::Index n, nn::Index k);

// Tensor "W" (value W) or "b" of a penalty check.
Context penalty_context(const std::string& tensor, const nn::Mat& W);

// Mistakes of catalogue entry `target`'s backward that reference formulas
// reproduce, at input X with upstream gradient G (none for most layers yet).
std::vector<CandidateMistake> layer_candidates(const std::string& target, const nn::Mat& X,
                                               const nn::Mat& G);

// The report as check_gradients prints it: nn::gradcheck::to_text, then the
// diagnosis of each failed tensor (context_for gives its context; the report's
// tolerance is used, so a failed tensor is never called correct).
std::string text_with_diagnoses(
    const nn::gradcheck::Report& report,
    const std::function<Context(const nn::gradcheck::TensorResult&)>& context_for);

}  // namespace grader
