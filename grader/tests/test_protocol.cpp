// The message format between grader and worker: round trips, and a hostile
// worker's garbage rejected with an error that says what was wrong.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include "answers.hpp"
#include "nn/core/rng.hpp"
#include "protocol.hpp"
#include "sandbox.hpp"

namespace grader {
namespace {

Message sample() {
  Message m;
  nn::Mat W = {{1.5, -2.0, 0.0}, {3.25, 1e-300, -1e300}};
  m.set_matrix("W", W);
  m.set_matrix("empty", nn::Mat(0, 4));
  m.set_real("loss", 0.125);
  m.set_integer("seed", -42);
  m.set_integer("big", std::numeric_limits<std::int64_t>::min());
  m.set_string("log", std::string("line\n\0binary\xff", 13));
  return m;
}

// Expects decode(bytes) to throw a ProtocolError whose message contains `what`.
void expect_rejected(const std::string& bytes, const std::string& what,
                     const ReadLimits& limits = {}) {
  try {
    decode(bytes, limits, "out.msg");
    ADD_FAILURE() << "accepted; expected an error containing: " << what;
  } catch (const ProtocolError& e) {
    EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind("out.msg: ", 0), 0u) << e.what();
  }
}

// Overwrites bytes of `bytes` at `at` with the little-endian value.
template <class U>
std::string patched(std::string bytes, std::size_t at, U value) {
  for (std::size_t i = 0; i < sizeof(U); ++i) bytes[at + i] = static_cast<char>(value >> (8 * i));
  return bytes;
}

// Offsets in a one-entry file holding the 2x3 matrix "W".
constexpr std::size_t kCount = 12, kType = 16, kNameLength = 17, kRows = 22, kCols = 30;

std::string one_matrix() {
  Message m;
  m.set_matrix("W", nn::Mat(2, 3, arma::fill::ones));
  return encode(m);
}

TEST(Protocol, RoundTripsEveryEntryType) {
  Message in = sample();
  Message out = decode(encode(in));
  ASSERT_EQ(out.entries().size(), in.entries().size());
  EXPECT_TRUE(arma::approx_equal(out.matrix("W"), in.matrix("W"), "absdiff", 0.0));
  EXPECT_EQ(out.matrix("empty").n_rows, 0u);
  EXPECT_EQ(out.matrix("empty").n_cols, 4u);
  EXPECT_EQ(out.real("loss"), 0.125);
  EXPECT_EQ(out.integer("seed"), -42);
  EXPECT_EQ(out.integer("big"), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(out.string("log"), in.string("log"));
}

TEST(Protocol, RoundTripsThroughAFile) {
  std::string path = std::filesystem::temp_directory_path() / "protocol_test.msg";
  write_message(sample(), path);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  Message out = read_message(path);
  EXPECT_EQ(out.integer("seed"), -42);
  EXPECT_EQ(out.matrix("W").n_cols, 3u);
  std::filesystem::remove(path);
}

TEST(Protocol, PreservesNaNAndInfinityBitForBit) {
  Message in;
  nn::Mat m = {{std::nan(""), std::numeric_limits<double>::infinity()}, {-0.0, -std::nan("")}};
  in.set_matrix("dW", m);
  in.set_real("loss", std::numeric_limits<double>::quiet_NaN());
  Message out = decode(encode(in));
  const nn::Mat& back = out.matrix("dW");
  EXPECT_EQ(std::memcmp(back.memptr(), m.memptr(), sizeof(double) * m.n_elem), 0);
  EXPECT_TRUE(std::isnan(out.real("loss")));
  EXPECT_TRUE(std::signbit(back(1, 0)));
}

TEST(Protocol, RejectsAFileThatIsNotAMessage) {
  expect_rejected("", "truncated: the magic needs 8 bytes, 0 left");
  expect_rejected("hello, grader: all tests passed", "wrong magic");
  std::string bytes = one_matrix();
  expect_rejected(patched<std::uint32_t>(bytes, 8, 7), "unsupported version 7, expected 1");
}

TEST(Protocol, RejectsATruncatedFileWhereverItIsCut) {
  std::string bytes = one_matrix();
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    EXPECT_THROW(decode(bytes.substr(0, size)), ProtocolError) << "cut at " << size;
  }
  expect_rejected(
      bytes.substr(0, bytes.size() - 3),
      "entry 0 \"W\": truncated or corrupt: declares a 2x3 matrix, more than the 45 bytes left");
  expect_rejected(bytes + "x", "1 unexpected bytes after the last entry");
}

TEST(Protocol, RejectsAbsurdSizesWithoutAllocatingThem) {
  std::string bytes = one_matrix();
  expect_rejected(patched<std::uint32_t>(bytes, kCount, 0xFFFFFFFF), "declares 4294967295 entries");
  expect_rejected(patched<std::uint64_t>(bytes, kRows, 1'000'000),
                  "declares a 1000000x3 matrix, more than the 48 bytes left hold");
  expect_rejected(
      patched<std::uint64_t>(patched<std::uint64_t>(bytes, kRows, 1ull << 62), kCols, 1ull << 62),
      "a dimension is at most");
  expect_rejected(patched<std::uint64_t>(bytes, kRows, 1ull << 40), "a dimension is at most");
  expect_rejected(patched<std::uint32_t>(bytes, kNameLength, 0xFFFFFFFF), "name length 4294967295");
  expect_rejected(patched<std::uint8_t>(bytes, kType, 9), "unknown entry type 9");

  Message big;
  big.set_string("s", std::string(100, 'x'));
  ReadLimits small;
  small.max_string_bytes = 10;
  expect_rejected(encode(big), "declares a string of 100 bytes, at most 10", small);
  small.max_total_bytes = 50;
  expect_rejected(encode(big), "too large", small);
}

TEST(Protocol, RejectsRepeatedNames) {
  Message m;
  m.set_real("a", 1);
  m.set_real("b", 2);
  std::string bytes = encode(m);
  std::size_t second_name = bytes.rfind('b');
  bytes[second_name] = 'a';
  expect_rejected(bytes, "name \"a\" repeated or out of order");
}

TEST(Protocol, NamesTheMissingOrMistypedEntry) {
  Message m = sample();
  try {
    m.matrix("dW");
    FAIL();
  } catch (const ProtocolError& e) {
    EXPECT_STREQ(e.what(), "no entry \"dW\" (entries: W, big, empty, log, loss, seed)");
  }
  try {
    m.matrix("loss");
    FAIL();
  } catch (const ProtocolError& e) {
    EXPECT_STREQ(e.what(), "entry \"loss\" is a real, expected a matrix");
  }
  EXPECT_THROW(m.set_real("", 1), ProtocolError);
}

TEST(Protocol, ExpectMatrixChecksTheShape) {
  Message m = sample();
  EXPECT_EQ(expect_matrix(m, "W", 2, 3).n_elem, 6u);
  try {
    expect_matrix(m, "W", 3, 2);
    FAIL();
  } catch (const ProtocolError& e) {
    EXPECT_STREQ(e.what(), "entry \"W\" is 2x3, expected 3x2");
  }
  EXPECT_THROW(expect_matrix(m, "dW", 2, 3), ProtocolError);
}

TEST(Protocol, ReadMessageNamesTheFile) {
  try {
    read_message("/nonexistent/out.msg");
    FAIL();
  } catch (const ProtocolError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/out.msg: cannot open"), std::string::npos)
        << e.what();
  }
}

// End to end: a worker that dies while writing its result (here: writes half a
// file and exits 0) runs "Ok", and reading its message says what is wrong.
TEST(Protocol, AWorkersHalfWrittenMessageIsRejected) {
  std::string path = std::filesystem::temp_directory_path() / "protocol_partial.msg";
  Command c;
  c.argv = {std::string(NN_HOSTILE_DIR) + "/partial_message", path};
  RunResult r = run(c);
  ASSERT_EQ(r.outcome, Outcome::Ok) << r.message;
  try {
    read_message(path);
    ADD_FAILURE() << "accepted";
  } catch (const ProtocolError& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "entry 0 \"dW\": truncated or corrupt: declares a 1000x1000 matrix"),
              std::string::npos)
        << e.what();
  }
  std::filesystem::remove(path);
}

