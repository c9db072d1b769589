// Lab 02's probes (labs/02-one-neuron): they run the student's gradient and
// gradient descent for one sigmoid neuron. The judges are in
// grader/src/exercises/lab02.cpp.
#include <stdexcept>
#include <string>
#include <vector>

#include "02-one-neuron/descent.hpp"
#include "02-one-neuron/neuron.hpp"
#include "probe.hpp"
#include "protocol.hpp"

namespace {

using grader::Message;
using nn::Mat;

constexpr std::int64_t kMaxEpochs = 100000;

lab02::Points points_of(const Message& request) {
  return {request.matrix("x"), request.matrix("t")};
}

// lab02.gradient: x, t (N x 1), w, b -> dw, db.
void run_gradient(const Message& request, Message& response) {
  const lab02::Gradient g =
      lab02::gradient(request.real("w"), request.real("b"), points_of(request));
  response.set_real("dw", g.dw);
  response.set_real("db", g.db);
}

// lab02.descent: x, t, w, b, eta, epochs -> path ((epochs + 1) x 3: w, b, loss per row).
void run_descent(const Message& request, Message& response) {
  const std::int64_t epochs = request.integer("epochs");
  if (epochs < 0 || epochs > kMaxEpochs)
    throw grader::ProtocolError("entry \"epochs\" out of range");
  const std::vector<lab02::State> path =
      lab02::descend(request.real("w"), request.real("b"), request.real("eta"),
                     static_cast<int>(epochs), points_of(request));
  if (static_cast<std::int64_t>(path.size()) > kMaxEpochs + 1)
    throw std::runtime_error("descend() returned " + std::to_string(path.size()) + " states");
  Mat out(path.size(), 3);
  for (std::size_t k = 0; k < path.size(); ++k) {
    out(k, 0) = path[k].w;
    out(k, 1) = path[k].b;
    out(k, 2) = path[k].loss;
  }
  response.set_matrix("path", out);
}

}  // namespace

GRADER_PROBE("lab02.gradient", run_gradient);
GRADER_PROBE("lab02.gradient.hidden", run_gradient);
GRADER_PROBE("lab02.descent", run_descent);
GRADER_PROBE("lab02.descent.hidden", run_descent);
