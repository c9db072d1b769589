// Lab 11's probes (see probe.hpp).
//
//   lab11.fashion    X_train, Y_train (one-hot), X_val, Y_val, X_test, seed
//                    -> scores (N_test x 10): the student's Fashion-MNIST network
//                    (make_fashion_model(seed)), trained by nn::fit with the student's
//                    make_fashion_plan() and softmax cross-entropy, on the test rows
//   lab11.ensemble   count (K), logits.0 .. logits.{K-1} (each N x C)
//                    -> probabilities (N x C): the student's average_probabilities
#include <vector>

#include "11-classifier/classifier.hpp"
#include "11-classifier/ensemble.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "probe.hpp"

namespace {

void run_fashion(const grader::Message& request, grader::Message& response) {
  auto model = lab11::make_fashion_model(static_cast<std::uint64_t>(request.integer("seed")));
  lab11::Plan plan = lab11::make_fashion_plan();
  if (!model || !plan.optimizer) throw grader::ProtocolError("no model or no optimizer");
  plan.options.progress = nn::FitOptions::Progress::Never;
  nn::SoftmaxCrossEntropyLoss loss;
  nn::fit(*model, loss, *plan.optimizer, request.matrix("X_train"), request.matrix("Y_train"),
          request.matrix("X_val"), request.matrix("Y_val"), plan.options);
  model->eval();
  response.set_matrix("scores", model->forward(request.matrix("X_test")));
}

void run_ensemble(const grader::Message& request, grader::Message& response) {
  const std::int64_t k = request.integer("count");
  if (k < 1 || k > 64) throw grader::ProtocolError("count out of range");
  std::vector<nn::Mat> logits;
  for (std::int64_t i = 0; i < k; ++i) logits.push_back(request.matrix("logits." + std::to_string(i)));
  response.set_matrix("probabilities", lab11::average_probabilities(logits));
}

}  // namespace

GRADER_PROBE("lab11.fashion", run_fashion);
GRADER_PROBE("lab11.ensemble", run_ensemble);
