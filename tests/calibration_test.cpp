// Calibration: the worked example of docs/calibration.md computed by hand, and the papers'
// tables fed through `coachkit calibrate` as evaluation files.
#include "qa/calibration_output.hpp"
#include "support/process.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
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
  std::optional<Problem> problem = calibrate(input, "", &result);
  ASSERT_FALSE(problem) << problem->message;
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
  std::optional<Problem> problem = calibrate(input, "kim", &result);
  ASSERT_FALSE(problem) << problem->message;
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
  std::optional<Problem> problem = calibrate(input, "kim", &result);
  ASSERT_FALSE(problem) << problem->message;
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
  std::optional<Problem> problem = calibrate(input, "kim", &result);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->origin, Origin::Usage);
  EXPECT_NE(problem->message.find("kim"), std::string::npos) << problem->message;
  EXPECT_NE(problem->message.find("dana"), std::string::npos) << problem->message;
}

TEST(Calibration, OneEvaluatorSaysWhyNothingIsDefined) {
  CalibrationInput input = worked_example_rubric();
  add(input, "dana", "call-1", "yes", 4, "yes", 90);
  add(input, "dana", "call-2", "no", 4, "yes", 60);
  Calibration result;
  std::optional<Problem> problem = calibrate(input, "", &result);
  ASSERT_FALSE(problem) << problem->message;
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
  std::optional<Problem> problem = calibrate(input, "", &result);
  ASSERT_FALSE(problem) << problem->message;
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("dana/call-1.toml"), std::string::npos);
  EXPECT_DOUBLE_EQ(*criterion(result, "greeting").percent_agreement.value, 1.0);
}

// ---- `coachkit calibrate` on evaluation files written from the papers' tables ----

// A rubric file with one section of the given criteria (TOML lines), read alone.
std::string rubric_file(const std::string& id, const std::string& rubric_lines,
                        const std::string& criteria) {
  return "[rubric]\nid = \"" + id +
         "\"\ntitle = \"Calibration test\"\nmethod = \"total-points\"\n" + rubric_lines +
         "\n[[rubric.section]]\ntitle = \"Everything\"\n\n" + criteria;
}

std::string criterion_lines(const std::string& id, const std::string& extra) {
  return "[[rubric.section.criterion]]\nid = \"" + id + "\"\ntext = \"Criterion " + id + "\"\n" +
         extra + "\n";
}

// An evaluation file: `answers` are TOML values ("3", "\"yes\"").
std::string evaluation_file(const std::string& rubric, const std::string& interaction,
                            const std::string& evaluator,
                            const std::vector<std::pair<std::string, std::string>>& answers) {
  std::string text = "[evaluation]\nrubric = \"" + rubric + "\"\ninteraction = \"" + interaction +
                     "\"\nevaluator = \"" + evaluator +
                     "\"\nagent = \"sam\"\ndate = 2026-11-20\n\n[answers]\n";
  for (const auto& [criterion, value] : answers) text += criterion + " = " + value + "\n";
  return text;
}

// Units × raters, 0 for "not rated": one evaluation file per rating, answering `criterion`.
void write_table(const testing::TempDir& dir, const std::string& rubric,
                 const std::string& criterion, const std::vector<std::vector<int>>& table) {
  for (std::size_t unit = 0; unit < table.size(); ++unit) {
    for (std::size_t rater = 0; rater < table[unit].size(); ++rater) {
      if (table[unit][rater] == 0) continue;
      const std::string evaluator = "rater-" + std::to_string(rater + 1);
      const std::string interaction = "unit-" + std::to_string(unit + 1);
      dir.write("evaluations/" + evaluator + "/" + interaction + ".toml",
                evaluation_file(rubric, interaction, evaluator,
                                {{criterion, std::to_string(table[unit][rater])}}));
    }
  }
}

struct CommandRun {
  int exit_code = -1;
  std::string output;
  std::string errors;
};

