// Tests of the scan that runs before TOML is parsed: keys of tens of thousands of parts and
// deep nesting, which make the parser recurse until the process crashes, are refused at their
// position; ordinary content, with dots and brackets in strings, comments and values, is not.

#include "support/diagnostics.hpp"
#include "pack/pack_loader.hpp"
#include "pack/toml_text.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace {

using coachkit::Diagnostics;

std::string repeat(const std::string& part, std::size_t times, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += (i ? separator : "") + part;
  return out;
}

// Parses `text` and expects exactly one problem, at LINE:COL, whose message holds `words`.
void expect_refused(const std::string& text, int line, int column, const std::string& words) {
  Diagnostics diagnostics;
  EXPECT_FALSE(coachkit::parse_toml(text, "hostile.toml", diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u) << diagnostics.to_string();
  const coachkit::Diagnostic& d = diagnostics.items()[0];
  EXPECT_EQ(d.where.file, "hostile.toml");
  EXPECT_EQ(d.where.line, line) << d.message;
  EXPECT_EQ(d.where.column, column) << d.message;
  EXPECT_NE(d.message.find(words), std::string::npos) << d.message;
}

TEST(TomlLimits, ADottedKeyOfFiftyThousandPartsIsRefusedAtTheKey) {
  expect_refused("title = \"ok\"\n  " + repeat("a", 50000, ".") + " = 1\n", 2, 3,
                 "more than 32 dotted parts");
}

TEST(TomlLimits, ATableHeaderOfFiftyThousandPartsIsRefusedAtItsName) {
  expect_refused("# a header\n[" + repeat("a", 50000, ".") + "]\n", 2, 2,
                 "more than 32 dotted parts");
  expect_refused("[[" + repeat("\"a\"", 50000, " . ") + "]]\n", 1, 3, "more than 32 dotted parts");
}

TEST(TomlLimits, ADottedKeyInAnInlineTableIsCounted) {
  expect_refused("x = { y = 1, " + repeat("b", 50000, ".") + " = 2 }\n", 1, 14,
                 "more than 32 dotted parts");
}

TEST(TomlLimits, DeeplyNestedArraysAreRefusedAtTheFirstBracketTooDeep) {
  expect_refused("x = " + repeat("[", 50000, "") + repeat("]", 50000, "") + "\n", 1, 37,
                 "nested more than 32 deep");
}

TEST(TomlLimits, DeeplyNestedInlineTablesAreRefused) {
  expect_refused("x = " + repeat("{a = ", 50000, "") + "1" + repeat("}", 50000, "") + "\n", 1,
                 4 + 32 * 5 + 1, "nested more than 32 deep");
}

TEST(TomlLimits, ThirtyTwoPartsAndThirtyTwoLevelsAreAllowed) {
  Diagnostics diagnostics;
  std::string text = repeat("a", 32, ".") + " = 1\n[" + repeat("b", 32, ".") +
                     "]\nx = " + repeat("[", 32, "") + repeat("]", 32, "") + "\n";
  EXPECT_TRUE(coachkit::parse_toml(text, "fine.toml", diagnostics)) << diagnostics.to_string();
  EXPECT_TRUE(diagnostics.empty());
}

TEST(TomlLimits, DotsAndBracketsInStringsCommentsAndValuesDoNotCount) {
  std::string dots = repeat("x", 100, ".");
  std::string brackets = repeat("[", 100, "") + repeat("{", 100, "");
  std::string text = "# " + dots + brackets + "\n" +                        //
                     "a = \"" + dots + brackets + "\\\"" + dots + "\"\n" +  //
                     "b = '" + dots + brackets + "'\n" +                    //
                     "c = \"\"\"\n" + dots + "\n" + brackets + "\n\"\"\"\n" + "d = '''" + dots +
                     "\n" + brackets + "'''\n" +                   //
                     "e = [" + repeat("1.5", 100, ", ") + "]\n" +  //
                     "f = 1979-05-27T07:32:00.999999Z\n" +         //
                     "[t]\n" +                                     //
                     "\"" + dots + "\" = { k = [1.5, 2.5], \"" + dots + "\" = 3.25 }\n" +
                     "g = [\n  [1.5, 2.5], # " + dots + "\n  [3.5],\n]\n";
  Diagnostics diagnostics;
  EXPECT_TRUE(coachkit::parse_toml(text, "fine.toml", diagnostics)) << diagnostics.to_string();
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
}

TEST(TomlLimits, AHostileContentFileIsOneProblemOfThePack) {
  coachkit::MemoryPackFiles files(
      {{"pack.toml",
        "[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\nlanguage = \"en\"\n"
        "authors = [\"A\"]\nlicense = \"CC0-1.0\"\n"},
       {"principles/deep.toml", "[principle]\n" + repeat("a", 50000, ".") + " = 1\n"}},
      "pack/");
  Diagnostics diagnostics;
  EXPECT_FALSE(coachkit::load_pack(files, diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u) << diagnostics.to_string();
  EXPECT_EQ(diagnostics.to_string().substr(0, 30), "pack/principles/deep.toml:2:1:");
}

}  // namespace
