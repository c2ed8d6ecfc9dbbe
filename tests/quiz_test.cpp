// The quiz plugin end to end: the coachkit program builds a pack with every question kind and
// hostile text, and readers we did not write read what it made — gift-pegjs the GIFT files,
// xmllint the Moodle XML, Python's zipfile and ElementTree the Canvas package, Debian's
// chromium (through puppeteer-core) the self-check page, pdftotext the printed quiz.
#include "support/process.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <cctype>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;
using coachkit::testing::read_file;
using coachkit::testing::TempDir;
using nlohmann::json;

namespace coachkit {
namespace {

// The texts the test pack writes (tests/data/packs/quiz-hostile), as a reader must get them back.
const std::string kPrompt = "Pick {one} ~ = # : \\ <b>bold</b> & **md** <script>alert(1)</script>";
const std::string kRight = "Right {a} ~ = # : \\ <i>&amp;</i>";
const std::string kRightFeedback = "Yes: {because} ~ = #";
const std::string kWrongFeedback = "No \\ <script>x</script>";
const std::string kGeneral = "General {feedback} ~ = # : \\ < > &";

std::string pack_dir(const std::string& name) {
  return std::string(COACHKIT_TEST_DATA_DIR) + "/packs/" + name;
}
std::string node_modules() { return std::string(COACHKIT_BUILD_DIR) + "/npm/node_modules"; }
std::string script(const std::string& name) {
  return std::string(COACHKIT_SCRIPTS_DIR) + "/" + name;
}

CommandResult run(std::vector<std::string> argv) {
  SystemProcessRunner runner;
  return runner.run(Command{std::move(argv), "", 300});
}

CommandResult coachkit(std::vector<std::string> args) {
  args.insert(args.begin(), COACHKIT_PROGRAM);
  return run(std::move(args));
}

// Builds the hostile pack's quiz once (no PDF) for the reader tests.
class QuizReaders : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    out_ = new TempDir;
    // The zip's entry dates come from the build's source date, never the clock.
    result_ =
        new CommandResult(run({"env", "SOURCE_DATE_EPOCH=1700000000", COACHKIT_PROGRAM, "build",
                               pack_dir("quiz-hostile"), "--out", out_->str(), "--only", "quiz",
                               "--format", "html", "--drawn", "none", "--seed", "11"}));
  }
  static void TearDownTestSuite() {
    delete out_;
    delete result_;
  }
  void SetUp() override { ASSERT_EQ(result_->exit_code, 0) << result_->errors; }
  static fs::path file(const std::string& name) {
    return out_->path() / "quiz-hostile" / "quiz" / name;
  }
  static TempDir* out_;
  static CommandResult* result_;
};
TempDir* QuizReaders::out_ = nullptr;
CommandResult* QuizReaders::result_ = nullptr;

json parse_gift(const fs::path& file) {
  CommandResult r = run({"node", script("gift_parse.js"), node_modules(), file.string()});
  EXPECT_EQ(r.exit_code, 0) << r.errors;
  return r.exit_code == 0 ? json::parse(r.output) : json::array();
}

const json* find_titled(const json& questions, const std::string& title) {
  for (const json& q : questions) {
    if (q.value("title", json()).is_string() && q["title"] == title) return &q;
  }
  return nullptr;
}

TEST_F(QuizReaders, GiftPegjsReadsEveryKindWithTextAndWeightsAsWritten) {
  json questions = parse_gift(file("quiz-a.gift"));
  std::set<std::string> types;
  for (const json& q : questions) types.insert(q["type"].get<std::string>());
  // One category per principle, and each kind as gift-pegjs names it.
  EXPECT_EQ(types,
            (std::set<std::string>{"Category", "MC", "TF", "Matching", "Short", "Numerical"}));
  std::size_t categories = 0;
  for (const json& q : questions) categories += q["type"] == "Category";
  EXPECT_EQ(categories, 2u);

  const json* single = find_titled(questions, "hostile-single");
  ASSERT_TRUE(single);
  EXPECT_EQ((*single)["stem"]["text"], kPrompt);
  EXPECT_EQ((*single)["globalFeedback"]["text"], kGeneral);
  std::map<std::string, bool> correct;
  std::map<std::string, std::string> feedback;
  for (const json& c : (*single)["choices"]) {
    correct[c["text"]["text"]] = c["isCorrect"];
    if (c["feedback"].is_object()) feedback[c["text"]["text"]] = c["feedback"]["text"];
  }
  EXPECT_EQ(correct, (std::map<std::string, bool>{{kRight, true},
                                                  {"Wrong ~b", false},
                                                  {"Wrong =c", false},
                                                  {"%100% not a weight", false},
                                                  {"All of the above", false}}));
  EXPECT_EQ(feedback[kRight], kRightFeedback);
  EXPECT_EQ(feedback["Wrong ~b"], kWrongFeedback);
  // The pinned choice keeps its place: last, as written.
  EXPECT_EQ((*single)["choices"].back()["text"]["text"], "All of the above");

  const json* multiple = find_titled(questions, "hostile-multiple");
  ASSERT_TRUE(multiple);
  std::map<std::string, double> weights;
  double right = 0;
  for (const json& c : (*multiple)["choices"]) {
    weights[c["text"]["text"]] = c["weight"];
    if (c["weight"].get<double>() > 0) right += c["weight"].get<double>();
  }
  EXPECT_EQ(weights, (std::map<std::string, double>{
                         {"First = right", 50}, {"Second # right", 50}, {"Third ~ wrong", -100}}));
  EXPECT_DOUBLE_EQ(right, 100);

  const json* tf = find_titled(questions, "hostile-true-false");
  ASSERT_TRUE(tf);
  EXPECT_EQ((*tf)["isTrue"], true);
  EXPECT_EQ((*tf)["globalFeedback"]["text"], "It is true <&>.");

  const json* matching = find_titled(questions, "hostile-matching");
  ASSERT_TRUE(matching);
  std::map<std::string, std::string> pairs;
  for (const json& m : (*matching)["matchPairs"]) pairs[m["subquestion"]["text"]] = m["subanswer"];
  EXPECT_EQ(pairs, (std::map<std::string, std::string>{{"Left = one", "Right ~ one"},
                                                       {"Left # two", "Right : two"},
                                                       {"Left <3>", "Right & 3"}}));
  // Ordering has no GIFT type: each step is matched to its place.
  const json* ordering = find_titled(questions, "hostile-ordering");
  ASSERT_TRUE(ordering);
  EXPECT_EQ((*ordering)["type"], "Matching");
  std::map<std::string, std::string> places;
  for (const json& m : (*ordering)["matchPairs"]) places[m["subquestion"]["text"]] = m["subanswer"];
  EXPECT_EQ(places, (std::map<std::string, std::string>{
                        {"Step = one", "1"}, {"Step # two", "2"}, {"Step ~ three", "3"}}));

  const json* numeric = find_titled(questions, "hostile-numeric");
  ASSERT_TRUE(numeric);
  EXPECT_EQ((*numeric)["choices"]["number"], 2.5);
  EXPECT_EQ((*numeric)["choices"]["range"], 0.5);
  const json* short_answer = find_titled(questions, "hostile-short");
  ASSERT_TRUE(short_answer);
  EXPECT_EQ((*short_answer)["choices"][1]["text"]["text"], "re:spect");
}