CommandRun coachkit(const std::vector<std::string>& arguments) {
  Command command;
  command.argv = {COACHKIT_PROGRAM};
  command.argv.insert(command.argv.end(), arguments.begin(), arguments.end());
  SystemProcessRunner runner;
  CommandResult result = runner.run(command);
  EXPECT_TRUE(result.started) << result.start_error;
  return {result.exit_code, result.output, result.errors};
}

nlohmann::json calibrate_json(const testing::TempDir& dir, std::vector<std::string> extra = {}) {
  std::vector<std::string> arguments = {"calibrate", (dir.path() / "rubric.toml").string(),
                                        (dir.path() / "evaluations").string(), "--json"};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  CommandRun run = coachkit(arguments);
  EXPECT_EQ(run.exit_code, 0) << run.errors;
  nlohmann::json json = nlohmann::json::parse(run.output, nullptr, false);
  EXPECT_FALSE(json.is_discarded()) << run.output;
  return json;
}

double statistic(const nlohmann::json& json, const std::string& criterion,
                 const std::string& name) {
  for (const auto& c : json["criteria"]) {
    if (c["id"] == criterion) {
      EXPECT_TRUE(c[name]["value"].is_number()) << c[name].dump();
      return c[name]["value"].is_number() ? c[name]["value"].get<double>() : -99;
    }
  }
  ADD_FAILURE() << "no criterion " << criterion << " in " << json.dump();
  return -99;
}

double total(const nlohmann::json& json, const std::string& name) {
  const auto& value = json["total_scores"][name]["value"];
  EXPECT_TRUE(value.is_number()) << json["total_scores"].dump();
  return value.is_number() ? value.get<double>() : -99;
}

