// Lab 09's probes (see probe.hpp): the student's learning-rate schedules.
//
//   lab09.schedules   schedule ("StepDecay" | "ExponentialDecay" | "InverseTimeDecay"),
//                     lr0, factor (StepDecay), every (StepDecay), k (the other two),
//                     epochs (E) -> rates (1 x E): learning_rate(t) for t = 0 .. E-1
#include <memory>

#include "nn/optim/exponential_decay.hpp"
#include "nn/optim/inverse_time_decay.hpp"
#include "nn/optim/step_decay.hpp"
#include "probe.hpp"

namespace {

void run_schedules(const grader::Message& request, grader::Message& response) {
  const std::string& which = request.string("schedule");
  const nn::Real lr0 = request.real("lr0");
  std::unique_ptr<nn::EpochSchedule> schedule;
  if (which == "StepDecay")
    schedule = std::make_unique<nn::StepDecay>(lr0, request.real("factor"),
                                               static_cast<nn::Index>(request.integer("every")));
  else if (which == "ExponentialDecay")
    schedule = std::make_unique<nn::ExponentialDecay>(lr0, request.real("k"));
  else if (which == "InverseTimeDecay")
    schedule = std::make_unique<nn::InverseTimeDecay>(lr0, request.real("k"));
  else
    throw grader::ProtocolError("no schedule named \"" + which + "\"");
  const std::int64_t epochs = request.integer("epochs");
  if (epochs < 1 || epochs > 1000) throw grader::ProtocolError("epochs out of range");
  nn::Mat rates(1, static_cast<nn::Index>(epochs));
  for (nn::Index t = 0; t < rates.n_cols; ++t) rates(0, t) = schedule->learning_rate(t);
  response.set_matrix("rates", rates);
}

}  // namespace

GRADER_PROBE("lab09.schedules", run_schedules);
