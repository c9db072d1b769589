// How lab 08's training thresholds were calibrated (solution build; disabled:
// about a minute). The reference Sequential and train_step train the worker's
// fixed recipe on each Playground set for 20 data seeds (the rubric's master
// seed, item seeds 1..20, which include every seed the rubric uses); the test
// prints each held-out accuracy and the worst per set. A rubric threshold is
// that worst accuracy less a margin, so that a correct submission written
// differently (other rounding, another batch order) cannot fall below it.
//
//   build/solution/grader/grader_tests --gtest_also_run_disabled_tests
//       --gtest_filter='*Lab08Calibration*'
#include <gtest/gtest.h>

#include <cstdio>
#include <regex>
#include <string>

#include "checks.hpp"
#include "rubric.hpp"
#include "worker_runner.hpp"

namespace grader {
namespace {

TEST(Lab08Calibration, DISABLED_ReferenceAccuracyOverTwentySeeds) {
  const Rubric rubric = load_rubric(NN_SOURCE_DIR "/grader/rubric.toml");
  const std::regex accuracy(R"(held-out accuracy ([0-9.]+)%)");
  for (const char* set : {"circle", "xor", "gaussian", "spiral"}) {
    double worst = 1, sum = 0;
    std::string all;
    for (std::uint64_t s = 1; s <= 20; ++s) {
      RubricItem item = testing::make_item(CheckKind::Training, set, {}, {s});
      item.threshold = 1.0;  // the message then reports the accuracy
      const Item result = run_check(item, rubric.seed, testing::run_real_worker);
      std::smatch m;
      ASSERT_TRUE(std::regex_search(result.message, m, accuracy)) << result.message;
      const double a = std::stod(m[1]) / 100;
      worst = std::min(worst, a);
      sum += a;
      all += " " + std::string(m[1]);
    }
    std::printf("%-9s worst %.1f%%, mean %.1f%% over 20 seeds:%s\n", set, 100 * worst, 100 * sum / 20,
                all.c_str());
  }
}

}  // namespace
}  // namespace grader
