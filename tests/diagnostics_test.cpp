// Tests that content quoted in diagnostics cannot forge another diagnostic line or drive the
// terminal: control characters in file names and messages are shown escaped.

#include "support/diagnostics.hpp"
#include "pack/pack_loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace {

using coachkit::Diagnostic;
using coachkit::Diagnostics;

// The first raw control byte (C0 other than the line ends to_string() puts between
// diagnostics, DEL, or a UTF-8 C1 control), or -1.
int raw_control_byte(const std::string& text, bool allow_newlines) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n' && allow_newlines) continue;
    if (c < 0x20 || c == 0x7f) return c;
    if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      return static_cast<unsigned char>(text[i + 1]);
    }
  }
  return -1;
}

TEST(DiagnosticsEscaping, ControlCharactersInTheFileAndMessageAreEscaped) {
  Diagnostic d{"evil\nfile.toml", 3, 7,
               std::string("id \"a\r\x1b[2J\x07") + '\0' + "\x7f\xc2\x9b" + "b\tc\" is wrong"};
  std::string line = coachkit::format_diagnostic(d);
  EXPECT_EQ(line, "evil\\nfile.toml:3:7: id \"a\\r\\x1b[2J\\x07\\x00\\x7f\\u009bb\\tc\" is wrong");
  EXPECT_EQ(raw_control_byte(line, false), -1);
}

TEST(DiagnosticsEscaping, OrdinaryTextIsUnchanged) {
  Diagnostic d{"packs/café/pack.toml", 1, 2, "unknown key 'titel' — did you mean 'title'?"};
  EXPECT_EQ(coachkit::format_diagnostic(d),
            "packs/café/pack.toml:1:2: unknown key 'titel' — did you mean 'title'?");
}

TEST(DiagnosticsEscaping, BytesThatAreNotUtf8AreShownAsBytes) {
  Diagnostic d{std::string("bad\x9b") + "name.toml", 0, 0, "cannot read"};
  EXPECT_EQ(coachkit::format_diagnostic(d), "bad\\x9bname.toml: cannot read");
}

TEST(DiagnosticsEscaping, AHostilePackGivesOneLinePerProblemAndNoRawControlByte) {
  // An id and a key that try to forge a diagnostic line and clear the screen.
  const std::string forged =
      "x\\nprinciples/ok.toml:1:1: all good\\r\\u001b[2J\\u0007\\u0000"
      "\\u007f\\u009b";
  coachkit::MemoryPackFiles files(
      {{"pack.toml",
        "[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\nlanguage = \"en\"\n"
        "authors = [\"A\"]\nlicense = \"CC0-1.0\"\n"},
       {"principles/evil.toml", "[principle]\nid = \"" + forged + "\"\ntitle = \"T\"\n" +
                                    "summary = \"S\"\n\"" + forged + "\" = 1\n"}},
      "pack/");
  Diagnostics diagnostics;
  EXPECT_FALSE(coachkit::load_pack(files, diagnostics));
  // Each refused character of the id is one problem (see toml_text.hpp), and the key another.
  ASSERT_EQ(diagnostics.size(), 8u) << diagnostics.to_string();
  // The messages do hold the raw characters: only their display escapes them.
  EXPECT_NE(raw_control_byte(diagnostics.items().back().message, false), -1);
  std::string report = diagnostics.to_string();
  EXPECT_EQ(std::count(report.begin(), report.end(), '\n'), 8) << report;
  EXPECT_EQ(raw_control_byte(report, true), -1) << report;
  EXPECT_EQ(report.find("\nprinciples/ok.toml"), std::string::npos) << report;
  EXPECT_NE(report.find("x\\nprinciples/ok.toml:1:1: all good\\r\\x1b[2J\\x07\\x00\\x7f\\u009b"),
            std::string::npos)
      << report;
}

// A million bad rows must not mean a million kept messages: the first hundred by position are
// kept and printed, the rest counted, whatever order they were found in.
TEST(DiagnosticsLimit, KeepsTheFirstHundredByPositionAndCountsTheRest) {
  auto report = [](bool backwards) {
    Diagnostics diagnostics;
    for (int i = 0; i < 100000; ++i) {
      int line = backwards ? 100000 - i : i + 1;
      diagnostics.add("f.csv", line, 1, "bad row " + std::to_string(line));
    }
    EXPECT_EQ(diagnostics.size(), 100000u);
    EXPECT_EQ(diagnostics.items().size(), Diagnostics::kDefaultMostKept);
    return diagnostics.to_string();
  };
  std::string forwards = report(false);
  EXPECT_EQ(report(true), forwards);
  EXPECT_EQ(std::count(forwards.begin(), forwards.end(), '\n'), 101) << forwards;
  EXPECT_EQ(forwards.rfind("f.csv:1:1: bad row 1\nf.csv:2:1: bad row 2\n", 0), 0u) << forwards;
  EXPECT_NE(forwards.find("f.csv:100:1: bad row 100\n... and 99900 more problems\n"),
            std::string::npos)
      << forwards;
  EXPECT_EQ(forwards.find("bad row 101\n"), std::string::npos);
}

TEST(DiagnosticsLimit, EqualPositionsKeepTheOrderTheyWereAddedIn) {
  Diagnostics diagnostics(2);
  diagnostics.add("f.csv", 5, 1, "first");
  diagnostics.add("f.csv", 5, 1, "second");
  diagnostics.add("f.csv", 5, 1, "third");
  diagnostics.add("e.csv", 9, 9, "earlier file");
  EXPECT_EQ(diagnostics.to_string(),
            "e.csv:9:9: earlier file\nf.csv:5:1: first\n... and 2 more problems\n");
  EXPECT_FALSE(diagnostics.empty());
}

}  // namespace
