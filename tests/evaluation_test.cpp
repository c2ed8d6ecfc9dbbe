// Evaluation files as users write them: every problem at FILE:LINE:COL, all in one run; and
// `coachkit score` on the default pack's rubric, as text, JSON and CSV.
#include "pack/pack_loader.hpp"
#include "qa/evaluation_reader.hpp"
#include "qa_support.hpp"
#include "pack/readers/readers.hpp"
#include "test_support.hpp"
#include "pack/toml_text.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>

namespace {

using coachkit::Diagnostics;
using coachkit::Rubric;
using coachkit::testing::evaluation_head;
using coachkit::testing::rubric_from;

const char* kForm = R"([rubric]
id = "form"
title = "Form"
[[rubric.scale]]
id = "quality"
[[rubric.scale.level]]
value = 1
descriptor = "Not shown"
[[rubric.scale.level]]
value = 5
descriptor = "Model"
[[rubric.section]]
title = "All"
weight = 1
[[rubric.section.criterion]]
id = "greeting"
text = "Greets"
[[rubric.section.criterion]]
id = "listen"
text = "Listens"
scale = "quality"
[[rubric.section.criterion]]
id = "notes"
text = "Notes"
points = 2
[[rubric.section.criterion]]
id = "hold"
text = "Hold etiquette"
na = "excluded"
[[rubric.section.criterion]]
id = "extra"
text = "Extra"
bonus = true
)";

// The problems of checking `answers` (after the head, which takes lines 1 to 7) against kForm.
std::string problems(const std::string& answers, const std::string& head = evaluation_head()) {
  Rubric rubric = rubric_from(kForm);
  Diagnostics diagnostics;
  std::optional<coachkit::Evaluation> e =
      coachkit::parse_evaluation(head + answers, "e.toml", diagnostics);
  if (e) coachkit::check_evaluation(*e, rubric, diagnostics);
  return diagnostics.to_string();
}

TEST(EvaluationFile, AGoodFileHasNoProblems) {
  EXPECT_EQ(problems("[answers]\ngreeting = \"yes\"\nlisten = 4\nnotes = 1\nhold = \"na\"\n"
                     "[notes]\nlisten = \"Interrupted twice\"\n"),
            "");
}