TEST_F(QuizReaders, GiftHasNoBlankOrCommentLineInsideAQuestionAndCategoriesStandAlone) {
  std::string gift = read_file(file("quiz-a.gift"));
  std::istringstream lines(gift);
  std::string line, previous;
  bool inside = false;
  while (std::getline(lines, line)) {
    if (line.rfind("$CATEGORY:", 0) == 0) {
      EXPECT_FALSE(inside);
      EXPECT_TRUE(previous.empty()) << line;  // a block of its own
    }
    if (line.rfind("::", 0) == 0) inside = true;
    if (inside) {
      EXPECT_FALSE(line.empty()) << "blank line inside a question";
      EXPECT_NE(line.rfind("//", 0), 0u) << line;
    }
    if (line == "}") inside = false;
    previous = line;
  }
}

std::string xpath(const fs::path& file, const std::string& expression) {
  CommandResult r = run({"xmllint", "--xpath", expression, file.string()});
  EXPECT_EQ(r.exit_code, 0) << expression << ": " << r.errors;
  std::string out = r.output;
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TEST_F(QuizReaders, MoodleXmlIsWellFormedAndSpellsOutEachType) {
  fs::path xml = file("quiz-a.moodle.xml");
  CommandResult lint = run({"xmllint", "--noout", xml.string()});
  ASSERT_EQ(lint.exit_code, 0) << lint.errors;
  auto q = [](const std::string& id) { return "//question[name/text='" + id + "']"; };
  EXPECT_EQ(xpath(xml, "string(" + q("hostile-single") + "/questiontext/text)"), kPrompt);
  EXPECT_EQ(xpath(xml, "string(" + q("hostile-single") + "/generalfeedback/text)"), kGeneral);
  EXPECT_EQ(xpath(xml, "string(" + q("hostile-single") + "/answer[@fraction='100']/text)"), kRight);
  EXPECT_EQ(xpath(xml, "string(" + q("hostile-single") + "/single)"), "true");
  EXPECT_EQ(xpath(xml, "string(" + q("hostile-multiple") + "/single)"), "false");
  EXPECT_EQ(xpath(xml, "string(" + q("hostile-multiple") + "/@type)"), "multichoice");
  EXPECT_EQ(xpath(xml, "string(" + q("hostile-true-false") + "/answer[@fraction='100']/text)"),
            "true");
  EXPECT_EQ(xpath(xml, "string(" + q("hostile-true-false") + "/answer[@fraction='0']/text)"),
            "false");
  EXPECT_EQ(xpath(xml, "count(" + q("hostile-matching") + "/subquestion)"), "3");
  EXPECT_EQ(xpath(xml, "string(" + q("hostile-ordering") + "/@type)"), "ordering");
  EXPECT_EQ(xpath(xml, "string(" + q("hostile-ordering") + "/selecttype)"), "ALL");
  EXPECT_EQ(xpath(xml, "string(" + q("hostile-numeric") + "/answer/tolerance)"), "0.5");
  EXPECT_EQ(xpath(xml, "count(//question[@type='category'])"), "2");
  EXPECT_EQ(xpath(xml, "string(" + q("hostile-single") + "/defaultgrade)"), "2");
}

TEST_F(QuizReaders, CanvasPackageUnpacksWithMatchingIdentifiersAndEveryItemTyped) {
  CommandResult r = run({"/usr/bin/python3", script("qti_check.py"), file("quiz-a.qti.zip")});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  json found = json::parse(r.output);
  EXPECT_TRUE(found["bad_entry"].is_null());
  EXPECT_EQ(found["files"].size(), 3u);
  EXPECT_EQ(found["files"][0], "imsmanifest.xml");
  // 1700000000 is 2023-11-14 22:13:20 UTC.
  for (const json& date : found["dates"]) {
    EXPECT_EQ(date, json::array({2023, 11, 14, 22, 13, 20}));
  }
  EXPECT_TRUE(found["all_hrefs_present"].get<bool>());
  EXPECT_EQ(found["assessment_ident"], found["meta_identifier"]);
  EXPECT_EQ(found["assessment_ident"], found["meta_quiz_ref"]);
  EXPECT_EQ(found["manifest_resources"][0], found["assessment_ident"]);
  std::map<std::string, std::string> types;
  for (const json& item : found["items"]) {
    types[item["title"]] = item["question_type"];
    EXPECT_TRUE(item["points_possible"].is_string()) << item.dump();
  }
  EXPECT_EQ(types, (std::map<std::string, std::string>{
                       {"hostile-single", "multiple_choice_question"},
                       {"hostile-multiple", "multiple_answers_question"},
                       {"hostile-true-false", "true_false_question"},
                       {"hostile-matching", "matching_question"},
                       {"hostile-ordering", "matching_question"},  // Canvas has no ordering
                       {"hostile-short", "short_answer_question"},
                       {"hostile-numeric", "numerical_question"},
                       {"hostile-spacing", "multiple_choice_question"},
                       {"hostile-zero", "numerical_question"},
                       {"hostile-markers", "multiple_choice_question"},
                       {"hostile-arrow", "short_answer_question"}}));
  for (const json& item : found["items"]) {
    if (item["title"] != "hostile-single") continue;
    EXPECT_EQ(item["points_possible"], "2");
    std::vector<std::string> texts = item["texts"];
    for (const std::string& expected :
         {kPrompt, kRight, kGeneral, kRightFeedback, kWrongFeedback}) {
      EXPECT_NE(std::find(texts.begin(), texts.end(), expected), texts.end()) << expected;
    }
  }
}

TEST_F(QuizReaders, SelfCheckPageMarksAnswersGivenWithTheKeyboardAlone) {
  TempDir profile;
  json answers =
      json::array({json::array({"Pick {one}", kRight}), json::array({"True or false", "False"})});
  CommandResult r =
      run({"node", script("self_check_drive.js"), node_modules(),
           file("quiz-a.self-check.html").string(), profile.str() + "/chromium", answers.dump()});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  json page = json::parse(r.output);
  EXPECT_TRUE(page["requests"].empty()) << page["requests"].dump();  // nothing from the network
  EXPECT_EQ(page["scripts"], 2);  // the data and the page's own script; no content became one
  std::map<std::string, json> by_legend;
  for (const json& q : page["questions"]) {
    std::string legend = q["legend"];
    by_legend[legend.substr(legend.find(". ") + 2)] = q;
  }
  ASSERT_TRUE(by_legend.count(kPrompt)) << page.dump();
  const json& single = by_legend[kPrompt];
  EXPECT_EQ(single["marked"], "right");
  EXPECT_EQ(single["result"], "Right. " + kRightFeedback + " " + kGeneral);
  std::vector<std::string> labels = single["labels"];
  EXPECT_NE(std::find(labels.begin(), labels.end(), kRight), labels.end());
  EXPECT_EQ(labels.back(), "All of the above");  // pinned
  const json& tf = by_legend["True or false: a:b {c}"];
  EXPECT_EQ(tf["marked"], "wrong");
  EXPECT_EQ(tf["result"], "Not quite. It is true <&>.");
  // 2 points for the single question, 0 for the true-false; 8 points in all (hand-counted from
  // the pack: 2 + six questions of 1).
  EXPECT_EQ(page["score"], "Score: 2 of 12 points (2 of 11 questions checked)");
}

std::map<std::string, std::string> quiz_files(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    std::string name = entry.path().filename().string();
    if (name.find(".gift") != std::string::npos || name.find(".xml") != std::string::npos ||
        name.find(".zip") != std::string::npos || name.find(".self-check") != std::string::npos) {
      files[name] = read_file(entry.path());
    }
  }
  return files;
}

