// Tests of the content-pack loader: every kind of mistake is reported at the file, line and
// column that caused it, all mistakes of a pack are reported in one run, and valid packs (a
// minimal one and the default pack) load with the values that were written.

#include "pack/pack_loader.hpp"
#include "support/diagnostics.hpp"
#include "test_support.hpp"

#include <coachkit/model.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

namespace {

using coachkit::Diagnostic;
using coachkit::Diagnostics;
using coachkit::Pack;
using coachkit::testing::TempDir;

// A valid pack.toml, used by every test that is not about pack.toml itself.
constexpr const char* kPackToml = R"([pack]
id = "test-pack"
title = "Test pack"
version = "1.0.0"
language = "en"
authors = ["Tester"]
license = "CC0-1.0"

[[source]]
id = "doug-smith"
title = "Customer service excellence"
author = "Doug Smith"
year = 2013
)";

// A valid principle that other files can refer to.
constexpr const char* kRespect = R"([principle]
id = "respect"
title = "Respect"
summary = "Every customer is owed a measure of respect."
)";

using Files = std::vector<std::pair<std::string, std::string>>;

class LoaderTest : public ::testing::Test {
 protected:
  // Writes `files` (path inside the pack, contents) into the test's pack folder, adding the
  // valid pack.toml unless `files` has its own or `with_pack_toml` is false, then loads it.
  void load(const Files& files, bool with_pack_toml = true) {
    bool has_pack_toml = false;
    for (const auto& [name, contents] : files) {
      write(name, contents);
      if (name == "pack.toml") has_pack_toml = true;
    }
    if (with_pack_toml && !has_pack_toml) write("pack.toml", kPackToml);
    pack_ = coachkit::load_pack(dir_.str(), diagnostics_);
  }

  void write(const std::string& name, const std::string& contents) {
    fs::path path = dir_.path() / name;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << contents;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
  }

  // The name diagnostics give a file of the pack.
  std::string file(const std::string& name) const { return dir_.str() + "/" + name; }

  TempDir dir_;
  Diagnostics diagnostics_;
  std::optional<Pack> pack_;
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string describe(const Diagnostics& diagnostics) {
  std::string all = diagnostics.to_string();
  return all.empty() ? "(no diagnostics)\n" : all;
}

// Whether `diagnostics` has a problem at exactly FILE:LINE:COL whose message holds every word.
::testing::AssertionResult has_error(const Diagnostics& diagnostics, const std::string& file,
                                     int line, int column, const std::vector<std::string>& words) {
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.where.file != file || d.where.line != line || d.where.column != column) continue;
    bool all = std::all_of(words.begin(), words.end(),
                           [&](const std::string& w) { return contains(d.message, w); });
    if (all) return ::testing::AssertionSuccess();
  }
  auto failure = ::testing::AssertionFailure();
  failure << "no diagnostic at " << file << ":" << line << ":" << column << " containing";
  for (const std::string& w : words) failure << " [" << w << "]";
  failure << "; the diagnostics were:\n" << describe(diagnostics);
  return failure;
}

