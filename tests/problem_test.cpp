// The one writer of problems: text (one line each, hostile text escaped) and JSON (every field,
// hostile text kept as data); and the exit status the program derives from their origins.

#include "support/problem.hpp"
#include "support/diagnostics.hpp"

#include <coachkit/generator.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

using coachkit::Origin;
using coachkit::Problem;
using coachkit::Severity;

TEST(ProblemText, APositionAWholeFileAndTheProgramEachHaveTheirForm) {
  EXPECT_EQ(coachkit::problem_text(Problem("pack.toml", 3, 7, "unknown key 'titel'")),
            "pack.toml:3:7: unknown key 'titel'");
  EXPECT_EQ(coachkit::problem_text(Problem("pack.toml", 0, 0, "cannot read")),
            "pack.toml: cannot read");
  EXPECT_EQ(coachkit::problem_text(coachkit::usage_error("unknown format 'pfd'")),
            "coachkit: unknown format 'pfd'");
  EXPECT_EQ(coachkit::problem_text(coachkit::note("nothing was built: fix the problems above")),
            "nothing was built: fix the problems above");
  EXPECT_EQ(coachkit::problem_text(coachkit::note("nothing was built", "my-pack")),
            "my-pack: nothing was built");
}

TEST(ProblemText, AWarningSaysSoAfterThePosition) {
  Problem warning(coachkit::SourcePosition{"q.toml", 4, 1}, "two choices are the same",
                  Severity::Warning);
  EXPECT_EQ(coachkit::problem_text(warning), "q.toml:4:1: warning: two choices are the same");
  warning.where = {};
  EXPECT_EQ(coachkit::problem_text(warning), "coachkit: warning: two choices are the same");
}

TEST(ProblemText, APluginsFailureNamesThePluginNotTheProgram) {
  Problem failed({}, "quiz failed: out of memory", Severity::Error, Origin::Plugin);
  EXPECT_EQ(coachkit::problem_text(failed), "quiz failed: out of memory");
}

TEST(ProblemText, HostileTextCannotForgeALineOrDriveTheTerminal) {
  Problem hostile("evil\nfile.toml", 1, 2,
                  "id \"a\r\n\x1b]0;owned\x07\" \xe2\x80\xae"
                  "bad");
  std::string line = coachkit::problem_text(hostile);
  EXPECT_EQ(line, "evil\\nfile.toml:1:2: id \"a\\r\\n\\x1b]0;owned\\x07\" \\u202ebad");
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.find('\x1b'), std::string::npos);
}

TEST(ProblemsJson, EveryFieldOfEveryProblemInOrder) {
  std::vector<Problem> problems = {
      Problem("a.toml", 2, 5, "bad value"),
      Problem(coachkit::SourcePosition{"b.toml", 0, 0}, "odd", Severity::Warning, Origin::Content),
      coachkit::tool_error("pandoc was not found"),
      Problem("lib/x.so", 0, 0, "plugin refused: ABI 9.0", Severity::Error, Origin::Plugin),
      coachkit::note("nothing was built")};
  nlohmann::json json = nlohmann::json::parse(coachkit::problems_json(problems));
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 5u);
  EXPECT_EQ(json[0], nlohmann::json({{"file", "a.toml"},
                                     {"line", 2},
                                     {"column", 5},
                                     {"severity", "error"},
                                     {"origin", "content"},
                                     {"message", "bad value"}}));
  EXPECT_EQ(json[1]["severity"], "warning");
  EXPECT_EQ(json[2]["origin"], "tool");
  EXPECT_EQ(json[2]["file"], "");
  EXPECT_EQ(json[3]["origin"], "plugin");
  EXPECT_EQ(json[4]["severity"], "note");
}

TEST(ProblemsJson, HostileTextStaysDataAndTheDocumentStaysValid) {
  const std::string message = std::string("\"}],[{\"x\":1}\n\x1b[2J\\") + '\0' + "end";
  std::string text =
      coachkit::problems_json({Problem(std::string("bad\xff") + "name.toml", 1, 1, message)});
  // No raw control byte reaches the output: JSON escapes them.
  for (char c : text) {
    if (c == '\n') continue;
    EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20) << "raw control byte in " << text;
  }
  nlohmann::json json = nlohmann::json::parse(text);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0]["message"], message);
  // A byte that is not UTF-8 cannot be JSON: it becomes U+FFFD rather than failing.
  EXPECT_EQ(json[0]["file"], "bad\xef\xbf\xbdname.toml");
}

TEST(ProblemsJson, NoProblemsIsAnEmptyArray) {
  EXPECT_EQ(nlohmann::json::parse(coachkit::problems_json({})), nlohmann::json::array());
}

TEST(Diagnostics, TheOldSpellingStillAddsAProblem) {
  coachkit::Diagnostics diagnostics;
  diagnostics.add("a.toml", 1, 2, "first");
  diagnostics.error({"a.toml", 1, 1}, "earlier");
  diagnostics.warning({"b.toml", 3, 3}, "a warning");
  ASSERT_EQ(diagnostics.size(), 3u);
  const coachkit::Diagnostic& d = diagnostics.items()[0];
  EXPECT_EQ(d.where.file, "a.toml");
  EXPECT_EQ(d.severity, Severity::Error);
  EXPECT_EQ(diagnostics.to_string(),
            "a.toml:1:1: earlier\na.toml:1:2: first\nb.toml:3:3: warning: a warning\n");
  std::vector<Problem> sorted = diagnostics.sorted();
  ASSERT_EQ(sorted.size(), 3u);
  EXPECT_EQ(sorted[0].message, "earlier");
}

// A plugin's reporter takes the same Problem the host prints: the shorthands plugins call say
// whose fault it is, which decides the exit status (content 1, the plugin's own failure 2).
TEST(PluginReporter, ShorthandsMakeProblemsOfTheirSeverityAndOrigin) {
  struct Keeping : coachkit::Reporter {
    void report(const Problem& problem) override { kept.push_back(problem); }
    std::vector<Problem> kept;
  } reporter;
  reporter.error({"principles/respect.toml", 4, 9}, "no such behavior");
  reporter.warning({"principles/respect.toml", 5, 1}, "long title");
  reporter.failure("cannot draw the card");
  ASSERT_EQ(reporter.kept.size(), 3u);
  EXPECT_EQ(coachkit::problem_text(reporter.kept[0]),
            "principles/respect.toml:4:9: no such behavior");
  EXPECT_EQ(reporter.kept[0].origin, Origin::Content);
  EXPECT_EQ(coachkit::problem_text(reporter.kept[1]),
            "principles/respect.toml:5:1: warning: long title");
  EXPECT_FALSE(reporter.kept[1].is_error());
  EXPECT_EQ(reporter.kept[2].origin, Origin::Plugin);
  EXPECT_TRUE(reporter.kept[2].is_error());
  EXPECT_EQ(coachkit::problem_text(reporter.kept[2]), "cannot draw the card");
}

}  // namespace