TEST(QuizVersions, TheSameSeedGivesTheSameBytesAndAnotherSeedOtherVersions) {
  TempDir dir;
  auto build = [&](const std::string& out, const std::string& seed) {
    CommandResult r =
        coachkit({"build", pack_dir("quiz-hostile"), "--out", dir.str() + "/" + out, "--only",
                  "quiz", "--format", "html", "--versions", "3", "--seed", seed});
    EXPECT_EQ(r.exit_code, 0) << r.errors;
    return quiz_files(dir.path() / out / "quiz-hostile" / "quiz");
  };
  auto first = build("one", "5");
  auto again = build("two", "5");
  auto other = build("three", "6");
  ASSERT_EQ(first.size(), 12u);  // 3 versions x (gift, moodle xml, qti zip, self-check)
  EXPECT_EQ(first, again);
  EXPECT_NE(first.at("quiz-a.gift"), other.at("quiz-a.gift"));
  // Versions of one build differ from each other.
  EXPECT_NE(first.at("quiz-a.gift"), first.at("quiz-b.gift"));
  // Each version's GIFT still holds every question (drawn ones too: --drawn mix by default).
  json a = parse_gift(dir.path() / "one/quiz-hostile/quiz/quiz-a.gift");
  json b = parse_gift(dir.path() / "one/quiz-hostile/quiz/quiz-b.gift");
  std::multiset<std::string> titles_a, titles_b;
  for (const json& q : a) {
    if (q["type"] != "Category") titles_a.insert(q["title"].get<std::string>());
  }
  for (const json& q : b) {
    if (q["type"] != "Category") titles_b.insert(q["title"].get<std::string>());
  }
  EXPECT_EQ(titles_a, titles_b);
  EXPECT_TRUE(titles_a.count("hostile-single"));
  EXPECT_TRUE(titles_a.count("drawn-do-alpha-listen"));
}

