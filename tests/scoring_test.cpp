// QA scoring, rule by rule. Every expected figure is computed by hand in the comment above it,
// or is the figure a vendor publishes in its help pages for the same example (named there).
// Rubrics and evaluations go through the same TOML readers as `coachkit score`.
#include "qa/evaluation_score.hpp"
#include "qa/score_output.hpp"
#include "qa_support.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace {

using coachkit::AppliedRule;
using coachkit::EvaluationScore;
using coachkit::Rubric;
using coachkit::testing::evaluation_from;
using coachkit::testing::evaluation_head;
using coachkit::testing::rubric_from;

EvaluationScore score(const Rubric& rubric, const std::string& answers) {
  return coachkit::score_evaluation(
      rubric, evaluation_from(rubric, evaluation_head() + "[answers]\n" + answers));
}

bool has_rule(const EvaluationScore& s, AppliedRule::Kind kind, const std::string& criterion) {
  for (const AppliedRule& r : s.rules) {
    if (r.kind == kind && r.criterion == criterion) return true;
  }
  return false;
}

// MaestroQA, "How do Total Point Rubrics work?": sections worth 5, 10, 15 and 5 points; the agent
// earns 3, 5, 8 and 5: 21 / 35 = 60%. With Privacy and Security marked N/A, the maximum is 30
// and the score 16 / 30, "roughly 53%" (53.33 -> 53.3).
const char* kMaestroTotal = R"([rubric]
id = "form"
title = "Rubric A"
method = "total-points"
na = "excluded"
[[rubric.section]]
title = "Grammar and Tone"
[[rubric.section.criterion]]
id = "grammar"
text = "Grammar and tone"
points = 5
[[rubric.section]]
title = "Product Knowledge"
[[rubric.section.criterion]]
id = "product"
text = "Product knowledge"
points = 10
[[rubric.section]]
title = "Problem Solving"
[[rubric.section.criterion]]
id = "solving"
text = "Problem solving"
points = 15
[[rubric.section]]
title = "Privacy and Security"
[[rubric.section.criterion]]
id = "privacy"
text = "Privacy and security"
points = 5
)";

TEST(Scoring, MaestroQaTotalPointsExample) {
  Rubric rubric = rubric_from(kMaestroTotal);
  EvaluationScore s = score(rubric, "grammar = 3\nproduct = 5\nsolving = 8\nprivacy = 5\n");
  ASSERT_TRUE(s.gated);
  EXPECT_EQ(coachkit::format_score(*s.gated), "60.0");
  EXPECT_EQ(coachkit::format_score(*s.raw), "60.0");
}

TEST(Scoring, MaestroQaTotalPointsWithNotApplicableLeavesTheCriterionOut) {
  Rubric rubric = rubric_from(kMaestroTotal);
  EvaluationScore s = score(rubric, "grammar = 3\nproduct = 5\nsolving = 8\nprivacy = \"na\"\n");
  EXPECT_EQ(coachkit::format_score(*s.gated), "53.3");
  EXPECT_TRUE(has_rule(s, AppliedRule::Kind::NotApplicableExcluded, "privacy"));
  // The N/A section has no score at all rather than 0.
  EXPECT_FALSE(s.sections[3].raw);
}

// MaestroQA, "How do Custom Weighted Sections Rubrics work?": sections of 3, 10, 5 and 2 points
// weighted 10%, 30%, 50% and 10%; earned 3, 5, 4 and 1:
// (3/3)·10 + (5/10)·30 + (4/5)·50 + (1/2)·10 = 10 + 15 + 40 + 5 = 70%. The same answers as total
// points: 13 / 20 = 65%.
std::string maestro_weighted(const std::string& method) {
  return R"([rubric]
id = "form"
title = "Test rubric"
method = ")" +
         method + R"("
[[rubric.section]]
title = "Grammar and Tone"
weight = 10
[[rubric.section.criterion]]
id = "grammar"
text = "Grammar and tone"
points = 3
[[rubric.section]]
title = "Product Knowledge"
weight = 30
[[rubric.section.criterion]]
id = "product"
text = "Product knowledge"
points = 10
[[rubric.section]]
title = "Problem Solving"
weight = 50
[[rubric.section.criterion]]
id = "solving"
text = "Problem solving"
points = 5
[[rubric.section]]
title = "Privacy and Security"
weight = 10
[[rubric.section.criterion]]
id = "privacy"
text = "Privacy and security"
points = 2
)";
}

