#include "05-linear/worked_examples.hpp"

#include "nn/core/errors.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/sigmoid.hpp"
#include "nn/losses/half_sse.hpp"

namespace lab05 {

Weights two_two_two_start() {
  // ---- YOUR CODE (labs/05-linear): W1 (2 x 2), b1 (1 x 2), W2 (2 x 2), b2 (1 x 2) ----
  Weights w;
  w.W1 = nn::Mat{{0.15, 0.25},   // w1 (i1 -> h1), w3 (i1 -> h2)
                 {0.20, 0.30}};  // w2 (i2 -> h1), w4 (i2 -> h2)
  w.b1 = nn::Mat{{0.35, 0.35}};  // b1, the same for h1 and h2
  w.W2 = nn::Mat{{0.40, 0.50},   // w5 (h1 -> o1), w7 (h1 -> o2)
                 {0.45, 0.55}};  // w6 (h2 -> o1), w8 (h2 -> o2)
  w.b2 = nn::Mat{{0.60, 0.60}};  // b2, the same for o1 and o2
  return w;
  // ---- END YOUR CODE ----
}

Weights han_kamber_start() {
  // ---- YOUR CODE (labs/05-linear): W1 (3 x 2), b1 (1 x 2), W2 (2 x 1), b2 (1 x 1) ----
  Weights w;
  w.W1 = nn::Mat{{0.2, -0.3},    // w14, w15
                 {0.4, 0.1},     // w24, w25
                 {-0.5, 0.2}};   // w34, w35
  w.b1 = nn::Mat{{-0.4, 0.2}};   // theta4, theta5
  w.W2 = nn::Mat(arma::colvec{-0.3, -0.2});  // w46, w56: a 2 x 1 column
  w.b2 = nn::Mat(1, 1).fill(0.1);             // theta6
  return w;
  // ---- END YOUR CODE ----
}

Step train_step([[maybe_unused]] const Weights& start, [[maybe_unused]] const nn::Mat& X,
                [[maybe_unused]] const nn::Mat& T, [[maybe_unused]] nn::Real learning_rate) {
  // ---- YOUR CODE (labs/05-linear): forward, loss, backward, update; fill every field of Step ----
  nn::Linear layer1(start.W1, start.b1), layer2(start.W2, start.b2);
  nn::Sigmoid sigmoid1, sigmoid2;
  nn::HalfSSELoss loss;
  Step step;
  step.hidden = sigmoid1.forward(layer1.forward(X));
  step.output = sigmoid2.forward(layer2.forward(step.hidden));
  step.loss = loss.forward(step.output, T);
  // Every gradient first (layer2's backward uses W2 as it was), then every update.
  step.delta_output = sigmoid2.backward(loss.backward());
  step.delta_hidden = sigmoid1.backward(layer2.backward(step.delta_output));
  layer1.backward(step.delta_hidden);
  for (nn::Linear* layer : {&layer1, &layer2})
    for (nn::Param& p : layer->params()) p.value -= learning_rate * p.grad;
  step.updated = {layer1.W, layer1.b, layer2.W, layer2.b};
  return step;
  // ---- END YOUR CODE ----
}

}  // namespace lab05
