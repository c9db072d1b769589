// Lab 05's probes: one training step of the student's lab05::train_step
// (labs/05-linear/worked_examples.cpp), judged by grader/src/exercises/lab05.cpp.
//
// request:  network  "two_two_two" | "han_kamber" (the student's starting weights)
//                    | "given" (then W1, b1, W2, b2 are in the request)
//           X, T, learning_rate
// response: start_W1, start_b1, start_W2, start_b2 (the weights the step started from),
//           hidden, output, loss, delta_output, delta_hidden, W1, b1, W2, b2 (after the step)
#include "05-linear/worked_examples.hpp"
#include "probe.hpp"

namespace {

void run_train_step(const grader::Message& request, grader::Message& response) {
  const std::string& network = request.string("network");
  lab05::Weights start;
  if (network == "two_two_two")
    start = lab05::two_two_two_start();
  else if (network == "han_kamber")
    start = lab05::han_kamber_start();
  else if (network == "given")
    start = {request.matrix("W1"), request.matrix("b1"), request.matrix("W2"), request.matrix("b2")};
  else
    throw grader::ProtocolError("lab05: unknown network \"" + network + "\"");
  response.set_matrix("start_W1", start.W1);
  response.set_matrix("start_b1", start.b1);
  response.set_matrix("start_W2", start.W2);
  response.set_matrix("start_b2", start.b2);

  const lab05::Step step = lab05::train_step(start, request.matrix("X"), request.matrix("T"),
                                             request.real("learning_rate"));
  response.set_matrix("hidden", step.hidden);
  response.set_matrix("output", step.output);
  response.set_real("loss", step.loss);
  response.set_matrix("delta_output", step.delta_output);
  response.set_matrix("delta_hidden", step.delta_hidden);
  response.set_matrix("W1", step.updated.W1);
  response.set_matrix("b1", step.updated.b1);
  response.set_matrix("W2", step.updated.W2);
  response.set_matrix("b2", step.updated.b2);
}

}  // namespace

GRADER_PROBE("lab05.worked_examples", run_train_step);
GRADER_PROBE("lab05.train_step", run_train_step);
