// What diagnose() is told about a failed tensor of a gradient check, the same in
// the grader and in apps/check_gradients: its role, the batch size, the layer's
// input and upstream gradient, and the mistakes reference formulas reproduce.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "diagnose.hpp"
#include "nn/core/loss.hpp"
#include "nn/core/types.hpp"

namespace grader {

// Tensor `tensor` ("dX" or a parameter's name) of a layer check of catalogue
// entry `target` at input X (N x D), where the layer's forward gave Y (N x K;
// empty when not known) and the upstream gradient is G (N x K); `params` are
// the layer's parameters, `kinks` where its function has kinks.
Context layer_context(const std::string& target, const std::string& tensor, const nn::Mat& X,
                      const nn::Mat& Y, const nn::Mat& G, const nn::Params& params,
                      const std::vector<nn::Real>& kinks);

// dPred of a check of `loss` (the grader's own instance) at predictions `pred`
// and targets `target` (N x K).
Context loss_context(const nn::Loss& loss, const nn::Mat& pred, const nn::Mat& target);

// Tensor "W" (value W) or "b" of a penalty check.
Context penalty_context(const std::string& tensor, const nn::Mat& W);

// Mistakes of catalogue entry `target`'s backward that reference formulas
// reproduce, at input X with output Y (what forward gave; a random mask such as
// Dropout's shows in it) and upstream gradient G (none for most layers yet).
// A mistake is offered only where the inputs tell it apart from the right
// gradient and from the other mistakes it could be taken for.
std::vector<CandidateMistake> layer_candidates(const std::string& target, const nn::Mat& X,
                                               const nn::Mat& Y, const nn::Mat& G);

// The same for the backward of `loss` at (pred, target).
std::vector<CandidateMistake> loss_candidates(const nn::Loss& loss, const nn::Mat& pred,
                                              const nn::Mat& target);

// The report as check_gradients prints it: nn::gradcheck::to_text, then the
// diagnosis of each failed tensor (context_for gives its context; the report's
// tolerance is used, so a failed tensor is never called correct).
std::string text_with_diagnoses(
    const nn::gradcheck::Report& report,
    const std::function<Context(const nn::gradcheck::TensorResult&)>& context_for);

}  // namespace grader