TEST(Scoring, MaestroQaWeightedSectionsExample) {
  const char* answers = "grammar = 3\nproduct = 5\nsolving = 4\nprivacy = 1\n";
  EvaluationScore weighted = score(rubric_from(maestro_weighted("weighted-sections")), answers);
  EXPECT_EQ(coachkit::format_score(*weighted.gated), "70.0");
  ASSERT_EQ(weighted.sections.size(), 4u);
  EXPECT_EQ(coachkit::format_score(*weighted.sections[1].gated), "50.0");  // 5 / 10
  EXPECT_EQ(coachkit::format_score(*weighted.sections[2].gated), "80.0");  // 4 / 5
  EvaluationScore total = score(rubric_from(maestro_weighted("total-points")), answers);
  EXPECT_EQ(coachkit::format_score(*total.gated), "65.0");
}

// Genesys Cloud, "Evaluation form weights": group 1 has two 1-point questions and weight 40,
// group 2 one 1-point question and weight 20; answers yes, no; yes.
// ((1·40) + (1·20)) / ((2·40) + (1·20)) = 60 / 100 = 60%. As weighted sections instead, the
// groups' percentages are 50 and 100: (40·50 + 20·100) / 60 = 66.67 -> 66.7.
std::string genesys(const std::string& method) {
  return R"([rubric]
id = "form"
title = "Genesys example"
method = ")" +
         method + R"("
[[rubric.section]]
title = "Group 1"
weight = 40
[[rubric.section.criterion]]
id = "q11"
text = "Question 1.1"
[[rubric.section.criterion]]
id = "q12"
text = "Question 1.2"
[[rubric.section]]
title = "Group 2"
weight = 20
[[rubric.section.criterion]]
id = "q21"
text = "Question 2.1"
critical = true
)";
}

TEST(Scoring, GenesysWeightedPointsExample) {
  const char* answers = "q11 = \"yes\"\nq12 = \"no\"\nq21 = \"yes\"\n";
  EvaluationScore points = score(rubric_from(genesys("weighted-points")), answers);
  EXPECT_EQ(coachkit::format_score(*points.gated), "60.0");
  EvaluationScore sections = score(rubric_from(genesys("weighted-sections")), answers);
  EXPECT_EQ(coachkit::format_score(*sections.gated), "66.7");
}

// Zendesk QA, "Reviews dashboard calculations": category score = (selected - min) / (max - min);
// on a 4-point scale 1, 2, 3, 4 are 0%, 33.3%, 66.6%, 100%; on a 5-point scale 3 is 50%; the
// review score is the weighted mean of the category scores, and a critical category rated
// below 50% sets it to zero.
// Here: tone 3 on 1-4 (66.67%, weight 1), solution 3 on 1-5 (50%, weight 2), gdpr 2 on the
// binary 1-2 scale (100%, weight 1): (66.67 + 2·50 + 100) / 4 = 66.67 -> 66.7.
const char* kZendesk = R"([rubric]
id = "form"
title = "Scorecard"
method = "total-points"
[[rubric.scale]]
id = "four"
range = [1, 4]
[[rubric.scale]]
id = "five"
range = [1, 5]
[[rubric.scale]]
id = "binary"
range = [1, 2]
[[rubric.section]]
title = "Categories"
[[rubric.section.criterion]]
id = "tone"
text = "Tone of voice"
scale = "four"
[[rubric.section.criterion]]
id = "solution"
text = "Solution offered"
scale = "five"
weight = 2
[[rubric.section.criterion]]
id = "gdpr"
text = "GDPR"
scale = "binary"
critical = true
)";

TEST(Scoring, ZendeskQaCategoryScaleExample) {
  Rubric rubric = rubric_from(kZendesk);
  for (auto [level, expected] : std::vector<std::pair<int, std::string>>{
           {1, "0.0"}, {2, "33.3"}, {3, "66.7"}, {4, "100.0"}}) {
    EXPECT_EQ(coachkit::format_score(
                  100 * coachkit::answer_fraction(rubric, rubric.sections[0].criteria[0], level)),
              expected);
  }
  EvaluationScore s = score(rubric, "tone = 3\nsolution = 3\ngdpr = 2\n");
  EXPECT_EQ(coachkit::format_score(*s.gated), "66.7");
  EXPECT_FALSE(s.form_failed);
}

TEST(Scoring, ZendeskQaCriticalCategoryBelowHalfZeroesTheReview) {
  // gdpr 1 on 1-2 is 0% < 50%: the review scores 0. Raw: (66.67 + 100 + 0) / 4 = 41.67 -> 41.7.
  EvaluationScore s = score(rubric_from(kZendesk), "tone = 3\nsolution = 3\ngdpr = 1\n");
  EXPECT_EQ(coachkit::format_score(*s.gated), "0.0");
  EXPECT_EQ(coachkit::format_score(*s.raw), "41.7");
  EXPECT_TRUE(s.form_failed);
  EXPECT_TRUE(has_rule(s, AppliedRule::Kind::CriticalForm, "gdpr"));
}

