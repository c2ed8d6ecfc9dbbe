// Calibration: the worked example of docs/calibration.md computed by hand, and the papers'
// tables fed through `coachkit calibrate` as evaluation files.
#include "qa/calibration.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace coachkit {
namespace {

CalibrationAnswer yes_no(const std::string& answer) {
  CalibrationAnswer a;
  a.answered = true;
  a.not_applicable = answer == "na";
  a.value = answer == "yes" ? 1 : answer == "na" ? kNotApplicableCategory : 0;
  a.fraction = answer == "yes" ? 1 : 0;
  return a;
}

CalibrationAnswer level(int value, int min, int max) {
  CalibrationAnswer a;
  a.answered = true;
  a.value = value;
  a.fraction = static_cast<double>(value - min) / (max - min);
  return a;
}

// docs/calibration.md: greeting (yes/no, 1 point), listen (levels 1-5, 2 points), accurate
// (yes/no, 2 points, critical).
CalibrationInput worked_example_rubric() {
  CalibrationInput input;
  input.rubric = "call-qa";
  input.criteria = {{"greeting", "Greets", Measurement::nominal, {0, 1}, 1, false},
                    {"listen", "Listens", Measurement::ordinal, {1, 2, 3, 4, 5}, 2, false},
                    {"accurate", "Accurate", Measurement::nominal, {0, 1}, 2, true}};
  return input;
}

void add(CalibrationInput& input, const std::string& evaluator, const std::string& call,
         const std::string& greeting, int listen, const std::string& accurate, double score) {
  input.evaluations.push_back({evaluator + "/" + call + ".toml",
                               call,
                               evaluator,
                               {yes_no(greeting), level(listen, 1, 5), yes_no(accurate)},
                               score});
}

const CriterionAgreement& criterion(const Calibration& calibration, const std::string& id) {
  for (const CriterionAgreement& c : calibration.criteria) {
    if (c.id == id) return c;
  }
  throw std::runtime_error("no criterion " + id);
}

TEST(Calibration, WorkedExampleOfTheDocumentation) {
  CalibrationInput input = worked_example_rubric();
  add(input, "dana", "call-1", "yes", 4, "yes", 90);
  add(input, "lee", "call-1", "yes", 4, "yes", 90);
  add(input, "dana", "call-2", "yes", 3, "yes", 80);
  add(input, "lee", "call-2", "no", 3, "yes", 70);
  add(input, "dana", "call-3", "no", 2, "no", 0);
  add(input, "lee", "call-3", "no", 2, "no", 0);
  add(input, "dana", "call-4", "yes", 5, "yes", 100);
  add(input, "lee", "call-4", "yes", 5, "no", 0);
  Calibration result;
  std::string error;
  ASSERT_TRUE(calibrate(input, "", &result, &error)) << error;
  EXPECT_EQ(result.interactions, 4u);
  const CriterionAgreement& greeting = criterion(result, "greeting");
  // By hand (docs/calibration.md): 3/4 agree; kappa (0.75 - 0.5) / 0.5; AC1 (0.75 - 0.46875) /
  // 0.53125; alpha 1 - 7 * 2 / 30.
  EXPECT_DOUBLE_EQ(*greeting.percent_agreement.value, 0.75);
  EXPECT_EQ(greeting.kappa_name, "Cohen's kappa");
  EXPECT_DOUBLE_EQ(*greeting.kappa.value, 0.5);
  EXPECT_NEAR(*greeting.ac1.value, 0.28125 / 0.53125, 1e-12);
  EXPECT_NEAR(*greeting.alpha.value, 1.0 - 14.0 / 30.0, 1e-12);
  // listen: the two agree on every call; accurate disagrees once, greeting once: listen last.
  EXPECT_EQ(result.criteria.back().id, "listen");
  EXPECT_DOUBLE_EQ(*criterion(result, "listen").percent_agreement.value, 1.0);
  // Consensus: call 2 mean 75, call 4 mean 50; dana +5 and +50 over 4 calls = +13.75.
  ASSERT_EQ(result.deviations.size(), 2u);
  EXPECT_EQ(result.deviations[0].evaluator, "dana");
  EXPECT_DOUBLE_EQ(*result.deviations[0].mean_deviation, 13.75);
  EXPECT_DOUBLE_EQ(*result.deviations[1].mean_deviation, -13.75);
  EXPECT_DOUBLE_EQ(*result.deviations[1].mean_absolute_deviation, 13.75);
}

TEST(Calibration, AlignmentWithTheExpertAsMaestroQaDefinesIt) {
  CalibrationInput input = worked_example_rubric();
  add(input, "kim", "call-1", "yes", 5, "yes", 100);
  add(input, "dana", "call-1", "yes", 4, "no", 0);
  add(input, "lee", "call-1", "yes", 5, "yes", 100);
  Calibration result;
  std::string error;
  ASSERT_TRUE(calibrate(input, "kim", &result, &error)) << error;
  ASSERT_EQ(result.alignments.size(), 2u);
  const ExpertAlignment& dana = result.alignments[0];
  EXPECT_EQ(dana.evaluator, "dana");
  // By hand: (1 * 1 + 2 * 0.75 + 2 * 0) / (1 + 2 + 2) = 50 %.
  EXPECT_DOUBLE_EQ(*dana.alignment, 50.0);
  EXPECT_EQ(dana.critical_disagreements, 1u);
  EXPECT_EQ(dana.other_disagreements, 1u);
  EXPECT_DOUBLE_EQ(*dana.mean_deviation, -100.0);
  EXPECT_DOUBLE_EQ(*result.alignments[1].alignment, 100.0);
  EXPECT_EQ(result.alignments[1].critical_disagreements, 0u);
}

TEST(Calibration, NotApplicableAgainstAnAnswerIsADisagreement) {
  CalibrationInput input = worked_example_rubric();
  add(input, "kim", "call-1", "na", 5, "yes", 100);
  add(input, "dana", "call-1", "no", 5, "yes", 100);
  add(input, "lee", "call-1", "na", 5, "yes", 100);
  Calibration result;
  std::string error;
  ASSERT_TRUE(calibrate(input, "kim", &result, &error)) << error;
  // dana: greeting 0 of 1, the rest 4 of 4: 80 %; lee: 100 %.
  EXPECT_DOUBLE_EQ(*result.alignments[0].alignment, 80.0);
  EXPECT_DOUBLE_EQ(*result.alignments[1].alignment, 100.0);
  // On the nominal criterion N/A is a category: 1 agreeing pair of 3.
  EXPECT_NEAR(*criterion(result, "greeting").percent_agreement.value, 1.0 / 3.0, 1e-12);
}

TEST(Calibration, AnUnknownExpertIsAnError) {
  CalibrationInput input = worked_example_rubric();
  add(input, "dana", "call-1", "yes", 4, "yes", 90);
  Calibration result;
  std::string error;
  EXPECT_FALSE(calibrate(input, "kim", &result, &error));
  EXPECT_NE(error.find("kim"), std::string::npos) << error;
  EXPECT_NE(error.find("dana"), std::string::npos) << error;
}

TEST(Calibration, OneEvaluatorSaysWhyNothingIsDefined) {
  CalibrationInput input = worked_example_rubric();
  add(input, "dana", "call-1", "yes", 4, "yes", 90);
  add(input, "dana", "call-2", "no", 4, "yes", 60);
  Calibration result;
  std::string error;
  ASSERT_TRUE(calibrate(input, "", &result, &error)) << error;
  EXPECT_EQ(result.interactions, 0u);
  nlohmann::json json = nlohmann::json::parse(calibration_json(result));
  for (const auto& c : json["criteria"]) {
    EXPECT_TRUE(c["krippendorff_alpha"]["value"].is_null());
    EXPECT_NE(c["krippendorff_alpha"]["undefined"].get<std::string>().find("rater"),
              std::string::npos);
  }
  EXPECT_TRUE(json["total_scores"]["icc_2_1"]["value"].is_null());
  EXPECT_EQ(calibration_json(result).find("nan"), std::string::npos);
}

TEST(Calibration, ASecondEvaluationOfTheSameCallByTheSameEvaluatorIsWarnedAbout) {
  CalibrationInput input = worked_example_rubric();
  add(input, "dana", "call-1", "yes", 4, "yes", 90);
  add(input, "lee", "call-1", "yes", 4, "yes", 90);
  add(input, "dana", "call-1", "no", 1, "no", 0);
  Calibration result;
  std::string error;
  ASSERT_TRUE(calibrate(input, "", &result, &error)) << error;
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("dana/call-1.toml"), std::string::npos);
  EXPECT_DOUBLE_EQ(*criterion(result, "greeting").percent_agreement.value, 1.0);
}

}  // namespace
}  // namespace coachkit
