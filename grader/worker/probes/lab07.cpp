// Lab 07's probe: the student's stable softmax and log-sum-exp
// (labs/07-losses/softmax_overflow.cpp), judged by grader/src/exercises/lab07.cpp.
//
// request:  Z (N x K logits)
// response: softmax (N x K), log_sum_exp (N x 1)
#include "07-losses/softmax_overflow.hpp"
#include "probe.hpp"

namespace {

void run_stable_softmax(const grader::Message& request, grader::Message& response) {
  const nn::Mat& Z = request.matrix("Z");
  response.set_matrix("softmax", lab07::stable_softmax(Z));
  response.set_matrix("log_sum_exp", lab07::log_sum_exp(Z));
}

}  // namespace

GRADER_PROBE("lab07.stable_softmax", run_stable_softmax);
GRADER_PROBE("lab07.stable_softmax.other", run_stable_softmax);