// Whether the pack failed to load with exactly one problem, matching has_error's arguments.
::testing::AssertionResult only_error(const std::optional<Pack>& pack,
                                      const Diagnostics& diagnostics, const std::string& file,
                                      int line, int column, const std::vector<std::string>& words) {
  if (pack) return ::testing::AssertionFailure() << "the pack loaded despite the mistake";
  if (diagnostics.size() != 1) {
    return ::testing::AssertionFailure()
           << "expected exactly 1 diagnostic, got " << diagnostics.size() << ":\n"
           << describe(diagnostics);
  }
  return has_error(diagnostics, file, line, column, words);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// One test per kind of mistake

TEST_F(LoaderTest, InvalidTomlSyntaxIsReportedAtTheParseErrorPosition) {
  load({{"principles/respect.toml", R"([principle]
id = "respect"
title = "Respect"
summary "Every customer is owed a measure of respect."
)"}});
  // Line 4 lacks its '=': the parser stops at the opening quote, column 9.
  EXPECT_TRUE(only_error(pack_, diagnostics_, file("principles/respect.toml"), 4, 9,
                         {"invalid TOML", "expected '='"}));
}

TEST_F(LoaderTest, MissingRequiredKeyIsReportedAtItsTable) {
  load({{"principles/respect.toml", R"(# The respect principle, without its summary.
[principle]
id = "respect"
title = "Respect"

  [[principle.do]]
  id = "listen"
  text = "Listen to understand."
)"}});
  EXPECT_FALSE(pack_);
  EXPECT_EQ(diagnostics_.size(), 2u) << describe(diagnostics_);
  EXPECT_TRUE(has_error(diagnostics_, file("principles/respect.toml"), 2, 1,
                        {"[principle] is missing the required key 'summary'"}));
  EXPECT_TRUE(has_error(diagnostics_, file("principles/respect.toml"), 6, 3,
                        {"[[principle.do]] is missing the required key 'why'"}));
}

TEST_F(LoaderTest, WrongTypeIsReportedAtTheValue) {
  load({{"principles/respect.toml", R"([principle]
id = "respect"
title = 3
summary = "Every customer is owed a measure of respect."

[[principle.do]]
id = "listen"
text = "Listen to understand."
why = "You cannot solve a problem you have not heard."
critical = "yes"
)"}});
  EXPECT_FALSE(pack_);
  EXPECT_EQ(diagnostics_.size(), 2u) << describe(diagnostics_);
  EXPECT_TRUE(has_error(diagnostics_, file("principles/respect.toml"), 3, 9,
                        {"'title' in [principle] must be a string, not an integer"}));
  EXPECT_TRUE(has_error(diagnostics_, file("principles/respect.toml"), 10, 12,
                        {"'critical' in [[principle.do]]", "true or false", "not a string"}));
}

TEST_F(LoaderTest, OutOfRangeAndEmptyValuesAreReportedAtTheValue) {
  load({{"principles/respect.toml", kRespect}, {"activities/listening.toml", R"([activity]
id = "listening"
title = "   "
principles = ["respect"]
minutes = 601
goal = "Hear the customer out."
steps = ["Pair up.", ""]
)"}});
  EXPECT_FALSE(pack_);
  EXPECT_EQ(diagnostics_.size(), 3u) << describe(diagnostics_);
  const std::string f = file("activities/listening.toml");
  EXPECT_TRUE(has_error(diagnostics_, f, 3, 9, {"'title' in [activity] must not be empty"}));
  EXPECT_TRUE(has_error(diagnostics_, f, 5, 11,
                        {"'minutes' in [activity] is 601", "an integer from 1 to 600"}));
  EXPECT_TRUE(has_error(diagnostics_, f, 7, 22, {"an item of 'steps' in [activity] is empty"}));
}

TEST_F(LoaderTest, UnknownKeyNamesTheClosestKnownKey) {
  load({{"principles/respect.toml", R"([principle]
id = "respect"
  titel = "Respect"
summary = "Every customer is owed a measure of respect."
colour = "red"
)"}});
  EXPECT_FALSE(pack_);
  EXPECT_EQ(diagnostics_.size(), 3u) << describe(diagnostics_);
  const std::string f = file("principles/respect.toml");
  // The typo means 'title' is missing too, reported at the table.
  EXPECT_TRUE(has_error(diagnostics_, f, 1, 1, {"missing the required key 'title'"}));
  EXPECT_TRUE(has_error(diagnostics_, f, 3, 3,
                        {"unknown key 'titel' in [principle]", "did you mean 'title'",
                         "expected one of:", "summary"}));
  // Nothing is close to 'colour': no suggestion, but the list of expected keys.
  EXPECT_TRUE(has_error(diagnostics_, f, 5, 1, {"unknown key 'colour'", "expected one of:"}));
  for (const Diagnostic& d : diagnostics_.items()) {
    if (contains(d.message, "'colour'")) {
      EXPECT_FALSE(contains(d.message, "did you mean")) << d.message;
    }
  }
}

TEST_F(LoaderTest, InvalidIdIsReportedAtTheValue) {
  load({{"principles/respect.toml", R"([principle]
id = "Respect Me"
title = "Respect"
summary = "Every customer is owed a measure of respect."
)"}});
  EXPECT_TRUE(only_error(
      pack_, diagnostics_, file("principles/respect.toml"), 2, 6,
      {"'id' in [principle] is \"Respect Me\"", "lower-case letters, digits and hyphens"}));
}

TEST_F(LoaderTest, DuplicatePrincipleIdsAcrossFilesNameTheFirstDefinition) {
  load({{"principles/a.toml", R"(# The first definition.
[principle]
id = "respect"
title = "Respect"
summary = "Every customer is owed a measure of respect."
)"},
        {"principles/b.toml", R"(# Copied from a.toml and not renamed.
#
[principle]
id = "respect"
title = "Respect again"
summary = "Still owed."
)"}});
  // Both positions are the id's value, not the table header.
  EXPECT_TRUE(only_error(pack_, diagnostics_, file("principles/b.toml"), 4, 6,
                         {"duplicate principle id 'respect'",
                          "first defined at " + file("principles/a.toml") + ":3:6"}));
}

TEST_F(LoaderTest, DuplicateBehaviorIdsWithinAPrinciple) {
  load({{"principles/respect.toml", R"([principle]
id = "respect"
title = "Respect"
summary = "Every customer is owed a measure of respect."

[[principle.do]]
id = "listen"
text = "Listen to understand."
why = "You cannot solve a problem you have not heard."

[[principle.do]]
id = "listen"
text = "Listen again."
why = "Twice is better."

[[principle.dont]]
id = "listen"
text = "Listen only to reply."
why = "It shows you are waiting for your turn."

[[principle.dont]]
id = "argue"
text = "Argue with the customer."
why = "Winning the argument loses the customer."
)"},
        // The same behavior id in another principle is fine.
        {"principles/service.toml", R"([principle]
id = "service"
title = "Service"
summary = "Serve the need, not the ticket."

[[principle.do]]
id = "listen"
text = "Listen for the need behind the request."
why = "The request is not always the need."
)"}});
  EXPECT_FALSE(pack_);
  EXPECT_EQ(diagnostics_.size(), 2u) << describe(diagnostics_);
  const std::string f = file("principles/respect.toml");
  EXPECT_TRUE(has_error(diagnostics_, f, 12, 6,
                        {"duplicate do/don't id 'listen' in principle 'respect'", "line 7"}));
  EXPECT_TRUE(has_error(diagnostics_, f, 17, 6,
                        {"duplicate do/don't id 'listen' in principle 'respect'", "line 7"}));
}

TEST_F(LoaderTest, DanglingReferencesAreReportedWhereTheyAreWritten) {
  load({{"principles/respect.toml", kRespect},
        {"quotes/quotes.toml", R"([[quote]]
id = "pleasure"
text = "Serving well is its own reward."
author = "Doug Smith"
source = "doug-smyth"
principles = ["respect"]
)"},
        {"activities/listening.toml", R"([activity]
id = "listening"
title = "Listening"
principles = ["respect", "respekt"]
minutes = 10
goal = "Hear the customer out."
steps = ["Pair up.", "Take turns."]
)"},
        {"questions/honesty.toml", R"([[question]]
id = "honest"
principle = "integrity"
kind = "true-false"
prompt = "Honesty matters even when nobody checks."
answer = true
)"},
        {"posters/wall.toml", R"([poster]
id = "wall"
title = "On the wall"
items = ["principle:respect", "quote:pleasur"]
)"}});
  EXPECT_FALSE(pack_);
  EXPECT_EQ(diagnostics_.size(), 4u) << describe(diagnostics_);
  EXPECT_TRUE(has_error(diagnostics_, file("quotes/quotes.toml"), 5, 10,
                        {"unknown source 'doug-smyth'", "did you mean 'doug-smith'"}));
  EXPECT_TRUE(has_error(diagnostics_, file("activities/listening.toml"), 4, 26,
                        {"unknown principle 'respekt'", "did you mean 'respect'"}));
  EXPECT_TRUE(has_error(diagnostics_, file("questions/honesty.toml"), 3, 13,
                        {"unknown principle 'integrity'"}));
  EXPECT_TRUE(has_error(diagnostics_, file("posters/wall.toml"), 4, 31,
                        {"unknown quote 'pleasur'", "did you mean 'pleasure'"}));
  // Nothing is close to 'integrity': no suggestion.
  for (const Diagnostic& d : diagnostics_.items()) {
    if (contains(d.message, "'integrity'")) {
      EXPECT_FALSE(contains(d.message, "did you mean")) << d.message;
    }
  }
}

TEST_F(LoaderTest, QuestionKindsAreChecked) {
  load({{"principles/respect.toml", kRespect}, {"questions/respect.toml", R"([[question]]
id = "small-account"
principle = "respect"
kind = "single"
prompt = "A customer with a small account calls. What do you do?"
choices = ["Serve them as well as anyone", "Keep it short"]
answer = "Maybe"

[[question]]
id = "rude-caller"
principle = "respect"
kind = "true-false"
prompt = "A rude caller gives up the right to respect."
choices = ["True", "False"]
answer = false

[[question]]
id = "match-them"
principle = "respect"
kind = "matching"
prompt = "Match each situation to the response."
pairs = [["Rude caller", "Stay courteous"]]
)"}});
  EXPECT_FALSE(pack_);
  EXPECT_EQ(diagnostics_.size(), 3u) << describe(diagnostics_);
  const std::string f = file("questions/respect.toml");
  EXPECT_TRUE(has_error(diagnostics_, f, 7, 10, {"answer \"Maybe\" is not one of the choices"}));
  EXPECT_TRUE(
      has_error(diagnostics_, f, 14, 11, {"'choices' does not apply to a true-false question"}));
  EXPECT_TRUE(has_error(diagnostics_, f, 22, 9, {"a matching question needs at least two pairs"}));
}

TEST_F(LoaderTest, WorksheetsAreChecked) {
  load({{"principles/respect.toml", kRespect},
        {"activities/a-unknown-kind.toml", R"([activity]
id = "unknown-kind"
title = "Unknown kind"
principles = ["respect"]
minutes = 10
goal = "Practise."
steps = ["Fill it in."]

[activity.worksheet]
kind = "table"
title = "Sheet"
)"},
        {"activities/b-no-columns.toml", R"([activity]
id = "no-columns"
title = "No columns"
principles = ["respect"]
minutes = 10
goal = "Practise."
steps = ["Fill it in."]

[activity.worksheet]
kind = "grid"
rows = ["Breakdown 1", "Breakdown 2"]
)"},
        {"activities/c-reversed-scale.toml", R"([activity]
id = "reversed-scale"
title = "Reversed scale"
principles = ["respect"]
minutes = 10
goal = "Practise."
steps = ["Fill it in."]

[activity.worksheet]
kind = "grid"
rows = ["Breakdown 1"]
columns = ["Process", "People"]
scale = [10, 1]
)"},
        {"activities/d-short-scale.toml", R"([activity]
id = "short-scale"
title = "Short scale"
principles = ["respect"]
minutes = 10
goal = "Practise."
steps = ["Fill it in."]

[activity.worksheet]
kind = "grid"
rows = ["Breakdown 1"]
columns = ["Process", "People"]
scale = [1]
)"}});
  EXPECT_FALSE(pack_);
  EXPECT_EQ(diagnostics_.size(), 4u) << describe(diagnostics_);
  EXPECT_TRUE(has_error(diagnostics_, file("activities/a-unknown-kind.toml"), 10, 8,
                        {"'kind' in [activity.worksheet] is \"table\"",
                         "expected \"grid\", \"prompts\" or \"lines\""}));
  EXPECT_TRUE(has_error(diagnostics_, file("activities/b-no-columns.toml"), 9, 1,
                        {"[activity.worksheet] is missing the required key 'columns'"}));
  EXPECT_TRUE(has_error(diagnostics_, file("activities/c-reversed-scale.toml"), 13, 9,
                        {"'scale' in [activity.worksheet]", "from a lower to a higher score"}));
  EXPECT_TRUE(has_error(diagnostics_, file("activities/d-short-scale.toml"), 13, 9,
                        {"'scale' in [activity.worksheet]", "two integers"}));
}

TEST_F(LoaderTest, RubricsAreChecked) {
  load({{"principles/respect.toml", kRespect},
        {"rubrics/a-empty.toml", R"(# No sections at all.
[rubric]
id = "empty"
title = "Empty"
scale = [0, 3]
)"},
        {"rubrics/b-behaviors.toml", R"([rubric]
id = "behaviors"
title = "Behaviors"

[[rubric.section]]
title = "Respect"
weight = 10
behaviors = true
)"}});
  EXPECT_FALSE(pack_);
  EXPECT_EQ(diagnostics_.size(), 2u) << describe(diagnostics_);
  EXPECT_TRUE(has_error(diagnostics_, file("rubrics/a-empty.toml"), 2, 1,
                        {"[rubric] needs at least one [[rubric.section]]"}));
  EXPECT_TRUE(has_error(diagnostics_, file("rubrics/b-behaviors.toml"), 5, 1,
                        {"'behaviors = true' needs the 'principle'"}));
}

TEST_F(LoaderTest, MissingPackTomlIsReportedForTheWholeFile) {
  load({{"principles/respect.toml", kRespect}}, /*with_pack_toml=*/false);
  EXPECT_TRUE(only_error(pack_, diagnostics_, file("pack.toml"), 0, 0, {"no pack.toml"}));
  EXPECT_FALSE(coachkit::is_pack_directory(dir_.str()));
  // A problem about a whole file is printed without a position.
  EXPECT_EQ(diagnostics_.to_string().rfind(file("pack.toml") + ": no pack.toml", 0), 0u)
      << diagnostics_.to_string();
}

TEST_F(LoaderTest, MissingPackTable) {
  load({{"pack.toml", R"(# Sources only: the [pack] table was forgotten.
[[source]]
id = "doug-smith"
title = "Customer service excellence"
author = "Doug Smith"
)"}});
  EXPECT_TRUE(coachkit::is_pack_directory(dir_.str()));
  EXPECT_TRUE(
      only_error(pack_, diagnostics_, file("pack.toml"), 1, 1, {"pack.toml has no [pack] table"}));
}

TEST_F(LoaderTest, UnexpectedTopLevelTableInAPrincipleFile) {
  load({{"principles/respect.toml", R"([principle]
id = "respect"
title = "Respect"
summary = "Every customer is owed a measure of respect."

[extras]
note = "Not part of the schema."
)"}});
  // Reported at the table's name inside the brackets.
  EXPECT_TRUE(only_error(
      pack_, diagnostics_, file("principles/respect.toml"), 6, 2,
      {"unexpected top-level key 'extras' in a principle file", "(expected one of: principle)"}));
}

TEST_F(LoaderTest, MisspelledPrincipleTableIsReportedWithASuggestion) {
  load({{"principles/respect.toml", R"([principel]
id = "respect"
title = "Respect"
summary = "Every customer is owed a measure of respect."
)"}});
  EXPECT_FALSE(pack_);
  EXPECT_EQ(diagnostics_.size(), 2u) << describe(diagnostics_);
  const std::string f = file("principles/respect.toml");
  EXPECT_TRUE(has_error(diagnostics_, f, 1, 2,
                        {"unexpected top-level key 'principel'", "did you mean 'principle'"}));
  EXPECT_TRUE(has_error(diagnostics_, f, 1, 1, {"a principle file holds one [principle] table"}));
}

// "principle:" and "quote:" name nothing: an error, not an item with an empty id.
TEST_F(LoaderTest, PosterItemWithAnEmptyIdIsAnError) {
  load({{"principles/respect.toml", kRespect}, {"posters/wall.toml", R"([poster]
id = "wall"
title = "On the wall"
items = ["principle:respect", "principle:"]
)"}});
  EXPECT_TRUE(
      only_error(pack_, diagnostics_, file("posters/wall.toml"), 4, 31, {"\"principle:\""}));
}

TEST_F(LoaderTest, OtherFilesAndFoldersAreIgnored) {
  load({{"principles/respect.toml", kRespect},
        {"principles/notes.txt", "this = is not [valid TOML"},
        {"principles/respect.toml.bak", "[principle]\nid = \"Not An Id\"\n"},
        {"drafts/draft.toml", "[principle\n"}});
  EXPECT_TRUE(pack_) << describe(diagnostics_);
  EXPECT_TRUE(diagnostics_.empty()) << describe(diagnostics_);
  ASSERT_TRUE(pack_);
  ASSERT_EQ(pack_->principles.size(), 1u);
  EXPECT_EQ(pack_->principles[0].id, "respect");
}

// ---------------------------------------------------------------------------------------------
// All problems of a pack in one run

TEST(LoaderAllErrors, EveryProblemOfAPackIsReportedSortedByPosition) {
  // Nine mistakes in five files; see the comments in each file of the fixture.
  const std::string dir = std::string(COACHKIT_TEST_DATA_DIR) + "/packs/many-errors";
  Diagnostics diagnostics;
  std::optional<Pack> pack = coachkit::load_pack(dir, diagnostics);
  EXPECT_FALSE(pack);

  struct Expected {
    std::string file;
    int line;
    int column;
    std::string words;
  };
  // Sorted by file name, then numerically by line and column (5 before 11 before 13).
  const std::vector<Expected> expected = {
      {"activities/listening.toml", 2, 6, "'id' in [activity] is \"Listening Drill\""},
      {"activities/listening.toml", 4, 26, "unknown principle 'respekt'; did you mean 'respect'?"},
      {"activities/listening.toml", 5, 11, "'minutes' in [activity] is 0"},
      {"pack.toml", 8, 1, "unknown key 'licence' in [pack]; did you mean 'license'?"},
      {"principles/a-respect.toml", 5, 1,
       "unknown key 'tagz' in [principle]; did you mean 'tags'?"},
      {"principles/a-respect.toml", 11, 10, "'weight' in [[principle.do]] must be a number"},
      {"principles/a-respect.toml", 13, 1, "[[principle.do]] is missing the required key 'why'"},
      {"principles/b-integrity.toml", 3, 19, "invalid TOML"},
      {"questions/core.toml", 4, 8, "'kind' in [[question]] is \"yes-no\""},
  };
  EXPECT_EQ(diagnostics.size(), expected.size());
  std::vector<std::string> lines = lines_of(diagnostics.to_string());
  ASSERT_EQ(lines.size(), expected.size()) << diagnostics.to_string();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Expected& e = expected[i];
    std::string prefix =
        dir + "/" + e.file + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": ";
    EXPECT_EQ(lines[i].rfind(prefix, 0), 0u)
        << "line " << i + 1 << " should start with " << prefix << "\n"
        << diagnostics.to_string();
    EXPECT_TRUE(contains(lines[i], e.words))
        << "line " << i + 1 << " should contain " << e.words << "\n"
        << diagnostics.to_string();
  }
  // The loader finds them in reading order (pack.toml first); only the report is sorted.
  ASSERT_FALSE(diagnostics.items().empty());
  EXPECT_EQ(diagnostics.items().front().where.file, dir + "/pack.toml");
}

// ---------------------------------------------------------------------------------------------
// Characters no output format can carry

TEST(LoaderCharacters, EveryRefusedCharacterIsReportedWhereItIsWritten) {
  // Each character is written once, raw or as an escape; see the fixture's README.
  const std::string dir = std::string(COACHKIT_TEST_DATA_DIR) + "/packs/hostile-characters";
  Diagnostics diagnostics;
  std::optional<Pack> pack = coachkit::load_pack(dir, diagnostics);
  EXPECT_FALSE(pack);
  const std::string alpha = dir + "/principles/alpha.toml";
  const std::string quiz = dir + "/questions/quiz.toml";
  struct Expected {
    std::string file;
    int line;
    int column;
    std::string words;
  };
  const std::vector<Expected> expected = {
      {alpha, 3, 14, "'principle.title' holds U+FFFE, a Unicode non-character"},
      {alpha, 4, 20, "'principle.summary' holds U+FFFF, a Unicode non-character"},
      {alpha, 6, 9, "U+001B, a control character"},
      {alpha, 7, 16, "U+000B, a control character"},
      {alpha, 7, 36, "U+000C, a control character"},
      {alpha, 7, 52, "U+0008, a control character"},
      {alpha, 8, 7, "U+0000, a control character"},
      {alpha, 8, 21, "U+007F, a control character"},
      {alpha, 8, 34, "U+000D, a carriage return"},
      {alpha, 8, 50, "U+0085, a C1 control character"},
      {alpha, 9, 15, "U+009B, a C1 control character"},
      {alpha, 9, 23, "U+FDD0, a Unicode non-character"},
      {alpha, 9, 29, "U+1FFFF, a Unicode non-character"},
      {alpha, 13, 17, "'principle.do[1].text' holds U+FFFF"},
      {quiz, 6, 25, "'question[1].choices[2]' holds U+FFFE"},
      {quiz, 9, 2, "the key 'bad\x1bkey' holds U+001B"},
  };
  for (const Expected& e : expected) {
    EXPECT_TRUE(has_error(diagnostics, e.file, e.line, e.column, {e.words}));
  }
  // Nothing else: tab, new line, a literal string's backslash and CR LF line ends are fine.
  EXPECT_EQ(diagnostics.size(), expected.size()) << describe(diagnostics);
}

// ---------------------------------------------------------------------------------------------
// Valid packs

TEST_F(LoaderTest, ValidMinimalPackLoadsWithTheWrittenValues) {
  load({{"pack.toml", R"([pack]
id = "minimal"
title = "Minimal pack"
version = "2.1.0"
language = "en-GB"
authors = ["Ann", "Bo"]
license = "CC-BY-4.0"
description = "Just enough of everything."

[[source]]
id = "doug-smith"
title = "Customer service excellence"
author = "Doug Smith"
year = 2013

[[group]]
id = "service"
title = "Service principles"
description = "What service rests on."
)"},
        {"principles/respect.toml", R"([principle]
id = "respect"
title = "Respect"
summary = "Every customer is owed a measure of respect."
body = """
First paragraph.

Second paragraph."""
source = "doug-smith"
group = "service"
tags = ["respect", "courtesy"]

[[principle.do]]
id = "listen"
text = "Listen to understand."
why = "You cannot solve a problem you have not heard."
weight = 2.5
critical = true
source = "doug-smith"

[[principle.dont]]
id = "argue"
text = "Argue with the customer."
why = "Winning the argument loses the customer."
)"},
        {"activities/breakdowns.toml", R"([activity]
id = "breakdowns"
title = "Where breakdowns come from"
principles = ["respect"]
minutes = 30
goal = "Find the cause."
group_size = "3 to 6"
materials = ["Worksheet"]
steps = ["List.", "Score.", "Add up."]
debrief = ["Which column won?"]

[activity.worksheet]
kind = "grid"
title = "Scores"
instructions = "Score 0 to 5."
rows = ["Breakdown 1", "Breakdown 2"]
columns = ["Process", "Rules", "People"]
scale = [0, 5]
totals = true
)"},
        {"activities/reflection.toml", R"([activity]
id = "reflection"
title = "Reflection"
principles = ["respect"]
minutes = 5
goal = "Think."
steps = ["Write."]

[activity.worksheet]
kind = "lines"
lines = 8
)"},
        {"quotes/quotes.toml", R"([[quote]]
id = "pleasure"
text = "Serving well is its own reward."
author = "Doug Smith"
source = "doug-smith"
principles = ["respect"]
)"},
        {"questions/all-kinds.toml", R"([[question]]
id = "q-single"
principle = "respect"
kind = "single"
prompt = "Pick one."
choices = ["A", "B", "C"]
answer = "B"
feedback = "B is right."

[[question]]
id = "q-multiple"
principle = "respect"
kind = "multiple"
prompt = "Pick some."
choices = ["A", "B", "C"]
answer = ["A", "C"]

[[question]]
id = "q-true-false"
principle = "respect"
kind = "true-false"
prompt = "True?"
answer = false

[[question]]
id = "q-matching"
principle = "respect"
kind = "matching"
prompt = "Match."
pairs = [["Rude", "Courteous"], ["Small", "Important"]]

[[question]]
id = "q-ordering"
principle = "respect"
kind = "ordering"
prompt = "Order."
order = ["Listen", "Understand", "Help"]

[[question]]
id = "q-short"
principle = "respect"
kind = "short"
prompt = "Name it."
answer = ["respect", "courtesy"]
)"},
        {"rubrics/call.toml", R"([rubric]
id = "call"
title = "Call"
scale = [0, 3]

[[rubric.section]]
principle = "respect"
weight = 25
behaviors = true

[[rubric.section]]
title = "Greeting"
weight = 5

[[rubric.section.criterion]]
id = "greets"
text = "Greets the caller by name."
weight = 2
critical = true
)"},
        {"posters/wall.toml", R"([poster]
id = "wall"
title = "On the wall"
items = ["principle:respect", "quote:pleasure"]
size = "a4"
)"}});
  ASSERT_TRUE(pack_) << describe(diagnostics_);
  EXPECT_TRUE(diagnostics_.empty()) << describe(diagnostics_);
  const Pack& p = *pack_;
  EXPECT_EQ(p.id, "minimal");
  EXPECT_EQ(p.version, "2.1.0");
  EXPECT_EQ(p.language, "en-GB");
  EXPECT_EQ(p.authors, (std::vector<std::string>{"Ann", "Bo"}));
  EXPECT_EQ(p.description, "Just enough of everything.");
  EXPECT_EQ(p.directory, dir_.str());
  ASSERT_EQ(p.sources.size(), 1u);
  EXPECT_EQ(p.sources[0].year, 2013);

  ASSERT_EQ(p.principles.size(), 1u);
  const coachkit::Principle& respect = p.principles[0];
  EXPECT_EQ(respect.body, "First paragraph.\n\nSecond paragraph.");
  EXPECT_EQ(respect.group, "service");
  EXPECT_EQ(respect.tags, (std::vector<std::string>{"respect", "courtesy"}));
  EXPECT_EQ(respect.where.file, file("principles/respect.toml"));
  EXPECT_EQ(respect.where.line, 1);
  ASSERT_EQ(respect.dos.size(), 1u);
  EXPECT_EQ(respect.dos[0].id, "listen");
  EXPECT_DOUBLE_EQ(respect.dos[0].weight, 2.5);
  EXPECT_TRUE(respect.dos[0].critical);
  EXPECT_EQ(respect.dos[0].source, "doug-smith");
  EXPECT_EQ(respect.dos[0].where.line, 13);
  ASSERT_EQ(respect.donts.size(), 1u);
  EXPECT_EQ(respect.donts[0].why, "Winning the argument loses the customer.");
  EXPECT_DOUBLE_EQ(respect.donts[0].weight, 1.0);  // the default
  EXPECT_FALSE(respect.donts[0].critical);

  ASSERT_EQ(p.activities.size(), 2u);  // in file-name order
  const coachkit::Activity& grid = p.activities[0];
  EXPECT_EQ(grid.id, "breakdowns");
  EXPECT_EQ(grid.minutes, 30);
  EXPECT_EQ(grid.steps.size(), 3u);
  ASSERT_TRUE(grid.worksheet);
  EXPECT_EQ(grid.worksheet->kind, coachkit::Worksheet::Kind::Grid);
  EXPECT_EQ(grid.worksheet->title, "Scores");
  EXPECT_EQ(grid.worksheet->rows, (std::vector<std::string>{"Breakdown 1", "Breakdown 2"}));
  EXPECT_EQ(grid.worksheet->columns, (std::vector<std::string>{"Process", "Rules", "People"}));
  EXPECT_EQ(grid.worksheet->scale_min, 0);
  EXPECT_EQ(grid.worksheet->scale_max, 5);
  EXPECT_TRUE(grid.worksheet->totals);
  const coachkit::Activity& lines = p.activities[1];
  ASSERT_TRUE(lines.worksheet);
  EXPECT_EQ(lines.worksheet->kind, coachkit::Worksheet::Kind::Lines);
  EXPECT_EQ(lines.worksheet->lines, 8);
  EXPECT_FALSE(lines.worksheet->totals);

  ASSERT_EQ(p.quotes.size(), 1u);
  EXPECT_EQ(p.quotes[0].principles, (std::vector<std::string>{"respect"}));

  using Kind = coachkit::Question::Kind;
  ASSERT_EQ(p.questions.size(), 6u);
  EXPECT_EQ(p.questions[0].kind, Kind::Single);
  EXPECT_EQ(p.questions[0].answers, (std::vector<std::string>{"B"}));
  EXPECT_EQ(p.questions[0].feedback, "B is right.");
  EXPECT_EQ(p.questions[1].kind, Kind::Multiple);
  EXPECT_EQ(p.questions[1].answers, (std::vector<std::string>{"A", "C"}));
  EXPECT_EQ(p.questions[2].kind, Kind::TrueFalse);
  EXPECT_FALSE(p.questions[2].true_false_answer);
  EXPECT_EQ(p.questions[3].kind, Kind::Matching);
  ASSERT_EQ(p.questions[3].pairs.size(), 2u);
  EXPECT_EQ(p.questions[3].pairs[1].first, "Small");
  EXPECT_EQ(p.questions[3].pairs[1].second, "Important");
  EXPECT_EQ(p.questions[4].kind, Kind::Ordering);
  EXPECT_EQ(p.questions[4].order, (std::vector<std::string>{"Listen", "Understand", "Help"}));
  EXPECT_EQ(p.questions[5].kind, Kind::Short);
  EXPECT_EQ(p.questions[5].answers, (std::vector<std::string>{"respect", "courtesy"}));

  ASSERT_EQ(p.rubrics.size(), 1u);
  const coachkit::Rubric& rubric = p.rubrics[0];
  EXPECT_EQ(rubric.scale.min, 0);
  EXPECT_EQ(rubric.scale.max, 3);
  ASSERT_EQ(rubric.sections.size(), 2u);
  EXPECT_TRUE(rubric.sections[0].behaviors);
  EXPECT_EQ(rubric.sections[0].principle, "respect");
  EXPECT_DOUBLE_EQ(rubric.sections[0].weight, 25);
  ASSERT_EQ(rubric.sections[1].criteria.size(), 1u);
  EXPECT_DOUBLE_EQ(rubric.sections[1].criteria[0].weight, 2);
  EXPECT_TRUE(rubric.sections[1].criteria[0].critical);

  ASSERT_EQ(p.posters.size(), 1u);
  ASSERT_EQ(p.posters[0].items.size(), 2u);
  EXPECT_EQ(p.posters[0].items[0].kind, coachkit::PosterItem::Kind::Principle);
  EXPECT_EQ(p.posters[0].items[0].id, "respect");
  EXPECT_EQ(p.posters[0].items[1].kind, coachkit::PosterItem::Kind::Quote);
  EXPECT_EQ(p.posters[0].items[1].id, "pleasure");
  EXPECT_EQ(p.posters[0].size, "a4");

  // Look-ups by id work on the loaded pack.
  EXPECT_NE(p.find_principle("respect"), nullptr);
  EXPECT_NE(p.find_quote("pleasure"), nullptr);
  EXPECT_NE(p.find_source("doug-smith"), nullptr);
  EXPECT_EQ(p.find_principle("integrity"), nullptr);
}

TEST(LoaderDefaultPack, ServicePrinciplesLoadsClean) {
  const std::string dir = std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles";
  Diagnostics diagnostics;
  std::optional<Pack> pack = coachkit::load_pack(dir, diagnostics);
  ASSERT_TRUE(pack) << diagnostics.to_string();
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
  EXPECT_EQ(pack->id, "service-principles");
  EXPECT_FALSE(pack->principles.empty());
  EXPECT_FALSE(pack->activities.empty());
  EXPECT_FALSE(pack->quotes.empty());

  const coachkit::Activity* breakdowns = nullptr;
  for (const coachkit::Activity& a : pack->activities) {
    if (a.id == "breakdown-sources") breakdowns = &a;
  }
  ASSERT_NE(breakdowns, nullptr);
  ASSERT_TRUE(breakdowns->worksheet);
  const coachkit::Worksheet& sheet = *breakdowns->worksheet;
  EXPECT_EQ(sheet.kind, coachkit::Worksheet::Kind::Grid);
  EXPECT_EQ(sheet.rows.size(), 3u);
  EXPECT_EQ(sheet.columns.size(), 5u);
  EXPECT_EQ(sheet.scale_min, 1);
  EXPECT_EQ(sheet.scale_max, 10);
  EXPECT_TRUE(sheet.totals);

  std::size_t behaviors = 0;
  for (const coachkit::Principle& p : pack->principles) {
    for (const auto* list : {&p.dos, &p.donts}) {
      for (const coachkit::Behavior& b : *list) {
        ++behaviors;
        EXPECT_NE(b.why.find_first_not_of(" \t\r\n"), std::string::npos)
            << "principle '" << p.id << "', behavior '" << b.id << "' has no why";
      }
    }
  }
  EXPECT_GT(behaviors, 0u);
}

// A principle file for the ordering tests: id, group (or none) and order (or none).
std::string principle_file(const std::string& id, const std::string& group, int order) {
  std::string text = "[principle]\nid = \"" + id + "\"\ntitle = \"T\"\nsummary = \"S\"\n";
  if (!group.empty()) text += "group = \"" + group + "\"\n";
  if (order > 0) text += "order = " + std::to_string(order) + "\n";
  return text;
}

TEST_F(LoaderTest, PrinciplesFollowTheirGroupsThenTheirOrder) {
  load({{"pack.toml", std::string(kPackToml) + R"(
[[group]]
id = "service"
title = "Service principles"

[[group]]
id = "life"
title = "Life principles"
)"},
        {"principles/a-life.toml", principle_file("a-life", "life", 0)},
        {"principles/b-second.toml", principle_file("b-second", "service", 2)},
        {"principles/c-first.toml", principle_file("c-first", "service", 1)},
        {"principles/d-unordered.toml", principle_file("d-unordered", "service", 0)},
        {"principles/e-ungrouped.toml", principle_file("e-ungrouped", "", 0)}});
  ASSERT_TRUE(pack_) << diagnostics_.to_string();
  std::vector<std::string> ids;
  for (const coachkit::Principle& p : pack_->principles) ids.push_back(p.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"c-first", "b-second", "d-unordered", "a-life",
                                           "e-ungrouped"}));
  ASSERT_EQ(pack_->groups.size(), 2u);
  EXPECT_EQ(pack_->find_group("life")->title, "Life principles");
}

TEST_F(LoaderTest, AGroupThatIsNotDeclaredIsAnError) {
  load({{"principles/respect.toml", principle_file("respect", "servce", 0)}});
  EXPECT_TRUE(only_error(pack_, diagnostics_, file("principles/respect.toml"), 5, 9,
                         {"unknown group 'servce'", "the pack defines no groups"}));
}

TEST_F(LoaderTest, ALinkToAFileOutsideThePackIsRefused) {
  TempDir elsewhere;
  fs::path secret = elsewhere.write("secret.toml", "[principle]\nid = \"secret\"\n");
  write("principles/respect.toml", kRespect);
  fs::create_symlink(secret, dir_.path() / "principles" / "zz-link.toml");
  load({});
  // Reported at the file's start, where an editor can jump to.
  EXPECT_TRUE(only_error(pack_, diagnostics_, file("principles/zz-link.toml"), 1, 1,
                         {"link to a file outside the pack"}));
}

// Links that stay inside the pack are read, absolute or relative.
TEST_F(LoaderTest, ALinkInsideThePackIsRead) {
  write("shared/respect.toml", kRespect);
  write("shared/listen.toml", principle_file("listen", "", 0));
  fs::create_directories(dir_.path() / "principles");
  fs::create_symlink(dir_.path() / "shared" / "respect.toml",
                     dir_.path() / "principles" / "respect.toml");
  fs::create_symlink("../shared/listen.toml", dir_.path() / "principles" / "listen.toml");
  load({});
  ASSERT_TRUE(pack_) << diagnostics_.to_string();
  EXPECT_EQ(pack_->principles.size(), 2u);
}

// A folder of the pack that is a link out of it: every file read through it is refused.
TEST_F(LoaderTest, AFolderThatLeadsOutOfThePackIsRefused) {
  TempDir elsewhere;
  elsewhere.write("principles/secret.toml", kRespect);
  fs::create_symlink(elsewhere.path() / "principles", dir_.path() / "principles");
  load({});
  EXPECT_TRUE(only_error(pack_, diagnostics_, file("principles/secret.toml"), 1, 1,
                         {"link to a file outside the pack"}));
}

TEST_F(LoaderTest, ALinkThatClimbsOutOfThePackIsRefused) {
  TempDir elsewhere;
  elsewhere.write("principles/secret.toml", kRespect);
  fs::create_directories(dir_.path() / "principles");
  fs::create_symlink(
      fs::relative(elsewhere.path() / "principles" / "secret.toml", dir_.path() / "principles"),
      dir_.path() / "principles" / "climbs.toml");
  load({});
  EXPECT_TRUE(only_error(pack_, diagnostics_, file("principles/climbs.toml"), 1, 1,
                         {"link to a file outside the pack"}));
}

// An activity whose worksheet table is `worksheet` (the lines after [activity.worksheet]).
std::string activity_with_worksheet(const std::string& worksheet) {
  return "[activity]\nid = \"drill\"\ntitle = \"Drill\"\nprinciples = [\"respect\"]\n"
         "minutes = 10\ngoal = \"Practise.\"\nsteps = [\"Do it.\"]\n\n[activity.worksheet]\n" +
         worksheet;
}

TEST_F(LoaderTest, AnEmptyListOfDosIsZeroDos) {
  load({{"principles/respect.toml", std::string(kRespect) + "do = []\ndont = []\n"}});
  ASSERT_TRUE(pack_) << diagnostics_.to_string();
  EXPECT_TRUE(pack_->principles[0].dos.empty());
}

TEST_F(LoaderTest, AScaleBeyondAnIntIsOutOfRangeNotWrappedAround) {
  load({{"principles/respect.toml", kRespect},
        {"activities/drill.toml", activity_with_worksheet("kind = \"grid\"\nrows = [\"A\"]\n"
                                                          "columns = [\"B\"]\n"
                                                          "scale = [0, 4294967306]\n")}});
  EXPECT_TRUE(only_error(pack_, diagnostics_, file("activities/drill.toml"), 13, 9,
                         {"'scale'", "lower to a higher score", "-1000 to 1000"}));
}

TEST_F(LoaderTest, AGridKeyInALinesWorksheetDoesNotApply) {
  load({{"principles/respect.toml", kRespect},
        {"activities/drill.toml",
         activity_with_worksheet("kind = \"lines\"\nlines = 5\nrows = [\"A\"]\n")}});
  EXPECT_TRUE(only_error(pack_, diagnostics_, file("activities/drill.toml"), 12, 8,
                         {"'rows' does not apply to a lines worksheet"}));
}

TEST_F(LoaderTest, AnUnknownWorksheetKindIsTheOnlyComplaint) {
  load({{"principles/respect.toml", kRespect},
        {"activities/drill.toml",
         activity_with_worksheet("kind = \"prompt\"\nprompts = [\"What went well?\"]\n")}});
  EXPECT_TRUE(only_error(pack_, diagnostics_, file("activities/drill.toml"), 10, 8,
                         {"'kind' in [activity.worksheet] is \"prompt\"", "\"prompts\""}));
}

TEST_F(LoaderTest, ExpectedKeysAreListedOnce) {
  load({{"principles/respect.toml", std::string(kRespect) + "colour = \"red\"\n"}});
  ASSERT_EQ(diagnostics_.size(), 1u) << diagnostics_.to_string();
  const std::string& message = diagnostics_.items()[0].message;
  for (const char* key : {"id", "source", "group", "order"}) {
    std::string listed = std::string(" ") + key + ",";
    std::size_t first = message.find(listed);
    EXPECT_NE(first, std::string::npos) << key << " in " << message;
    EXPECT_EQ(message.find(listed, first + 1), std::string::npos) << key << " twice in " << message;
  }
}

TEST_F(LoaderTest, ASyntaxErrorIsNotBuriedUnderTheReferencesItHides) {
  // pack.toml cannot be read, so its sources are unknown: the principles citing them are
  // not reported one by one, only the syntax error is.
  load({{"pack.toml", std::string(kPackToml) + "broken = \n"},
        {"principles/respect.toml", std::string(kRespect) + "source = \"doug-smith\"\n"},
        {"principles/service.toml",
         "[principle]\nid = \"service\"\ntitle = \"S\"\nsummary = "
         "\"S\"\nsource = \"doug-smith\"\n"}});
  ASSERT_EQ(diagnostics_.size(), 1u) << diagnostics_.to_string();
  EXPECT_EQ(diagnostics_.items()[0].where.file, file("pack.toml"));
  EXPECT_NE(diagnostics_.items()[0].message.find("invalid TOML"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// A broken pack.toml is the one problem reported

// A copy of the default pack, whose pack.toml is then replaced by `pack_toml`.
class BrokenPackTomlTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BrokenPackTomlTest, IsTheOnlyProblemOfTheDefaultPack) {
  TempDir dir;
  fs::copy(std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles", dir.path(),
           fs::copy_options::recursive);
  std::ofstream(dir.path() / "pack.toml", std::ios::binary) << GetParam();
  Diagnostics diagnostics;
  EXPECT_FALSE(coachkit::load_pack(dir.str(), diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u) << diagnostics.to_string();
  EXPECT_EQ(diagnostics.items()[0].where.file, dir.str() + "/pack.toml");
  EXPECT_EQ(diagnostics.items()[0].where.line, 1) << diagnostics.to_string();
}

INSTANTIATE_TEST_SUITE_P(LoaderPackToml, BrokenPackTomlTest,
                         ::testing::Values("", "# only a comment\n\n", "[pack\n",
                                           "[[source]]\nid = \"s\"\n", "pack = 3\n"));

TEST_F(LoaderTest, AnEmptyPackTomlSaysSo) {
  load({{"pack.toml", ""}, {"principles/respect.toml", kRespect}});
  EXPECT_TRUE(
      only_error(pack_, diagnostics_, file("pack.toml"), 1, 1, {"pack.toml is empty", "[pack]"}));
}

// ---------------------------------------------------------------------------------------------
// Lengths: memory stays proportional to a pack an author would write

TEST_F(LoaderTest, ATitleOverTwoHundredCharactersIsAnErrorAtTheValue) {
  load({{"principles/respect.toml", "[principle]\nid = \"respect\"\ntitle = \"" +
                                        std::string(5000, 'T') +
                                        "\"\nsummary = \"Every customer is owed respect.\"\n"}});
  EXPECT_TRUE(only_error(pack_, diagnostics_, file("principles/respect.toml"), 3, 9,
                         {"'title' in [principle] is at most 200 characters long (this one has "
                          "5000)"}));
  // The message says how long, it does not quote the value.
  EXPECT_LT(diagnostics_.items()[0].message.size(), 200u);
}

TEST_F(LoaderTest, LengthsAreCountedInCharactersNotBytes) {
  std::string title;
  for (int i = 0; i < 200; ++i) title += "\u00e9";  // 200 characters, 400 bytes
  load({{"principles/respect.toml",
         "[principle]\nid = \"respect\"\ntitle = \"" + title + "\"\nsummary = \"S\"\n"}});
  EXPECT_TRUE(pack_) << describe(diagnostics_);
}

TEST_F(LoaderTest, LongListItemsAndIdsAreErrorsAtTheirValues) {
  load(
      {{"principles/respect.toml", kRespect},
       {"activities/drill.toml", "[activity]\nid = \"" + std::string(100, 'd') +
                                     "\"\ntitle = \"Drill\"\nprinciples = [\"respect\"]\n"
                                     "minutes = 10\ngoal = \"Practise.\"\nsteps = [\"Do it.\", \"" +
                                     std::string(3000, 's') + "\"]\n"}});
  EXPECT_FALSE(pack_);
  EXPECT_EQ(diagnostics_.size(), 2u) << describe(diagnostics_);
  const std::string f = file("activities/drill.toml");
  EXPECT_TRUE(has_error(diagnostics_, f, 2, 6,
                        {"'id' in [activity] is at most 64 characters long (this one has 100)"}));
  EXPECT_TRUE(has_error(diagnostics_, f, 7, 20,
                        {"an item of 'steps' in [activity] is at most 2000 characters long"}));
}

// ---------------------------------------------------------------------------------------------
// Positions that later stages (rubric and poster generators) report problems at

TEST_F(LoaderTest, RubricSectionsCriteriaAndPosterItemsKnowWhereTheyAreWritten) {
  load({{"principles/respect.toml", kRespect},
        {"rubrics/call.toml", R"([rubric]
id = "call"
title = "Call"

[[rubric.section]]
title = "Greeting"
weight = 1

  [[rubric.section.criterion]]
  id = "hello"
  text = "Says hello."
)"},
        {"posters/wall.toml", R"([poster]
id = "wall"
title = "Wall"
items = ["principle:respect",
         "principle:respect"]
)"}});
  ASSERT_TRUE(pack_) << describe(diagnostics_);
  const coachkit::RubricSection& section = pack_->rubrics.at(0).sections.at(0);
  EXPECT_EQ(section.where.file, file("rubrics/call.toml"));
  EXPECT_EQ(section.where.line, 5);
  EXPECT_EQ(section.criteria.at(0).where.line, 9);
  EXPECT_EQ(section.criteria.at(0).where.column, 3);
  const coachkit::PosterItem& second = pack_->posters.at(0).items.at(1);
  EXPECT_EQ(second.where.file, file("posters/wall.toml"));
  EXPECT_EQ(second.where.line, 5);
  EXPECT_EQ(second.where.column, 10);
}

TEST_F(LoaderTest, ADuplicateCriterionIdPointsAtTheId) {
  load({{"principles/respect.toml", kRespect}, {"rubrics/call.toml", R"([rubric]
id = "call"
title = "Call"

[[rubric.section]]
title = "Greeting"
weight = 1

  [[rubric.section.criterion]]
  id = "hello"
  text = "Says hello."

  [[rubric.section.criterion]]
  id   = "hello"
  text = "Says hello again."
)"}});
  EXPECT_TRUE(only_error(pack_, diagnostics_, file("rubrics/call.toml"), 14, 10,
                         {"duplicate criterion id 'hello'"}));
}

}  // namespace

namespace coachkit {
namespace {

// The trainer's keys of an activity (docs/handouts.md): one entry per step, prompt or question.
const char* kTrainerActivity = R"([activity]
id = "%s"
title = "Drill"
principles = ["respect"]
minutes = 10
goal = "Practise."
steps = ["One.", "Two."]
step_minutes = [%s]
debrief = ["Why?"]
debrief_answers = [%s]
facilitator_notes = "Keep it short."

[activity.worksheet]
kind = "prompts"
prompts = ["What?"]
suggested_answers = [%s]
)";

std::string trainer_activity(const std::string& id, const std::string& minutes,
                             const std::string& answers, const std::string& suggested) {
  std::string text = kTrainerActivity;
  for (const std::string* value : {&id, &minutes, &answers, &suggested}) {
    text.replace(text.find("%s"), 2, *value);
  }
  return text;
}

TEST_F(LoaderTest, TrainersKeysLoadWithOneEntryPerStepQuestionAndPrompt) {
  load({{"principles/respect.toml", kRespect},
        {"activities/drill.toml", trainer_activity("drill", "4, 6", "\"Because.\"", "\"This.\"")}});
  ASSERT_TRUE(pack_) << diagnostics_.to_string();
  const Activity& a = pack_->activities[0];
  EXPECT_EQ(a.step_minutes, (std::vector<int>{4, 6}));
  EXPECT_EQ(a.debrief_answers, (std::vector<std::string>{"Because."}));
  EXPECT_EQ(a.facilitator_notes, "Keep it short.");
  ASSERT_TRUE(a.worksheet);
  EXPECT_EQ(a.worksheet->suggested_answers, (std::vector<std::string>{"This."}));
}

TEST_F(LoaderTest, TrainersKeysOfTheWrongLengthAreErrorsAtTheirValues) {
  load({{"principles/respect.toml", kRespect},
        {"activities/a.toml", trainer_activity("a", "4", "\"A\", \"B\"", "")},
        {"activities/b.toml", trainer_activity("b", "6, 6", "\"A\"", "\"A\"")}});
  EXPECT_FALSE(pack_);
  EXPECT_EQ(diagnostics_.size(), 4u) << describe(diagnostics_);
  EXPECT_TRUE(has_error(diagnostics_, file("activities/a.toml"), 8, 16,
                        {"'step_minutes' in [activity] has 1 entries", "each of the 2 steps"}));
  EXPECT_TRUE(has_error(diagnostics_, file("activities/a.toml"), 10, 19,
                        {"'debrief_answers' in [activity] has 2 entries", "1 debrief questions"}));
  EXPECT_TRUE(has_error(diagnostics_, file("activities/a.toml"), 16, 21,
                        {"'suggested_answers' in [activity.worksheet] has 0 entries"}));
  EXPECT_TRUE(has_error(diagnostics_, file("activities/b.toml"), 8, 16,
                        {"add up to 12 minutes, more than its 'minutes' (10)"}));
}

TEST_F(LoaderTest, SuggestedAnswersDoNotApplyToAGrid) {
  load({{"principles/respect.toml", kRespect},
        {"activities/drill.toml",
         activity_with_worksheet("kind = \"grid\"\nrows = [\"A\"]\ncolumns = [\"B\"]\n"
                                 "suggested_answers = [\"C\"]\n")}});
  EXPECT_TRUE(only_error(pack_, diagnostics_, file("activities/drill.toml"), 13, 21,
                         {"'suggested_answers' does not apply to a grid worksheet"}));
}

// Files are parsed on several threads and checked in name order: with many files, each with
// its own mistake (syntax, unknown keys, duplicate ids that name the first definition,
// references, refused characters), the problems and their order are those of one thread.
TEST(LoaderThreads, ManyBrokenFilesGiveTheSameProblemsInTheSameOrderOnAnyNumberOfThreads) {
  TempDir dir;
  auto write = [&](const std::string& name, const std::string& contents) {
    fs::path path = dir.path() / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << contents;
  };
  write("pack.toml", kPackToml);
  for (int i = 1; i <= 700; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "principles/p%04d.toml", i);
    std::string id = "p" + std::to_string(i % 5 == 0 ? i - 1 : i);  // some ids twice
    std::string text = "[principle]\nid = \"" + id + "\"\ntitle = \"Principle " +
                       std::to_string(i) + "\"\nsummary = \"A summary.\"\n";
    if (i % 7 == 0) text += "body = \"not closed\n";
    if (i % 11 == 0) text += "sumary = \"a typo\"\n";
    if (i % 13 == 0) text += "source = \"doug-smyth\"\n";
    if (i % 17 == 0) text += "tags = [\"bell \\u0007\"]\n";
    if (i % 19 == 0) text = "";
    write(name, text);
    if (i % 10 == 0) {
      std::snprintf(name, sizeof name, "questions/q%04d.toml", i);
      write(name, "[[question]]\nid = \"q" + std::to_string(i) + "\"\nprinciple = \"p" +
                      std::to_string(i + 3) +
                      "x\"\nkind = \"true-false\"\nprompt = \"Is it?\"\n"
                      "answer = true\n");
    }
  }
  auto problems = [&](std::size_t threads) {
    Diagnostics diagnostics(Diagnostics::kKeepAll);
    EXPECT_FALSE(coachkit::load_pack(coachkit::FolderPackFiles(dir.str()), diagnostics, threads));
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics.items()) out.push_back(coachkit::problem_text(d));
    return out;
  };
  std::vector<std::string> one = problems(1);
  ASSERT_GT(one.size(), 400u);
  // In file order: every problem of p0007.toml comes before any of p0008.toml.
  std::vector<std::string> files;
  for (const std::string& line : one) {
    std::string name = line.substr(0, line.find(':'));
    if (files.empty() || files.back() != name) files.push_back(name);
  }
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
  EXPECT_EQ(std::adjacent_find(files.begin(), files.end()), files.end());
  for (std::size_t threads : {2, 3, 8}) {
    for (int run = 0; run < 3; ++run) {
      EXPECT_EQ(problems(threads), one) << threads << " threads, run " << run;
    }
  }
}

}  // namespace
}  // namespace coachkit
