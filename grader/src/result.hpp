// The data model of a grading run: what every report writer reads.
//
// A Submission is one student's run: a list of Items (one graded check each)
// with their points, status, message, diagnoses, gradient-check reports and
// seeds, plus what is needed to replay the run (seeds, tolerances, version).
// Plain structs: the grader fills them, the writers in report.hpp print them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diagnose.hpp"
#include "nn/gradcheck/gradcheck.hpp"

namespace grader {

enum class Status {
  Passed,
  Failed,
  Partial,         // some points
  NotImplemented,  // the student's code still throws nn::NotImplemented
  Blocked,         // it runs code of another lab that is not written yet (a student's own check)
  CompileError,
  Crashed,
  TimedOut,
  Error  // the grader could not judge (its own failure or invalid input)
};
std::string to_string(Status status);  // "passed", "not_implemented", ...

// When a student sees an item (Gradescope's values).
enum class Visibility { Visible, Hidden, AfterDueDate, AfterPublished };
std::string to_string(Visibility visibility);  // "visible", "after_due_date", ...

// The diagnosis of one tensor of one gradient check.
struct TensorDiagnosis {
  std::string subject;  // the Report's subject
  std::string tensor;   // the TensorResult's tensor, e.g. "W"
  Diagnosis diagnosis;
};

// Per-epoch curves of a training item; the vectors have one entry per epoch
// (train_acc / val_acc may be empty when the task has no accuracy).
struct History {
  std::vector<int> epochs;
  std::vector<double> train_loss, val_loss, train_acc, val_acc;
};

struct Item {
  std::string id;     // stable, e.g. "linear.backward.dW"
  std::string title;  // e.g. "Linear backward: dW"
  std::string lab;    // e.g. "labs/05-linear"
  double points = 0, max_points = 0;
  Visibility visibility = Visibility::Visible;
  Status status = Status::Failed;
  std::string message;  // for the student; may contain text from student output
  std::string needs;    // Status::Blocked: what it waits for, "Adam::step (labs/09-optimizers)"
  std::vector<nn::gradcheck::Report> gradients;              // gradient checks behind this item
  std::vector<TensorDiagnosis> diagnoses;                    // for the failed tensors
  std::vector<std::pair<std::string, std::uint64_t>> seeds;  // name -> seed, to replay
  double execution_time = 0;                                 // seconds
  std::optional<History> history;
  std::vector<double> accuracies;  // training items: each case's held-out accuracy, in [0, 1]
};

struct Submission {
  std::string student_id;
  std::vector<Item> items;
  std::string grader_version;
  std::uint64_t seed = 0;                                  // the run's master seed
  std::vector<std::pair<std::string, double>> tolerances;  // name -> value
  double execution_time = 0;                               // seconds, whole run
  std::string output;                                      // a message for the whole run
  Visibility stdout_visibility = Visibility::Hidden;

  double total() const;      // sum of points
  double max_total() const;  // sum of max_points
};

// Diagnoses of every failed tensor of `report`, each with the context
// `context_for` gives it; its tolerance is set to the report's, so that a
// failed tensor is never called correct.
std::vector<TensorDiagnosis> diagnose_failed(
    const nn::gradcheck::Report& report,
    const std::function<Context(const nn::gradcheck::TensorResult&)>& context_for);

// The diagnosis recorded for (subject, tensor), or nullptr.
const Diagnosis* find_diagnosis(const Item& item, const std::string& subject,
                                const std::string& tensor);

}  // namespace grader
