// The one UTF-8 reader (core/src/utf8): well-formed sequences are read whole, and what RFC 3629
// forbids (overlong forms, surrogates, code points above U+10FFFF, cut-off sequences) is not a
// sequence at all, so every caller shows, replaces or refuses those bytes.
#include "support/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace coachkit {
namespace {

TEST(Utf8, WellFormedSequencesAreReadWhole) {
  struct Case {
    std::string text;
    std::size_t length;
    char32_t code_point;
  };
  for (const Case& c :
       {Case{"A", 1, U'A'}, Case{"\xC3\xA9", 2, U'\u00E9'}, Case{"\xE2\x98\x90", 3, U'\u2610'},
        Case{"\xEF\xBF\xBD", 3, U'\uFFFD'}, Case{"\xF0\x90\x98\x80", 4, U'\U00010600'},
        Case{"\xF4\x8F\xBF\xBF", 4, U'\U0010FFFF'}}) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(utf8_sequence_length(c.text, 0), c.length);
    EXPECT_EQ(utf8_code_point(c.text, 0, c.length), c.code_point);
    EXPECT_TRUE(is_valid_utf8(c.text));
  }
}

TEST(Utf8, WhatRfc3629ForbidsIsNoSequence) {
  for (const std::string& bad : {
           std::string("\xC0\x80"),          // overlong NUL
           std::string("\xC1\xBF"),          // overlong
           std::string("\xE0\x80\x80"),      // overlong three-byte form
           std::string("\xED\xA0\x80"),      // a surrogate, U+D800
           std::string("\xF0\x80\x80\x80"),  // overlong four-byte form
           std::string("\xF4\x90\x80\x80"),  // above U+10FFFF
           std::string("\xF5\x80\x80\x80"),  // no such lead byte
           std::string("\x80"),              // a continuation byte alone
           std::string("\xE2\x98"),          // cut off
       }) {
    SCOPED_TRACE(::testing::PrintToString(bad));
    EXPECT_EQ(utf8_sequence_length(bad, 0), 0u);
    EXPECT_FALSE(is_valid_utf8("ok " + bad));
  }
  EXPECT_EQ(utf8_sequence_length("", 0), 0u);
}

}  // namespace
}  // namespace coachkit