TEST(EvaluationFile, UnknownCriterionIsReportedAtItsKeyWithTheClosestId) {
  // Line 8 is [answers]; line 9 the misspelled key. The misspelled criterion is not also
  // reported as missing.
  std::string out =
      problems("[answers]\ngreting = \"yes\"\nlisten = 4\nnotes = 1\nhold = \"no\"\n");
  EXPECT_NE(out.find("e.toml:9:1: unknown criterion 'greting' in rubric 'form' version 1; did "
                     "you mean 'greeting'?"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("missing answer for criterion 'greeting'"), std::string::npos) << out;
}

TEST(EvaluationFile, MissingRequiredAnswerIsReportedAtTheAnswersTable) {
  // 'notes' is missing; 'extra' is a bonus and may be left out.
  std::string out = problems("[answers]\ngreeting = \"yes\"\nlisten = 4\nhold = \"no\"\n");
  EXPECT_EQ(out,
            "e.toml:8:1: missing answer for criterion 'notes' (a number of points from 0 "
            "to 2)\n");
}

TEST(EvaluationFile, LevelOutOfRangeAndWrongKindsOfAnswer) {
  std::string out = problems(
      "[answers]\ngreeting = 1\nlisten = 6\nnotes = \"yes\"\nhold = \"na\"\nextra = 2.5\n");
  EXPECT_NE(out.find("e.toml:9:12: criterion 'greeting' is answered \"yes\" or \"no\", not a "
                     "number"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("e.toml:10:10: level 6 is out of range for criterion 'listen': a level "
                     "from 1 to 5"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("e.toml:11:9: criterion 'notes' is answered with a number of points from "
                     "0 to 2, not \"yes\""),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("e.toml:13:9: criterion 'extra' is answered \"yes\" or \"no\""),
            std::string::npos)
      << out;
}

TEST(EvaluationFile, FractionalLevelAndNotApplicableWhereNotAllowed) {
  std::string out =
      problems("[answers]\ngreeting = \"na\"\nlisten = 2.5\nnotes = 2\nhold = \"no\"\n");
  EXPECT_NE(out.find("e.toml:9:12: criterion 'greeting' does not allow \"na\""), std::string::npos)
      << out;
  EXPECT_NE(out.find("e.toml:10:10: criterion 'listen' is answered with a whole level from 1 "
                     "to 5, not 2.5"),
            std::string::npos)
      << out;
}

TEST(EvaluationFile, AnswerWordsAndTypes) {
  std::string out =
      problems("[answers]\ngreeting = \"yess\"\nlisten = [4]\nnotes = 1\nhold = \"no\"\n");
  EXPECT_NE(out.find("e.toml:9:12: the answer for 'greeting' is \"yess\"; an answer is \"yes\", "
                     "\"no\", \"na\" or a number; did you mean \"yes\"?"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("e.toml:10:10: the answer for 'listen' must be \"yes\", \"no\", \"na\" or "
                     "a number, not an array"),
            std::string::npos)
      << out;
}

TEST(EvaluationFile, HeaderProblemsAllAtOnce) {
  std::string out = problems("[answers]\ngreeting = \"yes\"\n",
                             "[evaluation]\nrubric = \"form\"\nevaluator = \"dana\"\n"
                             "agent = \"sam\"\ndate = \"20 Nov\"\nscore = 3\n\n");
  EXPECT_NE(out.find("e.toml:1:1: [evaluation] is missing the required key 'interaction'"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("e.toml:5:8: 'date' in [evaluation] must be a date such as 2026-11-20"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("e.toml:6:1: unknown key 'score' in [evaluation]"), std::string::npos) << out;
}

// A date decides where an evaluation lands on the report's time axis and in sampling periods:
// only a real calendar date, four-digit year, in 1900..2200, whether a TOML date or a string.
TEST(EvaluationFile, DatesAreRealCalendarDatesInASensibleRange) {
  auto head = [](const std::string& date) {
    return "[evaluation]\nrubric = \"form\"\ninteraction = \"t-1\"\nevaluator = \"dana\"\n"
           "agent = \"sam\"\ndate = " +
           date + "\n\n";
  };
  const std::string answers =
      "[answers]\ngreeting = \"yes\"\nlisten = 4\nnotes = 1\nhold = \"na\"\n";
  for (const std::string good :
       {"2026-11-20", "\"2026-11-20\"", "\"2024-02-29\"", "1900-01-01", "2200-12-31"}) {
    EXPECT_EQ(problems(answers, head(good)), "") << good;
  }
  const std::pair<std::string, std::string> bad[] = {
      {"\"2026-02-31\"", "\"2026-02-31\" is no day of the calendar: February 2026 has 28 days"},
      {"\"2025-02-29\"", "February 2025 has 28 days"},
      {"\"2026-13-01\"", "\"2026-13-01\" has no month 13"},
      {"\"+026-01-01\"", "\"+026-01-01\" is not YYYY-MM-DD"},
      {"\"2026- 1- 1\"", "\"2026- 1- 1\" is not YYYY-MM-DD"},
      {"\"2026-+1-+1\"", "\"2026-+1-+1\" is not YYYY-MM-DD"},
      {"\"-001-01-01\"", "\"-001-01-01\" is not YYYY-MM-DD"},
      {"\"2026-1-01\"", "\"2026-1-01\" is not YYYY-MM-DD"},
      {"\"2026-11-20T10:00\"", "is not YYYY-MM-DD"},
      {"0999-05-05",
       "\"0999-05-05\" is outside the years an evaluation may be dated in, 1900 to 2200"},
      {"9999-12-31", "\"9999-12-31\" is outside the years"},
      {"2026-11-20T10:00:00", "must be a date such as 2026-11-20, not a date-time"},
      {"20261120", "must be a date such as 2026-11-20, not an integer"}};
  for (const auto& [date, expected] : bad) {
    std::string out = problems(answers, head(date));
    EXPECT_NE(out.find("e.toml:6:8: 'date' in [evaluation] must be a date such as 2026-11-20"),
              std::string::npos)
        << date << "\n"
        << out;
    EXPECT_NE(out.find(expected), std::string::npos) << date << "\n" << out;
  }
}

TEST(EvaluationFile, ANoteForAnUnknownCriterionIsReportedAtItsKey) {
  std::string out = problems(
      "[answers]\ngreeting = \"yes\"\nlisten = 4\nnotes = 1\nhold = \"no\"\n[notes]\nlistn = "
      "\"x\"\n");
  EXPECT_EQ(out, "e.toml:14:1: a note for unknown criterion 'listn'; did you mean 'listen'?\n");
}

TEST(EvaluationFile, TwoFilesWithTheSameRubricVersionAreAnError) {
  Diagnostics diagnostics;
  coachkit::LoadContext context(diagnostics);
  for (const char* file : {"a.toml", "b.toml"}) {
    auto root = coachkit::parse_toml(
        "[rubric]\nid = \"form\"\ntitle = \"Form\"\nversion = 3\n[[rubric.section]]\n"
        "title = \"All\"\nweight = 100\n[[rubric.section.criterion]]\nid = \"a\"\ntext = \"A\"\n",
        file, diagnostics);
    ASSERT_TRUE(root);
    coachkit::read_rubric_file(*root, file, context);
  }
  EXPECT_NE(diagnostics.to_string().find("b.toml:4:11: rubric 'form' version 3 is already defined "
                                         "at a.toml:1"),
            std::string::npos)
      << diagnostics.to_string();
}

TEST(EvaluationFile, AnEvaluationOfAnotherRubricIsRefused) {
  std::string out = problems("[answers]\ngreeting = \"yes\"\n", evaluation_head("other"));
  EXPECT_NE(out.find("e.toml:1:1: the evaluation is for rubric 'other', not 'form'"),
            std::string::npos)
      << out;
}

TEST(EvaluationFile, DefaultPackRubricDrawsCriteriaFromThePrinciples) {
  Diagnostics diagnostics;
  std::optional<coachkit::Pack> pack =
      coachkit::load_pack(COACHKIT_SOURCE_DIR "/content/service-principles", diagnostics);
  ASSERT_TRUE(pack) << diagnostics.to_string();
  ASSERT_EQ(pack->rubrics.size(), 1u);
  const Rubric& rubric = pack->rubrics[0];
  EXPECT_EQ(rubric.version, 2);
  ASSERT_EQ(rubric.earlier_versions.size(), 1u);
  EXPECT_EQ(rubric.earlier_versions[0].version, 1);
  const coachkit::Criterion& argue = rubric.sections[0].criteria[2];
  EXPECT_EQ(argue.id, "argue-with-customer");
  EXPECT_EQ(argue.origin, coachkit::Criterion::Origin::Dont);
  EXPECT_TRUE(argue.critical);  // from the principle's don't
  // Version 1 draws all of respect's do's and don'ts (2 + 3).
  EXPECT_EQ(rubric.earlier_versions[0].sections[0].criteria.size(), 5u);
}

// `coachkit score` on an evaluation of the default pack's rubric. By hand (version 2, weighted
// sections 15/25/25/25/10, levels 1-4 mapped (level - 1) / 3; a criterion drawn from a do or
// don't weighs what the principle gives it: every-caller 2, assume 2, argue 3, mislead 3,
// above-board 2):
//   Respect: every-caller 3 -> 2·2/3, assume 4 -> 2, argue yes -> 3: 6.333 / 7 = 90.48 -> 90.5
//   Understanding: listen 2 (weight 2) -> 0.667, checks 3 -> 0.667, clock 4 (weight 2) -> 2:
//     3.333 / 5 = 66.7
//   Honesty: mislead yes -> 3, above-board 3 -> 1.333, identity no (critical, section) -> 0:
//     raw 4.333 / 6 = 72.2, gated 0
//   Resolution: reason 4 (weight 3) -> 3, rushed yes -> 1, notes 1 of 2 points -> 1, bonus
//     second-mile no: 5 / 6 = 83.3
//   Difficult moments: two N/A left out, take-it-personally 4 -> all: 100
//   raw = (15·90.48 + 25·66.67 + 25·72.22 + 25·83.33 + 10·100) / 100 = 79.13 -> 79.1
//   gated = (15·90.48 + 25·66.67 + 0 + 25·83.33 + 10·100) / 100 = 61.07 -> 61.1,
//     below 70: "Needs improvement"
//   compliance: argue yes (3), mislead yes (3), identity no (1): 6 / 7 = 85.7
const char* kCall = R"([evaluation]
rubric = "call-quality"
interaction = "call-0142"
evaluator = "dana"
agent = "sam"
date = 2026-11-20

[answers]
respect-every-caller = 3
assume-customer-wrong = 4
argue-with-customer = "yes"
listen-to-understand = 2
checks-understanding = 3
help-to-the-clock = 4
mislead-customer = "yes"
be-above-board = 3
verifies-identity = "no"
resolves-reason = 4
no-rushed-close = "yes"
case-notes = 1
second-mile = "no"
tolerate-occasional-rudeness = "na"
end-abuse-decisively = "na"
take-it-personally = 4

[notes]
listen-to-understand = "Interrupted twice"
)";

struct CommandRun {
  int status = -1;
  std::string out;
};

CommandRun run_coachkit(const std::string& arguments) {
  CommandRun r;
  std::string command = std::string(COACHKIT_PROGRAM) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
  int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(ScoreCommand, PrintsGatedBesideRawBandSectionsAndRules) {
  coachkit::testing::TempDir dir;
  dir.write("evals/call-0142.toml", kCall);
  std::string rubric = COACHKIT_SOURCE_DIR "/content/service-principles/rubrics/call-quality.toml";
  CommandRun r = run_coachkit("score " + rubric + " " + dir.str() + "/evals");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("score 61.1 (raw 79.1), Needs improvement, compliance 85.7"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("critical: 'verifies-identity' zeroed section 'Honesty'"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("N/A: 'end-abuse-decisively' left out of the score"), std::string::npos);

  CommandRun json = run_coachkit("score --json " + std::string(COACHKIT_SOURCE_DIR) +
                                 "/content/service-principles:call-quality " + dir.str() +
                                 "/evals/call-0142.toml");
  ASSERT_EQ(json.status, 0) << json.out;
  nlohmann::json list = nlohmann::json::parse(json.out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_DOUBLE_EQ(list[0]["score"].get<double>(), 61.1);
  EXPECT_DOUBLE_EQ(list[0]["raw"].get<double>(), 79.1);
  EXPECT_EQ(list[0]["band"], "Needs improvement");
  EXPECT_DOUBLE_EQ(list[0]["sections"][0]["score"].get<double>(), 90.5);
  EXPECT_DOUBLE_EQ(list[0]["sections"][2]["raw"].get<double>(), 72.2);

  CommandRun csv = run_coachkit("score --csv " + rubric + " " + dir.str() + "/evals");
  ASSERT_EQ(csv.status, 0) << csv.out;
  EXPECT_NE(csv.out.find(",call-0142,sam,dana,2026-11-20,2,61.1,79.1,85.7,Needs improvement,"
                         "90.5,66.7,0.0,83.3,100.0,"),
            std::string::npos)
      << csv.out;
}

TEST(ScoreCommand, AsVersionScoresUnderAnotherVersion) {
  // The same evaluation under version 1 (total points, yes/no): none of its answers fit
  // version 1's criteria but those drawn from respect (every-caller and assume are levels in
  // version 2, yes/no in version 1, so only argue-with-customer "yes" is usable: 3 of 3 points
  // = 100.0), and the others are said to be left out.
  coachkit::testing::TempDir dir;
  dir.write("call-0142.toml", kCall);
  CommandRun r =
      run_coachkit("score --as-version 1 " + std::string(COACHKIT_SOURCE_DIR) +
                   "/content/service-principles:call-quality " + dir.str() + "/call-0142.toml");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("rubric call-quality version 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("score 100.0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("version 1: 'listens-first' has no usable answer and is left out"),
            std::string::npos)
      << r.out;
  CommandRun missing =
      run_coachkit("score --as-version 7 " + std::string(COACHKIT_SOURCE_DIR) +
                   "/content/service-principles:call-quality " + dir.str() + "/call-0142.toml");
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.out.find("rubric 'call-quality' has no version 7 (it has 1, 2)"),
            std::string::npos)
      << missing.out;
}

TEST(ScoreCommand, BadEvaluationIsExitOneAtItsPosition) {
  coachkit::testing::TempDir dir;
  std::string bad = kCall;
  bad.replace(bad.find("assume-customer-wrong = 4"), 25, "assume-customer-wrong = 9");
  dir.write("bad.toml", bad);
  CommandRun r =
      run_coachkit("score " + std::string(COACHKIT_SOURCE_DIR) +
                   "/content/service-principles:call-quality " + dir.str() + "/bad.toml");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("bad.toml:10:25: level 9 is out of range for criterion "
                       "'assume-customer-wrong': a level from 1 to 4"),
            std::string::npos)
      << r.out;
}

}  // namespace