// Three yes/no criteria worth a point each, N/A handled three ways.
std::string na_rubric(const std::string& policy) {
  return R"([rubric]
id = "form"
title = "N/A"
method = "total-points"
[[rubric.section]]
title = "All"
[[rubric.section.criterion]]
id = "a"
text = "A"
[[rubric.section.criterion]]
id = "b"
text = "B"
na = ")" +
         policy + R"("
[[rubric.section.criterion]]
id = "c"
text = "C"
)";
}

TEST(Scoring, NotApplicableExcludedLeavesTheDenominator) {
  // a yes, b N/A, c no: 1 / 2 = 50.0.
  EvaluationScore s =
      score(rubric_from(na_rubric("excluded")), "a = \"yes\"\nb = \"na\"\nc = \"no\"\n");
  EXPECT_EQ(coachkit::format_score(*s.gated), "50.0");
}

TEST(Scoring, NotApplicableAsPassCountsAsMet) {
  // a yes, b N/A counted as met, c no: 2 / 3 = 66.67 -> 66.7.
  EvaluationScore s =
      score(rubric_from(na_rubric("pass")), "a = \"yes\"\nb = \"na\"\nc = \"no\"\n");
  EXPECT_EQ(coachkit::format_score(*s.gated), "66.7");
  EXPECT_TRUE(has_rule(s, AppliedRule::Kind::NotApplicableAsPass, "b"));
}

TEST(Scoring, EverythingNotApplicableHasNoScore) {
  Rubric rubric = rubric_from(R"([rubric]
id = "form"
title = "N/A"
na = "excluded"
[[rubric.section]]
title = "All"
weight = 1
[[rubric.section.criterion]]
id = "a"
text = "A"
)");
  EvaluationScore s = score(rubric, "a = \"na\"\n");
  EXPECT_FALSE(s.raw);
  EXPECT_FALSE(s.gated);
}

TEST(Scoring, CriticalSectionZeroesOnlyItsSection) {
  // Two sections weighted 50/50. Identity: id-check no (critical, section), greeting yes ->
  // raw 50, gated 0. Close: yes -> 100. Raw (50 + 100) / 2 = 75.0; gated (0 + 100) / 2 = 50.0.
  Rubric rubric = rubric_from(R"([rubric]
id = "form"
title = "Sections"
[[rubric.section]]
title = "Identity"
weight = 50
[[rubric.section.criterion]]
id = "id-check"
text = "Verifies identity"
critical = "section"
[[rubric.section.criterion]]
id = "greeting"
text = "Greets"
[[rubric.section]]
title = "Close"
weight = 50
[[rubric.section.criterion]]
id = "close"
text = "Closes"
)");
  EvaluationScore s = score(rubric, "id-check = \"no\"\ngreeting = \"yes\"\nclose = \"yes\"\n");
  EXPECT_EQ(coachkit::format_score(*s.raw), "75.0");
  EXPECT_EQ(coachkit::format_score(*s.gated), "50.0");
  EXPECT_FALSE(s.form_failed);
  EXPECT_TRUE(s.sections[0].zeroed);
  EXPECT_EQ(coachkit::format_score(*s.sections[0].raw), "50.0");
  EXPECT_TRUE(has_rule(s, AppliedRule::Kind::CriticalSection, "id-check"));
  // Compliance over the critical criteria alone: 0 of 1 point.
  EXPECT_EQ(coachkit::format_score(*s.compliance), "0.0");
}

TEST(Scoring, CriticalFormFailureGatesTheScoreAndTheBand) {
  // disclose no (critical, whole form), a yes, b yes: raw 2 / 3 = 66.7; gated 0.0, so the band
  // is that of 0, "Below".
  Rubric rubric = rubric_from(R"([rubric]
id = "form"
title = "Auto-fail"
method = "total-points"
[[rubric.band]]
label = "Below"
from = 0
to = 60
[[rubric.band]]
label = "Meets"
from = 60
to = 100
[[rubric.section]]
title = "All"
[[rubric.section.criterion]]
id = "disclose"
text = "Discloses the recording"
critical = true
[[rubric.section.criterion]]
id = "a"
text = "A"
[[rubric.section.criterion]]
id = "b"
text = "B"
)");
  EvaluationScore s = score(rubric, "disclose = \"no\"\na = \"yes\"\nb = \"yes\"\n");
  EXPECT_EQ(coachkit::format_score(*s.raw), "66.7");
  EXPECT_EQ(coachkit::format_score(*s.gated), "0.0");
  ASSERT_TRUE(s.band);
  EXPECT_EQ(s.band->label, "Below");
  EvaluationScore passed = score(rubric, "disclose = \"yes\"\na = \"yes\"\nb = \"no\"\n");
  ASSERT_TRUE(passed.band);  // 2 / 3 = 66.7
  EXPECT_EQ(passed.band->label, "Meets");
}