TEST(QuizVersions, APoolDrawsThatManyQuestionsPerPrincipleForEachVersion) {
  TempDir dir;
  dir.write("coachkit.toml", "[project]\npacks = [\"" + pack_dir("quiz-hostile") + "\"]\nout = \"" +
                                 dir.str() +
                                 "/out\"\n\n[generators.quiz]\n"
                                 "per_principle = 1\nversions = 2\nexports = [\"gift\"]\n");
  // The command line wins over the project file: 4 versions, and nothing drawn.
  CommandResult r = coachkit({"build", dir.str(), "--only", "quiz", "--format", "html", "--set",
                              "quiz.versions=4", "--drawn", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  fs::path folder = dir.path() / "out/quiz-hostile/quiz";
  EXPECT_TRUE(fs::exists(folder / "quiz-d.gift"));
  EXPECT_FALSE(fs::exists(folder / "quiz-a.moodle.xml"));  // exports = ["gift"] still holds
  std::set<std::string> seen;
  for (const char* name : {"quiz-a.gift", "quiz-b.gift", "quiz-c.gift", "quiz-d.gift"}) {
    json questions = parse_gift(folder / name);
    // A drawn question GIFT cannot carry is left out with a warning naming the version.
    std::string version(1, static_cast<char>(std::toupper(static_cast<unsigned char>(name[5]))));
    std::size_t count = r.errors.find("version " + version +
                                      ": question 'hostile-arrow' is left out") != std::string::npos
                            ? 1
                            : 0;
    for (const json& q : questions) {
      if (q["type"] == "Category") continue;
      ++count;
      seen.insert(q["title"].get<std::string>());
      EXPECT_EQ(q["title"].get<std::string>().rfind("drawn-", 0), std::string::npos);
    }
    EXPECT_EQ(count, 2u) << name;  // one question for each of the two principles
  }
  EXPECT_GT(seen.size(), 2u);  // the versions drew different questions
}

TEST(QuizVersions, CommandLineOptionMistakesAreAllReportedAndNothingIsBuilt) {
  TempDir dir;
  CommandResult r = coachkit({"build", pack_dir("quiz-hostile"), "--out", dir.str() + "/out",
                              "--only", "quiz", "--format", "html", "--set", "quiz.versoins=2",
                              "--set", "quiz.versions=two", "--set", "quix.drawn=none"});
  EXPECT_EQ(r.exit_code, 1);
  for (const char* expected :
       {"command line: --set 'quiz.versoins=2': quiz has no option 'versoins'; did you mean "
        "'versions'?",
        "command line: --set 'quiz.versions=two': option 'versions' of quiz must be an integer",
        "command line: --set 'quix.drawn=none': no loaded plugin makes 'quix'; did you mean "
        "'quiz'?"}) {
    EXPECT_NE(r.errors.find(expected), std::string::npos) << expected << "\n" << r.errors;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "quiz-hostile"));
  // A value the generator refuses is reported as the command line's.
  CommandResult drawn =
      coachkit({"build", pack_dir("quiz-hostile"), "--out", dir.str() + "/out", "--only", "quiz",
                "--format", "html", "--set", "quiz.drawn=some"});
  EXPECT_EQ(drawn.exit_code, 1);
  EXPECT_NE(drawn.errors.find("command line: option 'drawn' must be none, mix or only"),
            std::string::npos)
      << drawn.errors;
}

TEST(QuizDrawn, APackWithoutQuestionsStillGetsAQuizFromItsContent) {
  TempDir dir;
  CommandResult r =
      coachkit({"build", pack_dir("quiz-hostile"), "--out", dir.str(), "--only", "quiz", "--format",
                "html", "--drawn", "only", "--set", "quiz.exports=gift"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  json questions = parse_gift(dir.path() / "quiz-hostile/quiz/quiz-a.gift");
  std::map<std::string, const json*> by_title;
  for (const json& q : questions) {
    if (q["type"] != "Category") by_title[q["title"]] = &q;
  }
  EXPECT_FALSE(by_title.count("hostile-single"));
  // Do or don't, from the pack's do's and don'ts (the texts as written).
  const json* dont = by_title["drawn-dont-alpha-interrupt"];
  ASSERT_TRUE(dont);
  EXPECT_EQ((*dont)["stem"]["text"], "Do or don't? Interrupt with <script>alert(1)</script>");
  for (const json& c : (*dont)["choices"]) {
    EXPECT_EQ(c["isCorrect"].get<bool>(), c["text"]["text"] == "Don't");
  }
  // Which principle: the right title once, and every distractor another principle's title.
  const json* which = by_title["drawn-which-beta-follow-up"];
  ASSERT_TRUE(which);
  std::size_t right = 0;
  for (const json& c : (*which)["choices"]) {
    if (c["isCorrect"].get<bool>()) {
      ++right;
      EXPECT_EQ(c["text"]["text"], "Beta \\ backslash");
    } else {
      EXPECT_EQ(c["text"]["text"], "Alpha {principle}");
    }
  }
  EXPECT_EQ(right, 1u);
  // Titles matched to summaries.
  const json* match = by_title["drawn-match-alpha"];
  ASSERT_TRUE(match);
  std::map<std::string, std::string> pairs;
  for (const json& m : (*match)["matchPairs"]) pairs[m["subquestion"]["text"]] = m["subanswer"];
  EXPECT_EQ(pairs["Alpha {principle}"], "Alpha's summary: braces {x} and <b>tags</b>.");
  EXPECT_EQ(pairs["Beta \\ backslash"], "Beta's summary & more.");
}

TEST(QuizContent, EveryBadQuestionIsReportedAtItsLineInOneRun) {
  TempDir dir;
  for (const char* f : {"pack.toml", "principles/alpha.toml", "principles/beta.toml"}) {
    dir.write(f, read_file(pack_dir("quiz-hostile") + "/" + f));
  }
  std::string file = dir.write("questions/bad.toml", R"(
[[question]]
id = "no-such-choice"
principle = "alpha"
kind = "single"
prompt = "Which?"
choices = ["A", "B"]
answer = "C"

[[question]]
id = "empty-side"
principle = "alpha"
kind = "matching"
prompt = "Match"
pairs = [["One", "1"], ["", "2"]]

[[question]]
id = "not-a-number"
principle = "alpha"
kind = "numeric"
prompt = "How many?"
answer = "three"

[[question]]
id = "unknown-kind"
principle = "alpha"
kind = "essay"
prompt = "Write"

[[question]]
id = "weights"
principle = "alpha"
kind = "multiple"
prompt = "Which?"
choices = [{ text = "A", weight = 60 }, { text = "B", weight = 30 }, "C"]
answer = ["A", "B"]

[[question]]
id = "two-steps"
principle = "alpha"
kind = "ordering"
prompt = "Order"
order = ["First", "Second"]

[[question]]
id = "same-pair"
principle = "alpha"
kind = "matching"
prompt = "Match"
pairs = [["One", "1"], ["One", "2"]]

[[question]]
id = "same-choice"
principle = "alpha"
kind = "single"
prompt = "Which?"
choices = ["A", "A", "B"]
answer = "A"
)")
                         .string();
  CommandResult r = coachkit({"lint", dir.str()});
  EXPECT_EQ(r.exit_code, 1);
  for (const std::string& expected :
       {file + ":8:10: answer \"C\" is not one of the choices",
        file + ":15:25: a matching pair has an empty side",
        file + ":22:10: 'answer' of a numeric question must be a number",
        file + ":27:8: 'kind' in [[question]] is \"essay\"",
        file + ":36:10: the weights of the right choices add to 90%",
        file + ":43:9: an ordering question needs at least three steps",
        file + ":50:24: prompt \"One\" is in two pairs",
        file + ":57:17: choice \"A\" is written twice"}) {
    EXPECT_NE(r.errors.find(expected), std::string::npos) << expected << "\n" << r.errors;
  }
  // 60 and 30 are Moodle grades, so only their sum is wrong.
  EXPECT_EQ(r.errors.find("is not one of Moodle's grades"), std::string::npos) << r.errors;
}

TEST(QuizContent, WeightsMoodleWouldDropAreRefused) {
  TempDir dir;
  for (const char* f : {"pack.toml", "principles/alpha.toml", "principles/beta.toml"}) {
    dir.write(f, read_file(pack_dir("quiz-hostile") + "/" + f));
  }
  std::string file = dir.write("questions/w.toml", R"([[question]]
id = "w"
principle = "alpha"
kind = "multiple"
prompt = "Which?"
choices = [{ text = "A", weight = 45 }, { text = "B", weight = 55 }, "C"]
answer = ["A", "B"]
)")
                         .string();
  CommandResult r = coachkit({"lint", dir.str()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.errors.find(file + ":6:35: weight 45 "), std::string::npos) << r.errors;
  EXPECT_NE(r.errors.find(file + ":6:64: weight 55 "), std::string::npos) << r.errors;
}

TEST(QuizContent, LintWarnsWhenTheRightAnswersSitInOnePlace) {
  TempDir dir;
  for (const char* f : {"pack.toml", "principles/alpha.toml", "principles/beta.toml"}) {
    dir.write(f, read_file(pack_dir("quiz-hostile") + "/" + f));
  }
  std::string questions;
  for (int i = 0; i < 4; ++i) {
    questions += "[[question]]\nid = \"q" + std::to_string(i) +
                 "\"\nprinciple = \"alpha\"\nkind = \"single\"\nprompt = \"Which?\"\n"
                 "choices = [\"A\", \"B\", \"C\"]\nanswer = \"" +
                 std::string(i == 3 ? "A" : "B") + "\"\n\n";
  }
  std::string file = dir.write("questions/q.toml", questions).string();
  CommandResult r = coachkit({"lint", dir.str()});
  EXPECT_EQ(r.exit_code, 0) << r.errors;  // a warning, not an error
  // 3 of 4 (75 %) have the right answer second: over the one-half threshold.
  EXPECT_NE(r.errors.find(file + ":1:1: warning: the right answer is choice B in 3 of 4"),
            std::string::npos)
      << r.errors;
}

TEST(QuizContent, BuildWarnsAboutAVersionWithTheRightAnswersInOnePlace) {
  TempDir dir;
  for (const char* f : {"pack.toml", "principles/alpha.toml", "principles/beta.toml"}) {
    dir.write(f, read_file(pack_dir("quiz-hostile") + "/" + f));
  }
  std::string questions;
  for (int i = 0; i < 5; ++i) {
    questions += "[[question]]\nid = \"q" + std::to_string(i) +
                 "\"\nprinciple = \"alpha\"\nkind = \"single\"\nprompt = \"Which?\"\n"
                 "choices = [\"A\", \"B\", \"C\"]\nanswer = \"C\"\n\n";
  }
  dir.write("questions/q.toml", questions);
  // Choices kept as written: every right answer is C, in version A and in version B.
  CommandResult r = coachkit({"build", dir.str(), "--out", dir.str() + "/out", "--only", "quiz",
                              "--format", "html", "--drawn", "none", "--versions", "2", "--set",
                              "quiz.shuffle_choices=false", "--set", "quiz.exports=gift"});
  EXPECT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_NE(r.errors.find("warning: version A: the right answer is choice C in 5 of 5"),
            std::string::npos)
      << r.errors;
  EXPECT_NE(r.errors.find("warning: version B: the right answer is choice C in 5 of 5"),
            std::string::npos)
      << r.errors;
}

TEST(QuizVersions, NoVersionPutsMoreThanHalfTheRightAnswersInOnePlace) {
  TempDir dir;
  for (const char* f : {"pack.toml", "principles/alpha.toml", "principles/beta.toml"}) {
    dir.write(f, read_file(pack_dir("quiz-hostile") + "/" + f));
  }
  std::string questions;
  for (int i = 0; i < 6; ++i) {
    questions += "[[question]]\nid = \"q" + std::to_string(i) +
                 "\"\nprinciple = \"alpha\"\nkind = \"single\"\nprompt = \"Which?\"\n"
                 "choices = [\"Right\", \"B\", \"C\"]\nanswer = \"Right\"\n\n";
  }
  dir.write("questions/q.toml", questions);
  CommandResult r =
      coachkit({"build", dir.str(), "--out", dir.str() + "/out", "--only", "quiz", "--format",
                "html", "--drawn", "none", "--versions", "8", "--set", "quiz.exports=gift"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_EQ(r.errors.find("warning"), std::string::npos) << r.errors;
  for (char v = 'a'; v < 'a' + 8; ++v) {
    json parsed =
        parse_gift(dir.path() / "out/quiz-hostile/quiz" / (std::string("quiz-") + v + ".gift"));
    std::map<std::size_t, int> at;
    for (const json& q : parsed) {
      if (q["type"] != "MC") continue;
      for (std::size_t i = 0; i < q["choices"].size(); ++i) {
        if (q["choices"][i]["isCorrect"].get<bool>()) ++at[i];
      }
    }
    for (const auto& [position, count] : at) {
      EXPECT_LE(count, 3) << "version " << v << ": " << count << " of 6 right answers at "
                          << position;
    }
  }
}

TEST(QuizPrint, ThePrintedQuizHasNameAndDateLinesAndTheKeyItsAnswers) {
  TempDir dir;
  CommandResult r = coachkit({"build", pack_dir("quiz-hostile"), "--out", dir.str(), "--only",
                              "quiz", "--format", "pdf,docx,html", "--drawn", "none", "--set",
                              "quiz.exports=print", "--set", "quiz.print_per_principle=0"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  fs::path folder = dir.path() / "quiz-hostile/quiz";
  CommandResult quiz = run({"pdftotext", "-layout", (folder / "quiz-a.pdf").string(), "-"});
  ASSERT_EQ(quiz.exit_code, 0) << quiz.errors;
  EXPECT_NE(quiz.output.find("Name:"), std::string::npos);
  EXPECT_NE(quiz.output.find("Date:"), std::string::npos);
  EXPECT_NE(quiz.output.find("<script>alert(1)</script>"), std::string::npos) << quiz.output;
  EXPECT_NE(quiz.output.find("**md**"), std::string::npos);
  EXPECT_EQ(quiz.output.find(kRightFeedback), std::string::npos);  // no answers on the quiz
  CommandResult key = run({"pdftotext", (folder / "quiz-a-key.pdf").string(), "-"});
  ASSERT_EQ(key.exit_code, 0) << key.errors;
  EXPECT_NE(key.output.find("answer key"), std::string::npos);
  EXPECT_NE(key.output.find("2.5 ± 0.5"), std::string::npos) << key.output;
  EXPECT_FALSE(fs::exists(folder / "quiz-a.gift"));

  // The same text, literal, in the word processor's and the browser's reading.
  CommandResult docx =
      run({"/usr/bin/python3", script("docx_text.py"), (folder / "quiz-a.docx").string()});
  ASSERT_EQ(docx.exit_code, 0) << docx.errors;
  json word = json::parse(docx.output);
  std::string paragraphs;
  for (const json& p : word["paragraphs"]) paragraphs += p["text"].get<std::string>() + "\n";
  EXPECT_NE(paragraphs.find(kPrompt), std::string::npos) << paragraphs;
  EXPECT_NE(paragraphs.find("Name:"), std::string::npos);
  EXPECT_EQ(word["hyperlinks"], 0);
  CommandResult page =
      run({"/usr/bin/python3", script("html_text.py"), (folder / "quiz-a.html").string()});
  ASSERT_EQ(page.exit_code, 0) << page.errors;
  json browser = json::parse(page.output);
  EXPECT_NE(browser["text"].get<std::string>().find(kPrompt), std::string::npos);
  std::vector<std::string> tags = browser["tags"];
  EXPECT_EQ(std::count(tags.begin(), tags.end(), "script"), 0);
  EXPECT_EQ(std::count(tags.begin(), tags.end(), "input"), 0);  // boxes are text, not fields
}

// What Moodle's GIFT importer refuses never reaches the file: "->" in an accepted short answer
// (read as matching: the whole import stops) is left out with a warning, "{#0}" (no answer) is
// written with its tolerance, and a leading format marker stays text.
TEST(QuizContent, GiftLeavesOutWhatMoodleCannotReadAndSaysSo) {
  TempDir dir;
  CommandResult r = coachkit({"build", pack_dir("quiz-hostile"), "--out", dir.str(), "--only",
                              "quiz", "--format", "html", "--drawn", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_NE(r.errors.find("question 'hostile-arrow' is left out of the GIFT file"),
            std::string::npos)
      << r.errors;
  fs::path folder = dir.path() / "quiz-hostile" / "quiz";
  std::string gift = read_file(folder / "quiz-a.gift");
  EXPECT_EQ(gift.find("hostile-arrow"), std::string::npos);
  EXPECT_NE(read_file(folder / "quiz-a.moodle.xml").find("a -&gt; b"), std::string::npos);
  EXPECT_NE(gift.find("{#0:0\n}"), std::string::npos);
  EXPECT_NE(gift.find("=[plain][html]<b>kept</b>"), std::string::npos);
  json questions = parse_gift(folder / "quiz-a.gift");
  std::size_t count = 0;
  for (const json& q : questions) count += q["type"] != "Category";
  EXPECT_EQ(count, 10u);  // 11 authored, one left out
}

TEST(QuizContent, LintSaysWhichQuestionGiftCannotExpress) {
  CommandResult r = coachkit({"lint", pack_dir("quiz-hostile")});
  EXPECT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_NE(r.errors.find("all-kinds.toml:99:1: warning: question 'hostile-arrow': the accepted "
                          "answer \"a -> b\" holds \"->\""),
            std::string::npos)
      << r.errors;
}

TEST(QuizContent, LintSaysWhichMatchingOrOrderingGiftOrCanvasCannotCarry) {
  CommandResult r = coachkit({"lint", pack_dir("quiz-every-field")});
  EXPECT_EQ(r.exit_code, 0) << r.errors;
  for (const char* expected :
       {"every-field.toml:156:1: warning: question 'every-matching-arrow': the left side \"a -> "
        "b\" holds \"->\", which GIFT cannot express",
        "every-field.toml:163:1: warning: question 'every-ordering-arrow': the step \"log in -> "
        "open\" holds \"->\"",
        "every-field.toml:40:1: warning: question 'every-matching-syntax': the right side "
        "\"Right one ~ = # { } : \\ <b>bold</b> &amp; &lt;"}) {
    EXPECT_NE(r.errors.find(expected), std::string::npos) << expected << "\n" << r.errors;
  }
  // No such warning where the arrow sits on a right side, or a right side has no reference.
  EXPECT_EQ(r.errors.find("'every-matching-markers': the"), std::string::npos) << r.errors;
}

// A pack of the hostile pack's principles and the given questions file, in `dir`.
std::string write_question_pack(TempDir& dir, const std::string& questions) {
  for (const char* f : {"pack.toml", "principles/alpha.toml", "principles/beta.toml"}) {
    dir.write(f, read_file(pack_dir("quiz-hostile") + "/" + f));
  }
  return dir.write("questions/q.toml", questions).string();
}

std::string default_pack() {
  return std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles";
}

// Classic Canvas quizzes keep 100 for a right choice and 0 for a wrong one: written weights
// that say otherwise are warned about at the first of them; weights Canvas keeps, and default
// ones, are not.
const char* kWeightQuestions = R"([[question]]
id = "weighted"
principle = "alpha"
kind = "multiple"
prompt = "Which?"
choices = [{ text = "A", weight = 75 }, { text = "B", weight = 25 }, { text = "C", weight = -100 }]
answer = ["A", "B"]

[[question]]
id = "canvas-weights"
principle = "alpha"
kind = "multiple"
prompt = "Which?"
choices = [{ text = "A", weight = 100 }, { text = "B", weight = 0 }]
answer = ["A"]

[[question]]
id = "default-weights"
principle = "alpha"
kind = "multiple"
prompt = "Which?"
choices = ["A", "B", "C"]
answer = ["A", "B"]
)";

TEST(QuizContent, LintWarnsAboutWrittenWeightsCanvasCannotHold) {
  TempDir dir;
  std::string file = write_question_pack(dir, kWeightQuestions);
  CommandResult r = coachkit({"lint", dir.str()});
  EXPECT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_NE(r.errors.find(file + ":6:35: warning: question 'weighted': the weights written on "
                                 "its choices (75/25/-100) cannot be held by classic Canvas"),
            std::string::npos)
      << r.errors;
  EXPECT_EQ(r.errors.find("'canvas-weights'"), std::string::npos) << r.errors;
  EXPECT_EQ(r.errors.find("'default-weights'"), std::string::npos) << r.errors;
}

TEST(QuizContent, BuildWarnsAboutWrittenWeightsCanvasCannotHold) {
  TempDir dir, out;
  std::string file = write_question_pack(dir, kWeightQuestions);
  CommandResult r = coachkit({"build", dir.str(), "--out", out.str(), "--only", "quiz", "--format",
                              "html", "--drawn", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_NE(r.errors.find(file + ":6:35: warning: question 'weighted': its written choice "
                                 "weights are lost in the Canvas QTI package"),
            std::string::npos)
      << r.errors;
  EXPECT_EQ(r.errors.find("'canvas-weights'"), std::string::npos) << r.errors;
  EXPECT_EQ(r.errors.find("'default-weights'"), std::string::npos) << r.errors;
}

// What GIFT cannot carry is a warning only on the questions that use it.
TEST(QuizContent, LintSaysWhatGiftCannotCarryOnlyWhereItIsWritten) {
  TempDir dir;
  std::string file = write_question_pack(dir, R"([[question]]
id = "colon"
principle = "alpha"
kind = "single"
prompt = "Read &&058; back"
choices = ["A", "B"]
answer = "A"

[[question]]
id = "heavy"
principle = "alpha"
kind = "single"
prompt = "Worth more"
choices = ["A", "B"]
answer = "A"
points = 3

[[question]]
id = "kept-last"
principle = "alpha"
kind = "single"
prompt = "Which?"
choices = ["A", "B", { text = "None of these", pinned = true }]
answer = "A"

[[question]]
id = "plain"
principle = "alpha"
kind = "single"
prompt = "Nothing special: 10 & 058"
choices = ["A", "B"]
answer = "A"
points = 1
)");
  CommandResult r = coachkit({"lint", dir.str()});
  EXPECT_EQ(r.exit_code, 0) << r.errors;
  for (const std::string& expected :
       {file + ":1:1: warning: question 'colon': its text holds \"&&058;\", which Moodle's GIFT "
               "import reads back as \":\"",
        file + ":9:1: warning: question 'heavy': GIFT has no points: Moodle gives it the "
               "default mark, not 3",
        file + ":23:22: warning: question 'kept-last': GIFT cannot keep a pinned choice in "
               "place"}) {
    EXPECT_NE(r.errors.find(expected), std::string::npos) << expected << "\n" << r.errors;
  }
  EXPECT_EQ(r.errors.find("'plain'"), std::string::npos) << r.errors;
  EXPECT_EQ(r.errors.find("'colon': GIFT"), std::string::npos) << r.errors;
  EXPECT_EQ(r.errors.find("'heavy': its text"), std::string::npos) << r.errors;
}

// A quoted answer cannot drive the terminal: a bidirectional override in it is shown escaped.
TEST(QuizContent, GiftWarningsShowQuotedTextWithControlCharactersEscaped) {
  TempDir dir;
  write_question_pack(dir, R"([[question]]
id = "sneaky"
principle = "alpha"
kind = "short"
prompt = "Type it"
answer = ["a -> b\u202Ec\tend"]
)");
  CommandResult r = coachkit({"lint", dir.str()});
  EXPECT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_NE(r.errors.find("the accepted answer \"a -> b\\u202ec\\tend\" holds"), std::string::npos)
      << r.errors;
  EXPECT_EQ(r.errors.find("\xe2\x80\xae"), std::string::npos) << r.errors;
}

// The default pack's lint warns only about what its questions truly use: the written weights
// of service-not-surrender-abusive-call (50/50/-100, which Canvas keeps as 100/100/0) and its
// 2 points, and the pinned choice of golden-rule-hold-music.
TEST(QuizContent, TheDefaultPackWarnsOnlyAboutTheFeaturesItsQuestionsUse) {
  CommandResult r = coachkit({"lint", default_pack()});
  EXPECT_EQ(r.exit_code, 0) << r.errors;
  std::vector<std::string> quiz_warnings;
  std::size_t start = 0;
  while (start < r.errors.size()) {
    std::size_t end = r.errors.find('\n', start);
    if (end == std::string::npos) end = r.errors.size();
    std::string line = r.errors.substr(start, end - start);
    if (line.find("warning: question '") != std::string::npos) quiz_warnings.push_back(line);
    start = end + 1;
  }
  ASSERT_EQ(quiz_warnings.size(), 3u) << r.errors;
  EXPECT_NE(quiz_warnings[0].find("question 'golden-rule-hold-music': GIFT cannot keep a pinned"),
            std::string::npos)
      << r.errors;
  EXPECT_NE(r.errors.find("quiz-features.toml:34:85: warning: question "
                          "'service-not-surrender-abusive-call': the weights written on its "
                          "choices (50/50/-100)"),
            std::string::npos)
      << r.errors;
  EXPECT_NE(r.errors.find("question 'service-not-surrender-abusive-call': GIFT has no points"),
            std::string::npos)
      << r.errors;
}

}  // namespace
}  // namespace coachkit
