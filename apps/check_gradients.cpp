// Runs the numerical gradient check of every layer, loss and penalty a lab asks
// for and prints one table, with the grader's diagnosis of each wrong gradient
// (the same tolerance and the same diagnoses as `grader check`). In the student
// build, unwritten methods show as NOT IMPLEMENTED; in the solution build,
// everything should be OK.
//
//   check_gradients [NAME ...]     only the names starting with one of these (Linear,
//                                  Sigmoid, MSE ...); all when none
//   check_gradients --help         usage and the known names
//
// Exit status: 0 when every check that ran passed or is not implemented yet, 1
// when one failed, 2 for an unknown name.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include "gradient_context.hpp"
#include "nn/gradcheck/catalogue.hpp"
#include "nn/gradcheck/gradcheck.hpp"

namespace gc = nn::gradcheck;

namespace {

struct Tally {
  int passed = 0, failed = 0, not_implemented = 0;
  void add(const gc::Report& r, const std::function<grader::Context(const gc::TensorResult&)>& c) {
    fmt::print("{}", grader::text_with_diagnoses(r, c));
    if (r.not_implemented)
      ++not_implemented;
    else if (r.passed())
      ++passed;
    else
      ++failed;
  }
};

std::vector<std::string> known_names() {
  std::vector<std::string> names;
  for (const gc::LayerCase& c : gc::layer_cases()) names.push_back(c.name);
  for (const gc::LossCase& c : gc::loss_cases()) names.push_back(c.name);
  names.push_back("L1Penalty");
  names.push_back("L2Penalty");
  return names;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// "<label> A B C ...", wrapped at 80 columns under the first name.
std::string name_list(const std::string& label, const std::vector<std::string>& names) {
  std::string s = label, line;
  for (const std::string& n : names) {
    if (!line.empty() && label.size() + line.size() + 1 + n.size() > 80) {
      s += line + "\n" + std::string(label.size(), ' ');
      line.clear();
    }
    line += (line.empty() ? "" : " ") + n;
  }
  return s + line;
}

void usage() {
  fmt::print(
      "usage: check_gradients [NAME ...]\n\n"
      "Checks the backward pass of each layer, loss or penalty whose name starts with one of\n"
      "the NAMEs (every one when no NAME is given) against central differences\n"
      "(L(x + h) - L(x - h)) / 2h on small shapes, and prints per tensor the relative error\n"
      "(it passes at {:g}, the grader's tolerance), the worst elements and, when one is\n"
      "wrong, the grader's diagnosis.\n\n"
      "{}\n\n"
      "Exit status: 0 when every check passed or is not implemented yet, 1 when one failed,\n"
      "2 for an unknown name.\n",
      gc::kTolerance, name_list("Names: ", known_names()));
}

bool selected(const std::string& name, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return true;
  for (const std::string& w : wanted)
    if (name.rfind(w, 0) == 0) return true;
  return false;
}

// Whether every name asked for selects something; else `error` names the first that does not.
bool valid(const std::vector<std::string>& wanted, std::string& error) {
  const std::vector<std::string> names = known_names();
  for (const std::string& w : wanted) {
    if (std::any_of(names.begin(), names.end(),
                    [&](const std::string& n) { return selected(n, {w}); }))
      continue;
    std::string suggestion;
    for (const std::string& n : names)
      if (suggestion.empty() && lower(n).rfind(lower(w), 0) == 0)
        suggestion = fmt::format(" (did you mean {}?)", n);
    error = fmt::format("check_gradients: no layer, loss or penalty is named '{}'{}.\n{}", w,
                        suggestion, name_list("Known names: ", names));
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> wanted(argv + 1, argv + argc);
  for (const std::string& w : wanted)
    if (w == "--help" || w == "-h") {
      usage();
      return 0;
    }
  std::string error;
  if (!valid(wanted, error)) {
    fmt::print(stderr, "{}\n", error);
    return 2;
  }
  const std::vector<std::pair<nn::Index, nn::Index>> shapes = {{1, 3}, {4, 5}};  // N x D
  gc::Options options;
  Tally tally;

  for (const gc::LayerCase& c : gc::layer_cases()) {
    if (!selected(c.name, wanted)) continue;
    for (auto [n, d] : shapes) {
      nn::Rng rng(options.seed);
      auto layer = c.make(d, options.seed);
      const gc::Report r = gc::check_layer(*layer, gc::layer_input(c, n, d, rng), options);
      const nn::Params params = layer->params();
      tally.add(r, [&](const gc::TensorResult& t) {
        return grader::layer_context(c.name, t.tensor, r.input, r.output, r.upstream, params,
                                     c.kinks);
      });
    }
  }
  for (const gc::LossCase& c : gc::loss_cases()) {
    if (!selected(c.name, wanted)) continue;
    for (auto [n, k] : shapes) {
      nn::Rng rng(options.seed);
      auto loss = c.make();
      const nn::Mat pred = c.pred(n, k, rng);
      const nn::Mat target = c.target(pred, rng);
      tally.add(gc::check_loss(*loss, pred, target, options), [&](const gc::TensorResult&) {
        return grader::loss_context(*loss, pred, target);
      });
    }
  }
  const std::vector<std::pair<std::string, std::shared_ptr<nn::Penalty>>> penalties = {
      {"L1Penalty", std::make_shared<nn::L1Penalty>(0.1)},
      {"L2Penalty", std::make_shared<nn::L2Penalty>(0.1)}};
  for (const auto& [name, penalty] : penalties) {
    if (!selected(name, wanted)) continue;
    nn::Rng rng(options.seed);
    const nn::Mat W = gc::away_from_kinks(rng.normal(4, 3), {0});  // |w| has a kink at 0
    tally.add(gc::check_penalty(*penalty, W, rng.normal(1, 3), options),
              [&](const gc::TensorResult& t) { return grader::penalty_context(t.tensor, W); });
  }
  fmt::print("\n{} passed, {} failed, {} not implemented yet\n", tally.passed, tally.failed,
             tally.not_implemented);
  return tally.failed == 0 ? 0 : 1;
}