TEST(Scoring, ComplianceIsOverCriticalPointsAlone) {
  // Critical x (1 point) no, critical y (3 points) yes, plain z no: compliance 3 / 4 = 75.0,
  // whatever z says.
  Rubric rubric = rubric_from(R"([rubric]
id = "form"
title = "Compliance"
method = "total-points"
[[rubric.section]]
title = "All"
[[rubric.section.criterion]]
id = "x"
text = "X"
critical = "section"
[[rubric.section.criterion]]
id = "y"
text = "Y"
weight = 3
critical = "section"
[[rubric.section.criterion]]
id = "z"
text = "Z"
)");
  EvaluationScore s = score(rubric, "x = \"no\"\ny = \"yes\"\nz = \"no\"\n");
  EXPECT_EQ(coachkit::format_score(*s.compliance), "75.0");
}

const char* kBonus = R"([rubric]
id = "form"
title = "Bonus"
method = "total-points"
[[rubric.section]]
title = "All"
[[rubric.section.criterion]]
id = "a"
text = "A"
[[rubric.section.criterion]]
id = "b"
text = "B"
[[rubric.section.criterion]]
id = "c"
text = "C"
[[rubric.section.criterion]]
id = "extra"
text = "Extra mile"
bonus = true
)";

TEST(Scoring, BonusAddsPointsWithoutAddingToTheMaximum) {
  // a yes, b no, c no: 1 / 3 = 33.3; with the bonus yes: (1 + 1) / 3 = 66.7.
  Rubric rubric = rubric_from(kBonus);
  EXPECT_EQ(coachkit::format_score(*score(rubric, "a = \"yes\"\nb = \"no\"\nc = \"no\"\n").gated),
            "33.3");
  EvaluationScore s = score(rubric, "a = \"yes\"\nb = \"no\"\nc = \"no\"\nextra = \"yes\"\n");
  EXPECT_EQ(coachkit::format_score(*s.gated), "66.7");
  EXPECT_TRUE(has_rule(s, AppliedRule::Kind::Bonus, "extra"));
}

TEST(Scoring, BonusNeverLiftsAScoreAbove100) {
  // All yes and the bonus: 4 / 3 is kept at 100.0.
  EvaluationScore s =
      score(rubric_from(kBonus), "a = \"yes\"\nb = \"yes\"\nc = \"yes\"\nextra = \"yes\"\n");
  EXPECT_EQ(coachkit::format_score(*s.gated), "100.0");
  EXPECT_TRUE(has_rule(s, AppliedRule::Kind::CappedAt100, ""));
}

TEST(Scoring, LevelMappingRangeOrMaximum) {
  // Level 3 of 1-5: range (3 - 1) / (5 - 1) = 50.0; maximum 3 / 5 = 60.0.
  std::string rubric = R"([rubric]
id = "form"
title = "Levels"
scale = [1, 5]
[[rubric.section]]
title = "All"
weight = 1
[[rubric.section.criterion]]
id = "a"
text = "A"
)";
  EXPECT_EQ(coachkit::format_score(*score(rubric_from(rubric), "a = 3\n").gated), "50.0");
  std::string maximum = rubric;
  maximum.insert(maximum.find("scale ="), "level_mapping = \"maximum\"\n");
  EXPECT_EQ(coachkit::format_score(*score(rubric_from(maximum), "a = 3\n").gated), "60.0");
}

TEST(Scoring, BandsCompareTheScoreAsPrinted) {
  // 79.96 prints as 80.0, so it is in the band from 80, not the one below it.
  Rubric rubric;
  rubric.bands = {{"Below", 0, 80, "", {}}, {"Meets", 80, 100, "", {}}};
  ASSERT_TRUE(coachkit::band_of(rubric, 79.96));
  EXPECT_EQ(coachkit::band_of(rubric, 79.96)->label, "Meets");
  EXPECT_EQ(coachkit::band_of(rubric, 79.94)->label, "Below");
  EXPECT_EQ(coachkit::band_of(rubric, 100)->label, "Meets");  // the top band includes 100
}

