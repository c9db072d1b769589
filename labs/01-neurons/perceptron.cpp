#include "01-neurons/perceptron.hpp"

#include "nn/core/errors.hpp"

namespace lab01 {

nn::Mat Perceptron::predict([[maybe_unused]] const nn::Mat& X) const {
  // ---- YOUR CODE (labs/01-neurons): Z = X w + b (N x 1), then step each element ----
  throw nn::NotImplemented("lab01::Perceptron::predict", "labs/01-neurons");
  // ---- END YOUR CODE ----
}

int Perceptron::learn([[maybe_unused]] const nn::Mat& x, [[maybe_unused]] nn::Real t,
                      [[maybe_unused]] nn::Real eta) {
  // ---- YOUR CODE (labs/01-neurons): y for x (1 x D), then the rule on w (D x 1) and b ----
  throw nn::NotImplemented("lab01::Perceptron::learn", "labs/01-neurons");
  // ---- END YOUR CODE ----
}

TrainingRun train(Perceptron& p, const nn::Mat& X, const nn::Mat& t, [[maybe_unused]] nn::Real eta,
                  [[maybe_unused]] int max_epochs) {
  if (X.n_rows != t.n_rows || t.n_cols != 1 || p.w.n_rows != X.n_cols || p.w.n_cols != 1)
    throw nn::ShapeError("train: X is " + nn::shape_of(X) + ", t " + nn::shape_of(t) + ", w " +
                         nn::shape_of(p.w) + "; expected N x D, N x 1 and D x 1");
  TrainingRun run;
  // ---- YOUR CODE (labs/01-neurons): epochs over the rows of X; record errors, w and b ----
  throw nn::NotImplemented("lab01::train", "labs/01-neurons");
  // ---- END YOUR CODE ----
}

}  // namespace lab01
