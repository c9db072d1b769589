// Lab 08's probes (see probe.hpp): the student's nn::train_step with a weight penalty.
//
//   lab08.train_step_penalty  X (N x 3), Y (N x 2, one-hot), W1, b1, W2, b2 (a
//                             Linear-Tanh-Linear network), lambda, learning_rate
//     -> loss, W1, b1, W2, b2: one train_step with softmax cross-entropy, SGD and the
//        probe's own penalty (below); loss_plain, W1_plain: the same step without it
//        (penalty nullptr)
#include "nn/core/sequential.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/losses/penalties.hpp"  // nn::Penalty, nn::is_weight
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/optim/sgd.hpp"
#include "nn/train/train_step.hpp"
#include "probe.hpp"

namespace {

// A penalty of the probe's own, lambda (sum of w^2 over every weight matrix W), so
// that the item grades train_step alone, not the student's lab 10 penalties.
class SquaredWeights : public nn::Penalty {
 public:
  using nn::Penalty::Penalty;
  nn::Real value(const nn::Params& params) const override {
    nn::Real sum = 0;
    for (const nn::Param& p : params)
      if (nn::is_weight(p)) sum += arma::accu(arma::square(p.value));
    return lambda * sum;
  }
  void backward(nn::Params& params) const override {
    for (nn::Param& p : params)
      if (nn::is_weight(p)) p.grad += 2 * lambda * p.value;
  }
  std::string name() const override { return "SquaredWeights"; }
};

nn::Sequential network(const grader::Message& request) {
  nn::Sequential model;
  model.add<nn::Linear>(request.matrix("W1"), request.matrix("b1"));
  model.add<nn::Tanh>();
  model.add<nn::Linear>(request.matrix("W2"), request.matrix("b2"));
  return model;
}

void run_train_step_penalty(const grader::Message& request, grader::Message& response) {
  const SquaredWeights penalty(request.real("lambda"));
  const nn::Mat& X = request.matrix("X");
  const nn::Mat& Y = request.matrix("Y");
  nn::SoftmaxCrossEntropyLoss loss;
  nn::SGD sgd(request.real("learning_rate"));

  nn::Sequential model = network(request);
  const nn::StepResult step = nn::train_step(model, loss, sgd, X, Y, &penalty);
  response.set_real("loss", step.loss);
  const char* names[] = {"W1", "b1", "W2", "b2"};
  const nn::Params params = model.params();
  for (std::size_t i = 0; i < params.size() && i < 4; ++i)
    response.set_matrix(names[i], params[i].value);

  nn::Sequential plain = network(request);
  const nn::StepResult plain_step = nn::train_step(plain, loss, sgd, X, Y, nullptr);
  response.set_real("loss_plain", plain_step.loss);
  response.set_matrix("W1_plain", plain.params().at(0).value);
}

}  // namespace

GRADER_PROBE("lab08.train_step_penalty", run_train_step_penalty);
