// Lab 01's probes (labs/01-neurons): they run the student's threshold units,
// perceptron and threshold networks and write what those computed. The judges
// are in grader/src/exercises/lab01.cpp.
#include <stdexcept>
#include <string>
#include <vector>

#include "01-neurons/mcculloch_pitts.hpp"
#include "01-neurons/perceptron.hpp"
#include "01-neurons/threshold_network.hpp"
#include "nn/core/errors.hpp"
#include "probe.hpp"
#include "protocol.hpp"

namespace {

using grader::Message;
using nn::Index;
using nn::Mat;

constexpr std::int64_t kMaxLayers = 16;

// lab01.threshold_unit: threshold, inhibitory (1 x n of 0/1), X (M x n of 0/1) -> y (M x 1).
void run_threshold_unit(const Message& request, Message& response) {
  lab01::McCullochPitts unit;
  unit.threshold = static_cast<int>(request.integer("threshold"));
  const Mat& inhibitory = request.matrix("inhibitory");
  for (Index i = 0; i < inhibitory.n_elem; ++i) unit.inhibitory.push_back(inhibitory(i) != 0);
  const Mat& X = request.matrix("X");
  Mat y(X.n_rows, 1);
  for (Index n = 0; n < X.n_rows; ++n) {
    std::vector<int> x;
    for (Index i = 0; i < X.n_cols; ++i) x.push_back(static_cast<int>(X(n, i)));
    y(n) = lab01::fires(unit, x);
  }
  response.set_matrix("y", y);
}

// lab01.gates: gate ("AND", "OR", "NOR" or "NOT") -> threshold, inhibitory (1 x n of 0/1).
void run_gates(const Message& request, Message& response) {
  const std::string& gate = request.string("gate");
  lab01::McCullochPitts unit;
  if (gate == "AND")
    unit = lab01::and_unit();
  else if (gate == "OR")
    unit = lab01::or_unit();
  else if (gate == "NOR")
    unit = lab01::nor_unit();
  else if (gate == "NOT")
    unit = lab01::not_unit();
  else
    throw grader::ProtocolError("no gate named \"" + gate + "\"");
  Mat inhibitory(1, unit.inhibitory.size());
  for (Index i = 0; i < inhibitory.n_elem; ++i) inhibitory(i) = unit.inhibitory[i] ? 1 : 0;
  response.set_integer("threshold", unit.threshold);
  response.set_matrix("inhibitory", inhibitory);
}

// lab01.perceptron: X (N x D), t (N x 1), w (D x 1), b, eta, max_epochs
//   -> errors (E x 1), W (E x D: the weights after each epoch), b (E x 1).
void run_perceptron(const Message& request, Message& response) {
  lab01::Perceptron p{request.matrix("w"), request.real("b")};
  const Mat& X = request.matrix("X");
  const lab01::TrainingRun run = lab01::train(p, X, request.matrix("t"), request.real("eta"),
                                              static_cast<int>(request.integer("max_epochs")));
  const Index epochs = run.errors.size();
  if (run.w.size() != epochs || run.b.size() != epochs)
    throw std::runtime_error("train() recorded " + std::to_string(epochs) + " error counts, " +
                             std::to_string(run.w.size()) + " weight vectors and " +
                             std::to_string(run.b.size()) + " biases: one of each per epoch");
  Mat errors(epochs, 1), W(epochs, X.n_cols), b(epochs, 1);
  for (Index e = 0; e < epochs; ++e) {
    if (run.w[e].n_elem != X.n_cols)
      throw std::runtime_error("train() recorded weights of " + nn::shape_of(run.w[e]) +
                               " after epoch " + std::to_string(e + 1) + ", expected " +
                               std::to_string(X.n_cols) + "x1");
    errors(e) = run.errors[e];
    for (Index i = 0; i < X.n_cols; ++i) W(e, i) = run.w[e](i);
    b(e) = run.b[e];
  }
  response.set_matrix("errors", errors);
  response.set_matrix("W", W);
  response.set_matrix("b", b);
}

// lab01.xor_network: -> layers, W.k, b.k for each layer k.
void run_xor_network(const Message&, Message& response) {
  const std::vector<lab01::ThresholdLayer> layers = lab01::xor_network();
  if (static_cast<std::int64_t>(layers.size()) > kMaxLayers)
    throw std::runtime_error("xor_network() has " + std::to_string(layers.size()) + " layers");
  response.set_integer("layers", static_cast<std::int64_t>(layers.size()));
  for (std::size_t k = 0; k < layers.size(); ++k) {
    response.set_matrix("W." + std::to_string(k), layers[k].W);
    response.set_matrix("b." + std::to_string(k), layers[k].b);
  }
}

// lab01.sign_network: layers, W.k, b.k, X, threshold ("sign" or "step")
//   -> layers, H.k (each layer's output).
void run_network(const Message& request, Message& response) {
  const std::int64_t count = request.integer("layers");
  if (count < 1 || count > kMaxLayers) throw grader::ProtocolError("entry \"layers\" out of range");
  std::vector<lab01::ThresholdLayer> layers;
  for (std::int64_t k = 0; k < count; ++k)
    layers.push_back(
        {request.matrix("W." + std::to_string(k)), request.matrix("b." + std::to_string(k))});
  const lab01::Threshold h =
      request.string("threshold") == "step" ? lab01::Threshold::Step : lab01::Threshold::Sign;
  const std::vector<Mat> H = lab01::forward(layers, request.matrix("X"), h);
  if (static_cast<std::int64_t>(H.size()) > kMaxLayers)
    throw std::runtime_error("forward() returned " + std::to_string(H.size()) + " outputs");
  response.set_integer("layers", static_cast<std::int64_t>(H.size()));
  for (std::size_t k = 0; k < H.size(); ++k) response.set_matrix("H." + std::to_string(k), H[k]);
}

}  // namespace

GRADER_PROBE("lab01.threshold_unit", run_threshold_unit);
GRADER_PROBE("lab01.gates", run_gates);
GRADER_PROBE("lab01.perceptron", run_perceptron);
GRADER_PROBE("lab01.perceptron.hidden", run_perceptron);
GRADER_PROBE("lab01.xor_network", run_xor_network);
GRADER_PROBE("lab01.sign_network", run_network);
GRADER_PROBE("lab01.sign_network.hidden", run_network);
