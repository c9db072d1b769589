// SHA-256 against the standard's examples (FIPS 180-4, NIST's test vectors) and
// sha256sum, across the one- and two-block padding boundaries.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "builder.hpp"
#include "sha256.hpp"

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(grader::sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(grader::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(grader::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(grader::sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Every length from 0 to 130 bytes, against the system's sha256sum.
TEST(Sha256, AgreesWithSha256sumAtEveryPaddingBoundary) {
  if (std::system("command -v sha256sum > /dev/null") != 0) GTEST_SKIP() << "no sha256sum";
  for (std::size_t n = 0; n <= 130; ++n) {
    std::string text;
    for (std::size_t i = 0; i < n; ++i) text += static_cast<char>('a' + (i * 7) % 26);
    FILE* pipe = popen(("printf '%s' '" + text + "' | sha256sum").c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    char digest[65] = {};
    ASSERT_EQ(std::fread(digest, 1, 64, pipe), 64u);
    pclose(pipe);
    EXPECT_EQ(grader::sha256_hex(text), std::string(digest)) << n << " bytes";
  }
}

TEST(Sha256, CacheKeysAre128BitsOfIt) {
  EXPECT_EQ(grader::content_hash("abc"), "ba7816bf8f01cfea414140de5dae2223");
}