// Krippendorff (2011), section C: units as rows, observers as columns, 0 = not coded.
const std::vector<std::vector<int>> kKrippendorff2011 = {
    {1, 1, 0, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
    {4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {0, 5, 5, 5}, {0, 0, 1, 1}, {0, 0, 3, 0}};

TEST(CalibrateCommand, Krippendorff2011AsLevelsAndAsPoints) {
  testing::TempDir levels;
  levels.write("rubric.toml",
               rubric_file("reliability", "scale = [1, 5]", criterion_lines("code", "")));
  write_table(levels, "reliability", "code", kKrippendorff2011);
  nlohmann::json json = calibrate_json(levels);
  EXPECT_EQ(json["evaluations"], 41);
  EXPECT_EQ(json["interactions"], 11);  // unit 12 was coded once
  // Levels are ordinal: published alpha 0.815. irrCAC on the same table (Gwet's handbook):
  // percent agreement 0.8181818, Fleiss' kappa 0.76117, AC1 0.77544.
  EXPECT_EQ(json["criteria"][0]["measurement"], "ordinal");
  EXPECT_NEAR(statistic(json, "code", "krippendorff_alpha"), 0.815, 0.0005);
  EXPECT_NEAR(statistic(json, "code", "percent_agreement"), 0.8181818, 1e-7);
  EXPECT_EQ(json["criteria"][0]["kappa_name"], "Fleiss' kappa");
  EXPECT_NEAR(statistic(json, "code", "kappa"), 0.76117, 0.000005);
  EXPECT_NEAR(statistic(json, "code", "gwet_ac1"), 0.77544, 0.000005);
  // The total score is linear in the level ((level - 1) / 4 of 100), so the interval alpha on
  // total scores is the paper's interval alpha, 0.849.
  EXPECT_NEAR(total(json, "krippendorff_alpha_interval"), 0.849, 0.0005);

  testing::TempDir points;
  points.write("rubric.toml",
               rubric_file("reliability", "", criterion_lines("code", "points = 5")));
  write_table(points, "reliability", "code", kKrippendorff2011);
  json = calibrate_json(points);
  // Points are interval: published alpha 0.849.
  EXPECT_EQ(json["criteria"][0]["measurement"], "interval");
  EXPECT_NEAR(statistic(json, "code", "krippendorff_alpha"), 0.849, 0.0005);
}

TEST(CalibrateCommand, Krippendorff2011AtTheLevelOfMeasurementTheRubricAsksFor) {
  // Published: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797; the rubric-wide
  // default and the criterion's own key both reach the statistic.
  const std::vector<std::pair<std::string, double>> published = {
      {"nominal", 0.743}, {"ordinal", 0.815}, {"interval", 0.849}, {"ratio", 0.797}};
  for (const auto& [measurement, alpha] : published) {
    testing::TempDir own;
    own.write("rubric.toml",
              rubric_file("reliability", "scale = [1, 5]",
                          criterion_lines("code", "measurement = \"" + measurement + "\"")));
    write_table(own, "reliability", "code", kKrippendorff2011);
    nlohmann::json json = calibrate_json(own);
    EXPECT_EQ(json["criteria"][0]["measurement"], measurement);
    EXPECT_NEAR(statistic(json, "code", "krippendorff_alpha"), alpha, 0.0005) << measurement;

    testing::TempDir rubric_wide;
    rubric_wide.write("rubric.toml",
                      rubric_file("reliability", "measurement = \"" + measurement + "\"",
                                  criterion_lines("code", "points = 5")));
    write_table(rubric_wide, "reliability", "code", kKrippendorff2011);
    json = calibrate_json(rubric_wide);
    EXPECT_EQ(json["criteria"][0]["measurement"], measurement);
    EXPECT_NEAR(statistic(json, "code", "krippendorff_alpha"), alpha, 0.0005) << measurement;
  }
}

TEST(CalibrateCommand, AMeasurementTheScaleCannotHaveIsAnErrorAtItsPlace) {
  testing::TempDir dir;
  // Line 12 of the rubric is the criterion's 'measurement'.
  dir.write("rubric.toml", rubric_file("levels", "scale = [1, 5]",
                                       criterion_lines("code", "measurement = \"ratoi\"")));
  write_table(dir, "levels", "code", {{1, 2}});
  CommandRun run = coachkit(
      {"calibrate", (dir.path() / "rubric.toml").string(), (dir.path() / "evaluations").string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.errors.find("rubric.toml:12:15: 'measurement'"), std::string::npos) << run.errors;
  EXPECT_NE(run.errors.find("did you mean \"ratio\"?"), std::string::npos) << run.errors;

  // Two answers have no order or distance: a yes/no criterion is nominal.
  dir.write("rubric.toml", rubric_file("levels", "measurement = \"ratio\"",
                                       criterion_lines("code", "measurement = \"ratio\"")));
  run = coachkit(
      {"calibrate", (dir.path() / "rubric.toml").string(), (dir.path() / "evaluations").string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.errors.find("rubric.toml:12:15:"), std::string::npos) << run.errors;
  EXPECT_NE(run.errors.find("yes/no, which is nominal"), std::string::npos) << run.errors;
}

TEST(CalibrateCommand, ShroutFleissTableAsTotalScores) {
  // Shrout & Fleiss (1979), Table 2: six targets, four judges, 1-10. Published ICC(1,1) = .17,
  // ICC(2,1) = .29, ICC(3,1) = .71; a score of v points of 10 is 10 v of 100, which leaves them.
  testing::TempDir dir;
  dir.write("rubric.toml", rubric_file("targets", "", criterion_lines("rating", "points = 10")));
  write_table(
      dir, "targets", "rating",
      {{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}});
  nlohmann::json json = calibrate_json(dir);
  EXPECT_NEAR(total(json, "icc_1_1"), 0.17, 0.005);
  EXPECT_NEAR(total(json, "icc_2_1"), 0.29, 0.005);
  EXPECT_NEAR(total(json, "icc_3_1"), 0.71, 0.005);
  // Judge 1 scores highest: mean 46 / 6 against the grand mean 127 / 24, the most lenient.
  const auto& consensus = json["consensus"];
  ASSERT_EQ(consensus.size(), 4u);
  EXPECT_EQ(consensus[0]["evaluator"], "rater-1");
  EXPECT_NEAR(consensus[0]["mean_deviation"].get<double>(), (46.0 / 6 - 127.0 / 24) * 10, 1e-9);
}

TEST(CalibrateCommand, Fleiss1971ThroughSixEvaluators) {
  // Fleiss (1971): 30 patients, 6 psychiatrists, 5 diagnoses; published kappa = .430.
  testing::TempDir dir;
  dir.write("rubric.toml",
            rubric_file("diagnoses", "scale = [1, 5]", criterion_lines("diagnosis", "")));
  write_table(dir, "diagnoses", "diagnosis",
              {{4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5},
               {2, 2, 2, 4, 4, 4}, {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4},
               {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5}, {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4},
               {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5}, {3, 3, 3, 3, 3, 5},
               {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
               {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4},
               {1, 4, 4, 4, 4, 5}, {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4},
               {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}});
  nlohmann::json json = calibrate_json(dir);
  EXPECT_EQ(json["evaluators"].size(), 6u);
  EXPECT_EQ(json["criteria"][0]["kappa_name"], "Fleiss' kappa");
  EXPECT_NEAR(statistic(json, "diagnosis", "kappa"), 0.430, 0.0005);
}

TEST(CalibrateCommand, GwetsExamplesWithTwoEvaluators) {
  // irrCAC's cont3x3abstractors (Gwet): Cohen's kappa 0.7964094, AC1 0.8493305, agreement 0.89.
  const std::vector<std::vector<int>> cells = {{13, 0, 0}, {0, 20, 7}, {0, 4, 56}};
  std::vector<std::vector<int>> units;
  for (int a = 0; a < 3; ++a) {
    for (int b = 0; b < 3; ++b) {
      for (int i = 0; i < cells[a][b]; ++i) units.push_back({a + 1, b + 1});
    }
  }
  testing::TempDir dir;
  dir.write("rubric.toml",
            rubric_file("abstractors", "scale = [1, 3]", criterion_lines("class", "")));
  write_table(dir, "abstractors", "class", units);
  nlohmann::json json = calibrate_json(dir);
  EXPECT_EQ(json["criteria"][0]["kappa_name"], "Cohen's kappa");
  EXPECT_NEAR(statistic(json, "class", "kappa"), 0.7964094, 1e-7);
  EXPECT_NEAR(statistic(json, "class", "gwet_ac1"), 0.8493305, 1e-7);
  EXPECT_NEAR(statistic(json, "class", "percent_agreement"), 0.89, 1e-12);

  // The paradox of kappa on a yes/no criterion: 18 calls yes by both, 2 split. By hand: kappa
  // (0.9 - 0.905) / 0.095 = -0.0526, AC1 (0.9 - 0.095) / 0.905 = 0.8895.
  testing::TempDir yes_no;
  yes_no.write("rubric.toml", rubric_file("greeting", "", criterion_lines("greets", "")));
  for (int call = 1; call <= 20; ++call) {
    for (const std::string evaluator : {"dana", "lee"}) {
      bool yes = !(call == 19 && evaluator == "dana") && !(call == 20 && evaluator == "lee");
      const std::string id = "call-" + std::to_string(call);
      yes_no.write(
          "evaluations/" + evaluator + "/" + id + ".toml",
          evaluation_file("greeting", id, evaluator, {{"greets", yes ? "\"yes\"" : "\"no\""}}));
    }
  }
  json = calibrate_json(yes_no);
  EXPECT_EQ(json["criteria"][0]["measurement"], "nominal");
  EXPECT_NEAR(statistic(json, "greets", "kappa"), -0.0526, 0.0001);
  EXPECT_NEAR(statistic(json, "greets", "gwet_ac1"), 0.8895, 0.0001);
}

// npm krippendorff 0.1.0's nominal alpha of units × raters (null where not rated).
double npm_krippendorff(const nlohmann::json& units) {
  const char* script = R"(
const { alpha } = require(process.argv[1] + '/krippendorff');
const units = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const raters = units[0].map((_, r) => units.map(unit => unit[r] === null ? undefined : unit[r]));
console.log(alpha(raters));
)";
  Command command({"node", "-e", script, std::string(COACHKIT_BUILD_DIR) + "/npm/node_modules"},
                  units.dump(), 300);
  SystemProcessRunner runner;
  CommandResult result = runner.run(command);
  EXPECT_TRUE(result.ok()) << result.describe(command) << "\n" << result.errors;
  return result.ok() ? std::stod(result.output) : -99;
}

TEST(CalibrateCommand, SeededRandomYesNoWithMissingEvaluationsAgreesWithNpmKrippendorff) {
  // 40 calls, 5 evaluators, each evaluation skipped with probability 1/4 (splitmix64, seed 9);
  // an evaluator says the call's true answer 4 times in 5.
  std::uint64_t state = 9;
  auto next = [&state](std::uint64_t n) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (z ^ (z >> 31)) % n;
  };
  testing::TempDir dir;
  dir.write("rubric.toml", rubric_file("random", "", criterion_lines("greets", "")));
  nlohmann::json units = nlohmann::json::array();
  for (int call = 0; call < 40; ++call) {
    const bool truth = next(2) == 1;
    nlohmann::json row = nlohmann::json::array();
    for (int e = 0; e < 5; ++e) {
      if (next(4) == 0) {
        row.push_back(nullptr);
        continue;
      }
      const bool yes = next(5) == 0 ? !truth : truth;
      row.push_back(yes ? 1 : 0);
      const std::string evaluator = "evaluator-" + std::to_string(e);
      const std::string id = "call-" + std::to_string(call);
      dir.write("evaluations/" + evaluator + "/" + id + ".toml",
                evaluation_file("random", id, evaluator, {{"greets", yes ? "\"yes\"" : "\"no\""}}));
    }
    units.push_back(row);
  }
  nlohmann::json json = calibrate_json(dir);
  EXPECT_NEAR(statistic(json, "greets", "krippendorff_alpha"), npm_krippendorff(units), 1e-9);
}

// The worked example of docs/calibration.md, as files, with Kim as the expert.
void write_worked_example(const testing::TempDir& dir) {
  dir.write(
      "rubric.toml",
      rubric_file(
          "call-qa", "\n[[rubric.scale]]\nid = \"five\"\nkind = \"levels\"\nrange = [1, 5]\n",
          criterion_lines("greeting", "scale = \"yes-no\"") +
              criterion_lines("listen", "scale = \"five\"\nweight = 2") +
              criterion_lines("accurate", "scale = \"yes-no\"\nweight = 2\ncritical = true")));
  auto evaluation = [&](const std::string& evaluator, const std::string& call,
                        const std::string& greeting, int listen, const std::string& accurate) {
    dir.write("evaluations/" + evaluator + "/" + call + ".toml",
              evaluation_file("call-qa", call, evaluator,
                              {{"greeting", "\"" + greeting + "\""},
                               {"listen", std::to_string(listen)},
                               {"accurate", "\"" + accurate + "\""}}));
  };
  evaluation("kim", "call-1", "yes", 5, "yes");
  evaluation("dana", "call-1", "yes", 4, "no");
  evaluation("lee", "call-1", "yes", 5, "yes");
  evaluation("dana", "call-2", "yes", 3, "yes");
  evaluation("lee", "call-2", "no", 3, "yes");
}

TEST(CalibrateCommand, AlignmentWithAnExpertFromFiles) {
  testing::TempDir dir;
  write_worked_example(dir);
  nlohmann::json json = calibrate_json(dir, {"--expert", "kim"});
  ASSERT_TRUE(json.contains("expert")) << json.dump();
  EXPECT_EQ(json["expert"]["name"], "kim");
  const auto& evaluators = json["expert"]["evaluators"];
  ASSERT_EQ(evaluators.size(), 2u);
  EXPECT_EQ(evaluators[0]["evaluator"], "dana");
  EXPECT_EQ(evaluators[0]["interactions"], 1);
  // By hand (docs/calibration.md): (1 * 1 + 2 * 0.75 + 2 * 0) / 5 = 50 %; one critical
  // disagreement (accurate) and one other (listen).
  EXPECT_DOUBLE_EQ(evaluators[0]["alignment"].get<double>(), 50.0);
  EXPECT_EQ(evaluators[0]["critical_disagreements"], 1);
  EXPECT_EQ(evaluators[0]["other_disagreements"], 1);
  EXPECT_DOUBLE_EQ(evaluators[1]["alignment"].get<double>(), 100.0);
  // Most disagreement first: greeting and accurate split once each, listen once on call 1.
  EXPECT_EQ(json["criteria"].size(), 3u);
  double previous = 0;
  for (const auto& c : json["criteria"]) {
    double agreement = c["percent_agreement"]["value"].get<double>();
    EXPECT_GE(agreement, previous) << c.dump();
    previous = agreement;
  }
}

TEST(CalibrateCommand, TextReportSaysWhyAStatisticIsUndefined) {
  testing::TempDir dir;
  write_worked_example(dir);
  CommandRun run = coachkit({"calibrate", (dir.path() / "rubric.toml").string(),
                             (dir.path() / "evaluations" / "dana").string()});
  EXPECT_EQ(run.exit_code, 0) << run.errors;
  EXPECT_NE(run.output.find("undefined: needs at least two raters; there is 1"), std::string::npos)
      << run.output;
  EXPECT_EQ(run.output.find("nan"), std::string::npos) << run.output;
}

TEST(CalibrateCommand, NamesFromFilesCannotDriveTheTerminal) {
  testing::TempDir dir;
  write_worked_example(dir);
  // An evaluator named with an escape sequence that would clear the screen.
  dir.write("evaluations/lee/call-3.toml",
            evaluation_file("call-qa", "call-3", "lee\\u001b[2J",
                            {{"greeting", "\"yes\""}, {"listen", "4"}, {"accurate", "\"yes\""}}));
  dir.write("evaluations/kim/call-3.toml",
            evaluation_file("call-qa", "call-3", "kim",
                            {{"greeting", "\"yes\""}, {"listen", "4"}, {"accurate", "\"yes\""}}));
  CommandRun run = coachkit({"calibrate", (dir.path() / "rubric.toml").string(),
                             (dir.path() / "evaluations").string(), "--expert", "kim"});
  EXPECT_EQ(run.exit_code, 0) << run.errors;
  EXPECT_EQ(run.output.find('\x1b'), std::string::npos);
  // Shown escaped, as diagnostics show control characters.
  EXPECT_NE(run.output.find("lee\\x1b[2J"), std::string::npos) << run.output;
}

TEST(CalibrateCommand, TwoEvaluatorsWhoDisagreeAreCountedAsDisagreeing) {
  // Dana and Lee answer 2 calls x 3 criteria; they differ on call 1's listen and accurate and
  // call 2's greeting (write_worked_example without Kim).
  testing::TempDir dir;
  write_worked_example(dir);
  std::filesystem::remove_all(dir.path() / "evaluations" / "kim");
  CommandRun run = coachkit(
      {"calibrate", (dir.path() / "rubric.toml").string(), (dir.path() / "evaluations").string()});
  EXPECT_EQ(run.exit_code, 0) << run.errors;
  EXPECT_NE(run.output.find("dana: 2 evaluations, mean deviation"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("3 of 6 answers differ from the other evaluator's"), std::string::npos)
      << run.output;
  nlohmann::json json = calibrate_json(dir);
  EXPECT_EQ(json["consensus"][0]["answers_in_a_tie"], 3);
  EXPECT_EQ(json["consensus"][0]["answers_compared"], 6);
  EXPECT_EQ(json["consensus"][0]["answers_off_consensus"], 0);
}

TEST(CalibrateCommand, AnswersUnderAVersionWithAnotherScaleAreNotComparedAsTheSame) {
  // The default pack's call-quality: respect-every-caller is yes/no in version 1, levels 1-5
  // (1 "Not shown") in version 2. A version-1 "yes" is not a version-2 level 1.
  testing::TempDir dir;
  auto write = [&](const std::string& evaluator, const std::string& version,
                   const std::string& answer) {
    dir.write("evaluations/" + evaluator + ".toml",
              "[evaluation]\nrubric = \"call-quality\"\n" + version +
                  "interaction = \"call-1\"\nevaluator = \"" + evaluator +
                  "\"\nagent = \"sam\"\ndate = 2026-11-20\n\n[answers]\n"
                  "respect-every-caller = " +
                  answer + "\nargue-with-customer = \"yes\"\n");
  };
  // Every other criterion answered alike (version 1's yes/no ones "yes"; version 2's levels 2).
  write("dana", "version = 1\n",
        "\"yes\"\naccurate-and-open = \"yes\"\nassume-customer-wrong = \"yes\"\n"
        "belittle-small-customers = \"yes\"\ncomplete-help = \"yes\"\nlistens-first = \"yes\"\n"
        "promises-kept = \"yes\"\nrespect-colleagues = \"yes\"");
  write("lee", "",
        "1\nassume-customer-wrong = 2\nbe-above-board = 2\ncase-notes = 1\n"
        "checks-understanding = 2\nend-abuse-decisively = \"yes\"\nhelp-to-the-clock = 2\n"
        "listen-to-understand = 2\nmislead-customer = \"yes\"\nno-rushed-close = \"yes\"\n"
        "resolves-reason = 2\ntake-it-personally = 2\ntolerate-occasional-rudeness = \"yes\"\n"
        "verifies-identity = \"yes\"");
  CommandRun run = coachkit(
      {"calibrate", std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles:call-quality",
       (dir.path() / "evaluations").string(), "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.errors;
  nlohmann::json json = nlohmann::json::parse(run.output);
  EXPECT_EQ(json["answers_on_another_scale"], 2);  // also assume-customer-wrong
  ASSERT_EQ(json["warnings"].size(), 1u) << json.dump();
  EXPECT_NE(
      json["warnings"][0].get<std::string>().find("2 answers were given under a rubric version"),
      std::string::npos);
  for (const auto& c : json["criteria"]) {
    if (c["id"] == "respect-every-caller") {
      EXPECT_TRUE(c["percent_agreement"]["value"].is_null()) << c.dump();
    }
    if (c["id"] == "argue-with-customer") {
      EXPECT_EQ(c["percent_agreement"]["value"], 1.0) << c.dump();
    }
  }
  run = coachkit({"calibrate",
                  std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles:call-quality",
                  (dir.path() / "evaluations").string()});
  EXPECT_NE(run.output.find("warning: 2 answers were given under a rubric version"),
            std::string::npos)
      << run.output;
}

TEST(CalibrateCommand, AnUnknownExpertOrABadEvaluationIsAnError) {
  testing::TempDir dir;
  write_worked_example(dir);
  CommandRun run = coachkit({"calibrate", (dir.path() / "rubric.toml").string(),
                             (dir.path() / "evaluations").string(), "--expert", "kym"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.errors.find("'kym'"), std::string::npos) << run.errors;
  EXPECT_NE(run.errors.find("kim"), std::string::npos) << run.errors;

  dir.write("evaluations/lee/call-3.toml",
            evaluation_file("call-qa", "call-3", "lee",
                            {{"greeting", "\"yes\""}, {"listen", "9"}, {"accurate", "\"yes\""}}));
  run = coachkit({"calibrate", (dir.path() / "rubric.toml").string(),
                  (dir.path() / "evaluations").string(), "--json"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(run.output.empty()) << run.output;
  // The level out of range, at its line and column.
  EXPECT_NE(run.errors.find("call-3.toml:10:"), std::string::npos) << run.errors;
}

}  // namespace
}  // namespace coachkit
