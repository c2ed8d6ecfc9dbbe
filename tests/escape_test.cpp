// The SDK's escapers, each against hostile text and read back by a reader we did not write:
// xmllint for XML, Python's html and csv modules for HTML and CSV.
#include "support/process.hpp"
#include "test_support.hpp"

#include <coachkit/escape.hpp>

#include <gtest/gtest.h>

namespace coachkit {
namespace {

using coachkit::testing::TempDir;

const std::string kHostile =
    "<script>alert('x')</script> & &amp; ]]> \"quoted\" {=~#:} \\ back\\slash\ttab\r\nline "
    "=cmd|' /C calc'!A0 caf\xC3\xA9";

std::string run(std::vector<std::string> argv, const std::string& input = "") {
  SystemProcessRunner runner;
  CommandResult r = runner.run(Command{std::move(argv), input, 60});
  EXPECT_TRUE(r.ok()) << r.errors;
  return r.output;
}

TEST(Escape, XmlTextAndAttributesReadBackExactly) {
  TempDir dir;
  std::string with_control = kHostile + "\x01";
  // XML cannot carry U+0001 at all; xmllint ends what it prints with a newline.
  std::string expected = kHostile + "\xEF\xBF\xBD\n";
  dir.write("doc.xml", "<a v=\"" + escape::xml_attribute(with_control) + "\" w='" +
                           escape::xml_attribute(with_control) + "'>" +
                           escape::xml_text(with_control) + "</a>");
  std::string file = dir.str() + "/doc.xml";
  run({"xmllint", "--noout", file});
  EXPECT_EQ(run({"xmllint", "--xpath", "string(/a)", file}), expected);
  EXPECT_EQ(run({"xmllint", "--xpath", "string(/a/@v)", file}), expected);
  EXPECT_EQ(run({"xmllint", "--xpath", "string(/a/@w)", file}), expected);
}

TEST(Escape, HtmlIsInertAndReadsBack) {
  std::string escaped = escape::html(kHostile);
  EXPECT_EQ(escaped.find('<'), std::string::npos);
  EXPECT_EQ(escaped.find('"'), std::string::npos);
  EXPECT_EQ(escaped.find('\''), std::string::npos);
  std::string back = run({"/usr/bin/python3", "-c",
                          "import html,sys; sys.stdout.write(html.unescape(sys.stdin.read()))"},
                         escaped);
  EXPECT_EQ(back, kHostile);
}

TEST(Escape, GiftEscapesEverySpecialCharacterAndKeepsOneLine) {
  std::string escaped = escape::gift(kHostile);
  EXPECT_EQ(escaped.find('\n'), std::string::npos);
  EXPECT_EQ(escaped.find('\r'), std::string::npos);
  // Undo Moodle's escapes: every special character must have come with its backslash.
  std::string back;
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    char c = escaped[i];
    if (c == '\\') {
      ASSERT_LT(i + 1, escaped.size());
      char next = escaped[++i];
      back += next == 'n' ? '\n' : next;
      continue;
    }
    EXPECT_EQ(std::string("~=#{}:").find(c), std::string::npos)
        << "unescaped '" << c << "' at " << i << " in " << escaped;
    back += c;
  }
  std::string expected = kHostile;
  expected.replace(expected.find("\r\n"), 2, "\n");
  EXPECT_EQ(back, expected);
}

TEST(Escape, CsvFieldsReadBackAndFormulasStayText) {
  std::vector<std::string> fields = {kHostile, "plain", "-12.5", "=1+1", "@SUM(A1)", "a,b", ""};
  std::string line;
  for (const std::string& f : fields) line += (line.empty() ? "" : ",") + escape::csv(f);
  std::string back = run({"/usr/bin/python3", "-c",
                          "import csv,sys\n"
                          "for row in csv.reader(open(0, newline=''), strict=True):\n"
                          "  sys.stdout.write('\\x1f'.join(row))"},
                         line + "\r\n");
  std::string expected = kHostile + "\x1fplain\x1f-12.5\x1f'=1+1\x1f'@SUM(A1)\x1f" + "a,b\x1f";
  EXPECT_EQ(back, expected);
}

TEST(Escape, JsonReadsBackInBothPlacesAndIsInertInAScript) {
  // U+2028, a control character and a byte that is not UTF-8 beside the hostile text.
  std::string text = kHostile + " \xE2\x80\xA8 \x01 \xFF end";
  std::string expected = kHostile + " \xE2\x80\xA8 \x01 \xEF\xBF\xBD end";
  for (escape::JsonIn in : {escape::JsonIn::Data, escape::JsonIn::Script}) {
    std::string literal = escape::json(text, in);
    std::string back = run({"/usr/bin/python3", "-c",
                            "import json,sys\n"
                            "sys.stdout.buffer.write(json.loads(sys.stdin.buffer.read())"
                            ".encode('utf-8'))"},
                           literal);
    EXPECT_EQ(back, expected) << literal;
  }
  std::string script = escape::json(text, escape::JsonIn::Script);
  EXPECT_EQ(script.find_first_of("<>&"), std::string::npos) << script;
  EXPECT_EQ(script.find("\xE2\x80\xA8"), std::string::npos) << script;
  // Plain JSON keeps the characters a script must not see, as pandoc's AST always had them.
  EXPECT_NE(escape::json(text, escape::JsonIn::Data).find("<script>"), std::string::npos);
}

}  // namespace
}  // namespace coachkit
