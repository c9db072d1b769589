// Learning-rate schedules against their closed forms (labs/09-optimizers), and
// reduce-on-plateau's counting, worked out by hand.
#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

#include "nn/optim/exponential_decay.hpp"
#include "nn/optim/inverse_time_decay.hpp"
#include "nn/optim/reduce_on_plateau.hpp"
#include "nn/optim/step_decay.hpp"

namespace nn {
namespace {

TEST(StepDecay, HalvesEveryFiveEpochs) {
  StepDecay schedule(0.1, 0.5, 5);  // 0.1 * 0.5^floor(t/5)
  EXPECT_DOUBLE_EQ(schedule.learning_rate(0), 0.1);
  EXPECT_DOUBLE_EQ(schedule.learning_rate(4), 0.1);     // floor(4/5) = 0
  EXPECT_DOUBLE_EQ(schedule.learning_rate(5), 0.05);    // floor(5/5) = 1
  EXPECT_DOUBLE_EQ(schedule.learning_rate(9), 0.05);    // floor(9/5) = 1
  EXPECT_DOUBLE_EQ(schedule.learning_rate(10), 0.025);  // 0.1 * 0.25
  EXPECT_DOUBLE_EQ(schedule.learning_rate(15), 0.0125);
  EXPECT_DOUBLE_EQ(schedule.next(10, 123.0), 0.025);  // next ignores the monitored value
}

TEST(StepDecay, RejectsZeroEpochs) { EXPECT_THROW(StepDecay(0.1, 0.5, 0), std::invalid_argument); }

TEST(ExponentialDecay, MatchesTheClosedForm) {
  ExponentialDecay schedule(0.1, 0.5);  // 0.1 e^(-0.5 t)
  EXPECT_DOUBLE_EQ(schedule.learning_rate(0), 0.1);
  EXPECT_NEAR(schedule.learning_rate(1), 0.0606530660, 1e-10);  // 0.1 * e^-0.5 = 0.1 * 0.6065306597
  EXPECT_NEAR(schedule.learning_rate(2), 0.0367879441, 1e-10);  // 0.1 * e^-1 = 0.1 * 0.3678794412
  EXPECT_NEAR(schedule.learning_rate(4), 0.0135335283, 1e-10);  // 0.1 * e^-2 = 0.1 * 0.1353352832
  EXPECT_DOUBLE_EQ(schedule.next(2, 0.0), schedule.learning_rate(2));
}

TEST(InverseTimeDecay, MatchesTheClosedForm) {
  InverseTimeDecay schedule(0.1, 0.5);  // 0.1 / (1 + 0.5 t)
  EXPECT_DOUBLE_EQ(schedule.learning_rate(0), 0.1);
  EXPECT_NEAR(schedule.learning_rate(1), 0.0666666667, 1e-10);  // 0.1 / 1.5
  EXPECT_DOUBLE_EQ(schedule.learning_rate(2), 0.05);            // 0.1 / 2
  EXPECT_DOUBLE_EQ(schedule.learning_rate(6), 0.025);           // 0.1 / 4
  EXPECT_DOUBLE_EQ(schedule.next(6, 0.0), 0.025);
}

TEST(ReduceOnPlateau, ReducesAfterExactlyPatienceEpochsWithoutImprovement) {
  ReduceOnPlateau schedule(1.0, 0.5, /*patience=*/3, ReduceOnPlateau::Mode::Min);
  EXPECT_DOUBLE_EQ(schedule.next(1, 10.0), 1.0);  // first value: the best so far
  EXPECT_DOUBLE_EQ(schedule.next(2, 9.0), 1.0);   // improved
  EXPECT_DOUBLE_EQ(schedule.next(3, 9.0), 1.0);   // equal is not better: 1 bad epoch
  EXPECT_DOUBLE_EQ(schedule.next(4, 9.5), 1.0);   // 2 bad epochs
  EXPECT_DOUBLE_EQ(schedule.next(5, 9.1), 0.5);   // 3 = patience: 1.0 * 0.5
  EXPECT_DOUBLE_EQ(schedule.next(6, 9.2), 0.5);   // counting afresh: 1
  EXPECT_DOUBLE_EQ(schedule.next(7, 9.3), 0.5);   // 2
  EXPECT_DOUBLE_EQ(schedule.next(8, 9.4), 0.25);  // 3: 0.5 * 0.5
  EXPECT_DOUBLE_EQ(schedule.next(9, 8.0), 0.25);  // improved: count back to 0
  EXPECT_DOUBLE_EQ(schedule.next(10, 8.5), 0.25);
  EXPECT_DOUBLE_EQ(schedule.next(11, 8.5), 0.25);
  EXPECT_DOUBLE_EQ(schedule.learning_rate(), 0.25);
}

TEST(ReduceOnPlateau, NeverGoesBelowTheMinimum) {
  ReduceOnPlateau schedule(1.0, 0.1, /*patience=*/1, ReduceOnPlateau::Mode::Min, 0.05);
  EXPECT_DOUBLE_EQ(schedule.next(1, 1.0), 1.0);
  EXPECT_DOUBLE_EQ(schedule.next(2, 1.0), 0.1);   // 1.0 * 0.1
  EXPECT_DOUBLE_EQ(schedule.next(3, 1.0), 0.05);  // 0.1 * 0.1 = 0.01, held at 0.05
  EXPECT_DOUBLE_EQ(schedule.next(4, 1.0), 0.05);
}

TEST(ReduceOnPlateau, MaxModeWaitsForTheValueToRise) {
  ReduceOnPlateau schedule(0.2, 0.5, /*patience=*/2, ReduceOnPlateau::Mode::Max);
  EXPECT_DOUBLE_EQ(schedule.next(1, 0.50), 0.2);
  EXPECT_DOUBLE_EQ(schedule.next(2, 0.60), 0.2);  // accuracy rose: improved
  EXPECT_DOUBLE_EQ(schedule.next(3, 0.70), 0.2);  // improved
  EXPECT_DOUBLE_EQ(schedule.next(4, 0.65), 0.2);  // 1 bad epoch
  EXPECT_DOUBLE_EQ(schedule.next(5, 0.70), 0.1);  // equal to the best: 2 = patience, 0.2 * 0.5
}

TEST(ReduceOnPlateau, NaNNeverCountsAsAnImprovement) {
  const Real nan = std::numeric_limits<Real>::quiet_NaN();
  ReduceOnPlateau schedule(1.0, 0.5, /*patience=*/2);
  EXPECT_DOUBLE_EQ(schedule.next(1, nan), 1.0);  // 1 bad epoch: no best value yet
  EXPECT_DOUBLE_EQ(schedule.next(2, nan), 0.5);  // 2 = patience
  EXPECT_DOUBLE_EQ(schedule.next(3, 3.0), 0.5);  // the first real value is the best
  EXPECT_DOUBLE_EQ(schedule.next(4, 2.0), 0.5);  // improved
}

}  // namespace
}  // namespace nn
