// lab 11: what a classifier gets right and wrong, class by class (provided code).
// Prints the accuracy, each class's precision, recall and F1, and the confusion
// matrix (rows: true class, columns: predicted class), using nn::metrics.
#pragma once

#include <string>
#include <vector>

#include "nn/data/labels.hpp"

namespace lab11 {

// scores: N x C (logits or probabilities: each row's largest is the prediction),
// y: the N true classes, class_names: C names (numbers 0..C-1 when empty).
void print_report(const nn::Mat& scores, const nn::Labels& y,
                  const std::vector<std::string>& class_names);

}  // namespace lab11