// Random garbage and random corruptions of a valid file never crash the reader.
TEST(Protocol, SurvivesRandomCorruption) {
  std::string good = encode(sample());
  nn::Rng rng(7);
  int rejected = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    std::string bytes = good;
    for (int k = 0; k < 4; ++k) bytes[rng.index(bytes.size())] = static_cast<char>(rng.index(256));
    try {
      decode(bytes);
    } catch (const ProtocolError&) {
      ++rejected;
    }
  }
  EXPECT_GT(rejected, 0);
}

// The reference's answers are kept between grader runs: asked once per request.
TEST(RememberedAnswers, AsksTheWorkerOncePerRequestAndKeepsOnlyValidAnswers) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("remembered-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  int asked = 0;
  auto worker = [&asked](const Message& request) {
    ++asked;
    WorkerReply reply;
    if (request.integer("seed") < 0) {  // a worker that fails on this one
      reply.problem = "timed out";
      return reply;
    }
    Message answer;
    answer.set_integer("twice", 2 * request.integer("seed"));
    reply.response = answer;
    reply.run.outcome = Outcome::Ok;
    return reply;
  };
  Message seven, minus;
  seven.set_integer("seed", 7);
  minus.set_integer("seed", -1);
  for (int run = 0; run < 2; ++run) {  // two grader runs: a new runner on the same folder
    const WorkerRunner remembered = remembered_answers(dir.string(), worker);
    const WorkerReply first = remembered(seven);
    ASSERT_TRUE(first.response.has_value());
    EXPECT_EQ(first.response->integer("twice"), 14);
    EXPECT_EQ(first.run.outcome, Outcome::Ok);
    EXPECT_EQ(remembered(seven).response->integer("twice"), 14);
    const WorkerReply failed = remembered(minus);
    EXPECT_FALSE(failed.response.has_value());
    EXPECT_EQ(failed.problem, "timed out");
  }
  EXPECT_EQ(asked, 1 + 2);  // 7 once in all; -1 in each run, as its failure is not kept
  std::filesystem::remove_all(dir);
}

TEST(Frames, ReadBackInOrderAndACutShortLastFrameIsLeftOut) {
  std::string bytes;
  append_frame(bytes, "first");
  append_frame(bytes, "");
  append_frame(bytes, std::string(1000, 'x'));
  const std::vector<std::string> frames = read_frames(bytes, 10);
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0], "first");
  EXPECT_EQ(frames[1], "");
  EXPECT_EQ(frames[2], std::string(1000, 'x'));
  EXPECT_EQ(read_frames(bytes, 2).size(), 2u);  // at most what was asked for
  // a session that ended while writing: the length is there, not all the bytes
  EXPECT_EQ(read_frames(bytes.substr(0, bytes.size() - 1), 10).size(), 2u);
  EXPECT_EQ(read_frames(bytes.substr(0, 5), 10).size(), 0u);  // not even a whole length
  std::string huge;
  append_frame(huge, "y");
  huge[7] = '\x7f';  // declares about 2^63 bytes
  EXPECT_EQ(read_frames(huge, 10).size(), 0u);
}

}  // namespace
}  // namespace grader
