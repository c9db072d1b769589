// Runs the numerical gradient check of every layer and loss a lab asks for and
// prints one table. In the student build, unwritten methods show as NOT
// IMPLEMENTED; in the solution build, everything should be OK.
//
//   check_gradients [name ...]     only the layers/losses whose name starts with one of these
//
// Exit status: 0 when every check that ran passed or is not implemented yet, 1 otherwise.
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "nn/gradcheck/catalogue.hpp"
#include "nn/gradcheck/gradcheck.hpp"

namespace gc = nn::gradcheck;

namespace {

struct Tally {
  int passed = 0, failed = 0, not_implemented = 0;
  void add(const gc::Report& r) {
    fmt::print("{}", gc::to_text(r));
    if (r.not_implemented)
      ++not_implemented;
    else if (r.passed())
      ++passed;
    else
      ++failed;
  }
};

bool selected(const std::string& name, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return true;
  for (const std::string& w : wanted)
    if (name.rfind(w, 0) == 0) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> wanted(argv + 1, argv + argc);
  const std::vector<std::pair<nn::Index, nn::Index>> shapes = {{1, 3}, {4, 5}};  // N x D
  gc::Options options;
  Tally tally;

  for (const gc::LayerCase& c : gc::layer_cases()) {
    if (!selected(c.name, wanted)) continue;
    for (auto [n, d] : shapes) {
      nn::Rng rng(options.seed);
      auto layer = c.make(d, options.seed);
      tally.add(gc::check_layer(*layer, gc::layer_input(c, n, d, rng), options));
    }
  }
  for (const gc::LossCase& c : gc::loss_cases()) {
    if (!selected(c.name, wanted)) continue;
    for (auto [n, k] : shapes) {
      nn::Rng rng(options.seed);
      auto loss = c.make();
      const nn::Mat pred = c.pred(n, k, rng);
      tally.add(gc::check_loss(*loss, pred, c.target(pred, rng), options));
    }
  }
  const std::vector<std::shared_ptr<nn::Penalty>> penalties = {
      std::make_shared<nn::L1Penalty>(0.1), std::make_shared<nn::L2Penalty>(0.1)};
  for (const auto& penalty : penalties) {
    if (!selected(penalty->name(), wanted)) continue;
    nn::Rng rng(options.seed);
    const nn::Mat W = gc::away_from_kinks(rng.normal(4, 3), {0});  // |w| has a kink at 0
    tally.add(gc::check_penalty(*penalty, W, rng.normal(1, 3), options));
  }
  fmt::print("\n{} passed, {} failed, {} not implemented yet\n", tally.passed, tally.failed,
             tally.not_implemented);
  return tally.failed == 0 ? 0 : 1;
}
