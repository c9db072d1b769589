// The plain JSON summary: everything in the Submission except the whole
// analytic and numeric matrices (the worst elements are kept). NaN and Inf
// become null, as JSON has no such numbers.
#include "report.hpp"

namespace grader {

namespace {

nlohmann::json diagnosis_json(const Diagnosis& d) {
  return {{"code", d.code}, {"title", d.title}, {"explanation", d.explanation}, {"hint", d.hint}};
}

nlohmann::json tensor_json(const nn::gradcheck::TensorResult& t) {
  nlohmann::json worst = nlohmann::json::array();
  for (const auto& e : t.worst)
    worst.push_back(
        {{"row", e.row}, {"col", e.col}, {"analytic", e.analytic}, {"numeric", e.numeric}});
  return {{"tensor", t.tensor},
          {"method", to_string(t.method)},
          {"rows", t.rows},
          {"cols", t.cols},
          {"checked", t.checked},
          {"rel_error", t.rel_error},
          {"max_abs_error", t.max_abs_error},
          {"passed", t.passed},
          {"worst", worst}};
}

nlohmann::json gradient_json(const Item& item, const nn::gradcheck::Report& r) {
  nlohmann::json tensors = nlohmann::json::array();
  for (const auto& t : r.tensors) {
    nlohmann::json j = tensor_json(t);
    if (const Diagnosis* d = find_diagnosis(item, r.subject, t.tensor))
      j["diagnosis"] = diagnosis_json(*d);
    tensors.push_back(j);
  }
  return {{"subject", r.subject},     {"seed", r.seed},    {"step", r.step},
          {"tolerance", r.tolerance}, {"error", r.error},  {"not_implemented", r.not_implemented},
          {"passed", r.passed()},     {"tensors", tensors}};
}

nlohmann::json item_json(const Item& item) {
  nlohmann::json gradients = nlohmann::json::array();
  for (const auto& r : item.gradients) gradients.push_back(gradient_json(item, r));
  nlohmann::json seeds = nlohmann::json::object();
  for (const auto& [name, seed] : item.seeds) seeds[name] = seed;
  nlohmann::json j = {{"id", item.id},
                      {"title", item.title},
                      {"lab", item.lab},
                      {"points", item.points},
                      {"max_points", item.max_points},
                      {"visibility", to_string(item.visibility)},
                      {"status", to_string(item.status)},
                      {"message", item.message},
                      {"seeds", seeds},
                      {"execution_time", item.execution_time},
                      {"gradients", gradients}};
  if (item.history) {
    const History& h = *item.history;
    j["history"] = {{"epochs", h.epochs},
                    {"train_loss", h.train_loss},
                    {"val_loss", h.val_loss},
                    {"train_acc", h.train_acc},
                    {"val_acc", h.val_acc}};
  }
  return j;
}

}  // namespace

nlohmann::json to_json(const Submission& sub) {
  nlohmann::json items = nlohmann::json::array();
  for (const Item& item : sub.items) items.push_back(item_json(item));
  nlohmann::json tolerances = nlohmann::json::object();
  for (const auto& [name, value] : sub.tolerances) tolerances[name] = value;
  return {{"student_id", sub.student_id},
          {"grader_version", sub.grader_version},
          {"seed", sub.seed},
          {"tolerances", tolerances},
          {"total", sub.total()},
          {"max_total", sub.max_total()},
          {"execution_time", sub.execution_time},
          {"output", sub.output},
          {"items", items}};
}

}  // namespace grader
