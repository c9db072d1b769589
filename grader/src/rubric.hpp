// The rubric: what is graded, for how many points, with which files, shapes,
// seeds, tolerances and thresholds. Read from a TOML file (grader/rubric.toml):
//
//   seed = 20261121          # master seed, reported so a run can be replayed
//   tolerance = 1e-6         # default relative error for gradient checks
//
//   [[item]]
//   id = "linear.backward"
//   title = "Linear::backward"
//   lab = "labs/05-linear"
//   points = 10
//   visibility = "visible"   # visible | hidden | after_due_date | after_published
//   files = ["lib/nn/layers/linear.cpp"]   # the student files this item's code is in
//   kind = "layer_gradient"  # layer_gradient | loss_gradient | penalty_gradient
//                            # | optimizer_step | training | exercise
//   target = "Linear"        # a name in nn::gradcheck's catalogue, an optimizer, a data set,
//                            # an exercise (exercise.hpp)
//   shapes = [[1, 3], [4, 5], [16, 8]]     # N x D cases (gradient items)
//   seeds = [1, 2]           # optional, default [1]
//   tolerance = 1e-6         # optional, else the rubric's
//   threshold = 0.97         # training items: minimum held-out accuracy
//   time_limit = 10          # optional, seconds per worker run
//   depends_on = ["sigmoid.backward"]      # optional: items whose code this one also runs
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "nn/core/types.hpp"
#include "result.hpp"

namespace grader {

enum class CheckKind {
  LayerGradient,
  LossGradient,
  PenaltyGradient,
  OptimizerStep,
  Training,
  Exercise
};
std::string to_string(CheckKind kind);  // "layer_gradient", ...

struct RubricItem {
  std::string id, title, lab;
  double points = 0;
  Visibility visibility = Visibility::Visible;
  std::vector<std::string> files;       // paths from the repository root
  std::vector<std::string> depends_on;  // item ids
  CheckKind kind = CheckKind::LayerGradient;
  std::string target;
  std::vector<std::pair<nn::Index, nn::Index>> shapes;
  std::vector<std::uint64_t> seeds;
  double tolerance = 0;    // filled from the rubric's default when absent
  double threshold = 0;    // training items only
  double time_limit = 10;  // seconds per worker run
};

struct Rubric {
  std::uint64_t seed = 0;
  double tolerance = nn::gradcheck::kTolerance;  // check_gradients uses it too
  std::vector<RubricItem> items;

  // Every file some item names, each once, in rubric order: what a student may edit.
  std::vector<std::string> student_files() const;
  const RubricItem& item(const std::string& id) const;  // throws std::out_of_range
};

// Thrown for an unreadable or invalid rubric; the message names the file, the
// item and the key.
class RubricError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Rubric load_rubric(const std::string& path);
// The rubric as TOML that parse_rubric reads back to the same rubric.
std::string to_toml(const Rubric& rubric);
Rubric parse_rubric(const std::string& toml_text, const std::string& source = "rubric");

}  // namespace grader