TEST(Scoring, AnEvaluationIsScoredUnderTheVersionItNames) {
  // Version 1: total points; version 2 the same criteria weighted by section 90/10.
  // Answers a yes, b no. v1: 1 / 2 = 50.0. v2: 90·100 + 10·0 over 100 = 90.0.
  coachkit::Diagnostics diagnostics;
  coachkit::LoadContext context(diagnostics);
  for (const char* text : {R"([rubric]
id = "form"
title = "Form"
version = 2
[[rubric.section]]
title = "One"
weight = 90
[[rubric.section.criterion]]
id = "a"
text = "A"
[[rubric.section]]
title = "Two"
weight = 10
[[rubric.section.criterion]]
id = "b"
text = "B"
)",
                           R"([rubric]
id = "form"
title = "Form"
version = 1
method = "total-points"
[[rubric.section]]
title = "All"
[[rubric.section.criterion]]
id = "a"
text = "A"
[[rubric.section.criterion]]
id = "b"
text = "B"
)"}) {
    auto root = coachkit::parse_toml(text, "form.toml", diagnostics);
    ASSERT_TRUE(root);
    coachkit::read_rubric_file(*root, "form.toml", context);
  }
  ASSERT_TRUE(diagnostics.empty()) << diagnostics.to_string();
  ASSERT_EQ(context.pack.rubrics.size(), 1u);
  const Rubric& rubric = context.pack.rubrics[0];
  EXPECT_EQ(rubric.version, 2);
  ASSERT_EQ(rubric.earlier_versions.size(), 1u);
  coachkit::Evaluation e = evaluation_from(
      rubric, evaluation_head() + "version = 1\n[answers]\na = \"yes\"\nb = \"no\"\n");
  const Rubric* named = coachkit::rubric_for(rubric, e, std::nullopt, diagnostics);
  ASSERT_TRUE(named);
  EXPECT_EQ(coachkit::format_score(*coachkit::score_evaluation(*named, e).gated), "50.0");
  const Rubric* what_if = coachkit::rubric_for(rubric, e, 2, diagnostics);
  ASSERT_TRUE(what_if);
  EXPECT_EQ(coachkit::format_score(*coachkit::score_evaluation(*what_if, e).gated), "90.0");
  EXPECT_FALSE(coachkit::rubric_for(rubric, e, 3, diagnostics));
  EXPECT_FALSE(diagnostics.empty());
}

TEST(ScoreOutput, TextFromFilesNeverDrivesTheTerminalAndCsvStaysFormulaSafe) {
  // ESC, an OSC window title and CR in the rubric, section and band names and in the
  // evaluation's agent, evaluator and interaction.
  Rubric rubric = rubric_from(R"([rubric]
id = "form"
title = "Form"
method = "total-points"
[[rubric.section]]
title = "Tone\u001b[2J"
[[rubric.section.criterion]]
id = "a"
text = "A"
[[rubric.band]]
label = "Meets\u001b]0;owned\u0007"
from = 0
to = 100
)");
  coachkit::ScoredEvaluation scored;
  scored.evaluation = evaluation_from(rubric, evaluation_head() + "[answers]\na = \"yes\"\n");
  scored.evaluation.agent = "sam\r\x1b[31m";
  scored.evaluation.evaluator = "dana\x1b]0;title\x07";
  scored.evaluation.interaction = "=HYPERLINK(\"x\")";
  scored.version = &rubric;
  scored.score = coachkit::score_evaluation(rubric, scored.evaluation);
  rubric.id = "form\x1b[1m";
  coachkit::Pack pack;
  for (auto write : {coachkit::write_score_text, coachkit::write_score_csv}) {
    std::ostringstream out;
    write(pack, rubric, {scored}, out);
    const std::string text = out.str();
    for (char control : {'\x1b', '\x07'}) {
      EXPECT_EQ(text.find(control), std::string::npos) << text;
    }
    EXPECT_NE(text.find("sam\\r\\x1b[31m"), std::string::npos) << text;
    EXPECT_NE(text.find("Tone\\x1b[2J"), std::string::npos) << text;
    EXPECT_NE(text.find("Meets\\x1b]0;owned\\x07"), std::string::npos) << text;
  }
  std::ostringstream csv;
  coachkit::write_score_csv(pack, rubric, {scored}, csv);
  // The interaction a spreadsheet would run is kept as text.
  EXPECT_NE(csv.str().find("\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos) << csv.str();
}

}  // namespace
