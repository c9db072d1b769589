// Exercise items (kind "exercise") through run_check, against fake workers and a
// fake reference: two test-only exercises are registered here, one judged
// against the reference's answer and one judged from what the judge knows.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checks.hpp"
#include "exercise.hpp"
#include "nn/core/rng.hpp"
#include "rubric.hpp"
#include "worker_runner.hpp"

namespace grader {
namespace {

using nn::Mat;

constexpr std::uint64_t kMaster = 20261121;

// "test.double": y = 2 x for three inputs drawn from the seed; the last case
// weighs twice as much. Judged against the reference's y.
Exercise doubling() {
  Exercise e;
  e.summary = "doubles a matrix";
  e.cases = [](std::uint64_t seed) {
    nn::Rng rng(seed);
    std::vector<ExerciseCase> cases;
    for (int k = 0; k < 3; ++k) {
      ExerciseCase c;
      c.name = "x" + std::to_string(k);
      c.request.set_matrix("x", rng.normal(2, 3));
      c.weight = k == 2 ? 2 : 1;
      cases.push_back(std::move(c));
    }
    return cases;
  };
  e.judge = [](const ExerciseCase&, const Message& student, const Message* reference,
               double tolerance) { return compare_entries(student, *reference, {"y"}, tolerance); };
  return e;
}
GRADER_EXERCISE("test.double", doubling);

// "test.parity": is n odd? The judge knows the answer; no reference.
Exercise parity() {
  Exercise e;
  e.uses_reference = false;
  e.cases = [](std::uint64_t) {
    std::vector<ExerciseCase> cases;
    for (std::int64_t n : {3, 4}) {
      ExerciseCase c;
      c.name = "n=" + std::to_string(n);
      c.request.set_integer("n", n);
      cases.push_back(std::move(c));
    }
    return cases;
  };
  e.judge = [](const ExerciseCase& c, const Message& student, const Message*, double) {
    Message expected;
    expected.set_integer("odd", c.request.integer("n") % 2);
    Verdict v = compare_entries(student, expected, {"odd"}, 0);
    if (v.credit < 1) v.diagnosis = "check the remainder";
    return v;
  };
  return e;
}
GRADER_EXERCISE("test.parity", parity);

// "test.verbose": one case, always wrong, with a 50-line message.
Exercise verbose() {
  Exercise e;
  e.uses_reference = false;
  e.cases = [](std::uint64_t) { return std::vector<ExerciseCase>{{"only", Message(), 1}}; };
  e.judge = [](const ExerciseCase&, const Message&, const Message*, double) {
    Verdict v;
    for (int k = 0; k < 50; ++k)
      v.message += "line " + std::to_string(k) + std::string(80, '.') + "\n";
    return v;
  };
  return e;
}
GRADER_EXERCISE("test.verbose", verbose);

WorkerReply answer(Message response, const char* status = "ok") {
  WorkerReply reply;
  reply.run.outcome = Outcome::Ok;
  response.set_string("status", status);
  reply.response = std::move(response);
  return reply;
}

// A worker (or reference) that answers y = factor x.
WorkerRunner doubling_worker(double factor = 2) {
  return [factor](const Message& request) {
    Message response;
    response.set_matrix("y", Mat(factor * request.matrix("x")));
    return answer(std::move(response));
  };
}

RubricItem exercise_item(const std::string& target, std::vector<std::uint64_t> seeds = {1, 2}) {
  return testing::make_item(CheckKind::Exercise, target, {}, std::move(seeds));
}

TEST(ExerciseChecks, RightAnswersPassAndRecordTheSeeds) {
  int reference_calls = 0;
  const WorkerRunner reference = [&](const Message& r) {
    ++reference_calls;
    return doubling_worker()(r);
  };
  const Item item = run_check(exercise_item("test.double"), kMaster, doubling_worker(), reference);
  EXPECT_EQ(item.status, Status::Passed) << item.message;
  EXPECT_DOUBLE_EQ(item.points, 10);
  EXPECT_EQ(reference_calls, 6);  // 3 cases x 2 seeds
  ASSERT_EQ(item.seeds.size(), 2u);
  EXPECT_EQ(item.seeds[0].first, "seed=1");
  EXPECT_NE(item.seeds[0].second, item.seeds[1].second);
  EXPECT_NE(item.message.find("doubles a matrix. 6 of 6 cases right."), std::string::npos)
      << item.message;
}

TEST(ExerciseChecks, RequestsNameTheProbeAndAreReproducible) {
  std::vector<std::string> first, second;
  auto recording = [](std::vector<std::string>& log) -> WorkerRunner {
    return [&log](const Message& r) {
      EXPECT_EQ(r.string("kind"), "probe");
      EXPECT_EQ(r.string("target"), "test.double");
      log.push_back(encode(r));
      return doubling_worker()(r);
    };
  };
  run_check(exercise_item("test.double"), kMaster, recording(first), doubling_worker());
  run_check(exercise_item("test.double"), kMaster, recording(second), doubling_worker());
  ASSERT_EQ(first.size(), 6u);
  EXPECT_EQ(first, second);
  EXPECT_NE(first[0], first[3]);  // the two seeds give other inputs
}

TEST(ExerciseChecks, CreditIsWeightedOverCases) {
  int calls = 0;
  const Item item = run_check(
      exercise_item("test.double", {1}), kMaster,
      [&](const Message& r) {
        return doubling_worker(++calls == 3 ? 3 : 2)(r);  // x2 wrong
      },
      doubling_worker());
  EXPECT_EQ(item.status, Status::Partial);
  EXPECT_DOUBLE_EQ(item.points, 5);  // weights 1, 1, 2: the wrong case is half of the item
  EXPECT_NE(item.message.find("2 of 3 cases right"), std::string::npos) << item.message;
  EXPECT_NE(item.message.find("x2: y: 6 of 6 elements differ"), std::string::npos) << item.message;
  EXPECT_NE(item.message.find("expected"), std::string::npos) << item.message;
}

TEST(ExerciseChecks, WrongEverywhereFailsAndAMissingEntrySaysSo) {
  const Item wrong =
      run_check(exercise_item("test.double"), kMaster, doubling_worker(-2), doubling_worker());
  EXPECT_EQ(wrong.status, Status::Failed);
  EXPECT_DOUBLE_EQ(wrong.points, 0);
  const Item missing = run_check(
      exercise_item("test.double"), kMaster, [](const Message&) { return answer(Message()); },
      doubling_worker());
  EXPECT_EQ(missing.status, Status::Failed);
  EXPECT_NE(missing.message.find("y: missing from your code's answer"), std::string::npos)
      << missing.message;
}

TEST(ExerciseChecks, JudgeWithoutReferenceNeverAsksForOne) {
  const WorkerRunner no_reference = [](const Message&) -> WorkerReply {
    ADD_FAILURE() << "the reference was asked";
    return {};
  };
  const WorkerRunner right = [](const Message& r) {
    Message response;
    response.set_integer("odd", r.integer("n") % 2);
    return answer(std::move(response));
  };
  EXPECT_EQ(run_check(exercise_item("test.parity"), kMaster, right, no_reference).status,
            Status::Passed);
  const Item wrong = run_check(exercise_item("test.parity", {1}), kMaster, [](const Message&) {
    Message response;
    response.set_integer("odd", 1);
    return answer(std::move(response));
  });
  EXPECT_EQ(wrong.status, Status::Partial);
  EXPECT_DOUBLE_EQ(wrong.points, 5);
  EXPECT_NE(wrong.message.find("n=4: odd: expected 0, got 1\n  Likely: check the remainder"),
            std::string::npos)
      << wrong.message;
}

TEST(ExerciseChecks, UnansweredCasesHaveTheirStatus) {
  const Item stub = run_check(
      exercise_item("test.double"), kMaster,
      [](const Message&) {
        Message m;
        m.set_string("error", "not implemented yet: Thing::do (labs/01-neurons)");
        return answer(std::move(m), "not_implemented");
      },
      doubling_worker());
  EXPECT_EQ(stub.status, Status::NotImplemented);
  EXPECT_DOUBLE_EQ(stub.points, 0);
  EXPECT_NE(stub.message.find("Thing::do"), std::string::npos) << stub.message;

  int calls = 0;
  const Item crash = run_check(
      exercise_item("test.double", {1}), kMaster,
      [&](const Message& r) {
        if (++calls != 1) return doubling_worker()(r);
        WorkerReply reply;
        reply.run.outcome = Outcome::Crashed;
        reply.run.message = "your code crashed: SIGSEGV";
        return reply;
      },
      doubling_worker());
  EXPECT_EQ(crash.status, Status::Crashed);
  EXPECT_DOUBLE_EQ(crash.points, 7.5);  // weights 1, 1, 2: the first case lost
  EXPECT_NE(crash.message.find("x0: your code crashed: SIGSEGV"), std::string::npos)
      << crash.message;

  const Item slow = run_check(
      exercise_item("test.double", {1}), kMaster,
      [](const Message&) {
        WorkerReply reply;
        reply.run.outcome = Outcome::TimedOut;
        reply.run.message = "your code was stopped after 10 s";
        return reply;
      },
      doubling_worker());
  EXPECT_EQ(slow.status, Status::TimedOut);
  EXPECT_DOUBLE_EQ(slow.points, 0);

  const Item thrown = run_check(
      exercise_item("test.double", {1}), kMaster,
      [](const Message&) {
        Message m;
        m.set_string("error", "shape mismatch in your code");
        return answer(std::move(m), "error");
      },
      doubling_worker());
  EXPECT_EQ(thrown.status, Status::Failed);
  EXPECT_NE(thrown.message.find("your code threw an error: shape mismatch"), std::string::npos)
      << thrown.message;
}

TEST(ExerciseChecks, NoReferenceIsAnErrorNotACrash) {
  const Item none = run_check(exercise_item("test.double"), kMaster, doubling_worker());
  EXPECT_EQ(none.status, Status::Error);
  EXPECT_DOUBLE_EQ(none.points, 0);
  EXPECT_NE(none.message.find("no reference"), std::string::npos) << none.message;

  const Item failing =
      run_check(exercise_item("test.double"), kMaster, doubling_worker(), [](const Message&) {
        Message m;
        m.set_string("error", "boom");
        return answer(std::move(m), "error");
      });
  EXPECT_EQ(failing.status, Status::Error);
  EXPECT_NE(failing.message.find("the reference code failed on this case: boom"), std::string::npos)
      << failing.message;
}

TEST(ExerciseChecks, LongMessagesAreCapped) {
  const Item item = run_check(exercise_item("test.verbose", {1}), kMaster,
                              [](const Message&) { return answer(Message()); });
  EXPECT_EQ(item.status, Status::Failed);
  EXPECT_NE(item.message.find("line 0"), std::string::npos) << item.message;
  EXPECT_EQ(item.message.find("line 10"), std::string::npos) << item.message;
  EXPECT_LT(item.message.size(), 1000u) << item.message;
}

TEST(ExerciseChecks, UnknownTargetIsAnErrorListingTheExercises) {
  const Item item = run_check(exercise_item("test.nope"), kMaster, doubling_worker());
  EXPECT_EQ(item.status, Status::Error);
  EXPECT_NE(item.message.find("test.double"), std::string::npos) << item.message;
}

const char* kExerciseItem = R"(
[[item]]
id = "double"
title = "Doubling"
lab = "labs/01-neurons"
points = 4
files = ["labs/01-neurons/perceptron.cpp"]
kind = "exercise"
target = "test.double"
)";

TEST(ExerciseRubric, ParsesWithoutShapesOrSeedsAndReadsBack) {
  const Rubric r = parse_rubric(kExerciseItem);
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].kind, CheckKind::Exercise);
  EXPECT_EQ(r.items[0].target, "test.double");
  EXPECT_EQ(r.items[0].seeds, std::vector<std::uint64_t>{1});
  EXPECT_TRUE(needs_reference(r.items[0]));
  const Rubric back = parse_rubric(to_toml(r));
  EXPECT_EQ(to_toml(back), to_toml(r));
  EXPECT_EQ(back.items[0].kind, CheckKind::Exercise);
}

TEST(ExerciseRubric, UnknownTargetListsTheRegisteredNames) {
  std::string text = kExerciseItem;
  text.replace(text.find("test.double"), 11, "test.nope");
  try {
    parse_rubric(text, "r.toml");
    FAIL() << "accepted an unknown exercise";
  } catch (const RubricError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("r.toml: item 1 ('double'): key 'target': no exercise is named "
                        "'test.nope' (known: "),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("test.double"), std::string::npos) << what;
    EXPECT_NE(what.find("test.parity"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace grader
