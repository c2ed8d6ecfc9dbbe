// The coaching report as a coach reads it: the PDF's text through pdftotext, the HTML through
// xmllint, the chart's SVG from the page itself; and the same evaluations give the same bytes.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <cstdio>
#include <regex>

namespace {

using coachkit::testing::read_file;
using coachkit::testing::TempDir;

std::string run(const std::string& command, int* status) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  std::string out;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  int s = pclose(pipe);
  *status = WIFEXITED(s) ? WEXITSTATUS(s) : -1;
  return out;
}

std::string evaluation(const std::string& interaction, const std::string& date,
                       const std::string& evaluator, int listen, const std::string& note) {
  return "[evaluation]\nrubric = \"call-quality\"\ninteraction = \"" + interaction +
         "\"\nevaluator = \"" + evaluator + "\"\nagent = \"sam\"\ndate = " + date +
         "\n\n[answers]\nrespect-every-caller = 4\nassume-customer-wrong = 4\n"
         "argue-with-customer = \"yes\"\nlisten-to-understand = " +
         std::to_string(listen) +
         "\nchecks-understanding = 4\nhelp-to-the-clock = 4\nmislead-customer = \"yes\"\n"
         "be-above-board = 4\nverifies-identity = \"yes\"\nresolves-reason = 4\n"
         "no-rushed-close = \"yes\"\ncase-notes = 2\ntolerate-occasional-rudeness = \"na\"\n"
         "end-abuse-decisively = \"na\"\ntake-it-personally = 4\n\n[notes]\n"
         "listen-to-understand = \"" +
         note + "\"\n";
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Only listening is ever below the top level: 1, then 2 ((1-1)/3 = 0%, (2-1)/3 = 33.3%,
    // mean 16.7%), so it is the weakest criterion and the report shows its principle.
    dir_.write("evals/a.toml",
               evaluation("call-1", "2026-11-20", "dana", 1, "Interrupted <b>twice</b>"));
    dir_.write("evals/b.toml", evaluation("call-2", "2026-11-27", "lee", 2,
                                          "Better; still finished the customer's sentences"));
  }
  std::string report(const std::string& out, const std::string& formats) {
    int status = 0;
    std::string log =
        run(std::string(COACHKIT_PROGRAM) +
                " report " COACHKIT_SOURCE_DIR "/content/service-principles:call-quality " +
                dir_.str() + "/evals --agent sam --format " + formats + " --out " + out,
            &status);
    EXPECT_EQ(status, 0) << log;
    return log;
  }
  TempDir dir_;
};

TEST_F(ReportTest, PdfShowsScoresWeakestCriterionWithItsPrincipleAndTheNotes) {
  report(dir_.str() + "/out", "pdf");
  int status = 0;
  std::string text = run("pdftotext -layout " + dir_.str() + "/out/coaching-sam.pdf -", &status);
  ASSERT_EQ(status, 0) << text;
  text = std::regex_replace(text, std::regex("\\s+"), " ");
  for (const char* expected :
       {"Coaching report: sam", "Scores over time", "call-1", "call-2",
        "Listen until you understand what the customer actually needs", "16.7%",
        "The principle: Service.",  // the principle behind the weakest criterion
        "Give just enough help to end the call inside the time target.",  // its don't
        "Interrupted <b>twice</b>",  // the evaluator's note, literal
        "Better; still finished the customer's sentences", "Sections, strongest first"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST_F(ReportTest, HtmlCarriesTheGnuplotChartAndIsTheSameBytesTwice) {
  report(dir_.str() + "/one", "html");
  report(dir_.str() + "/two", "html");
  std::string one = read_file(dir_.path() / "one/coaching-sam.html");
  EXPECT_EQ(one, read_file(dir_.path() / "two/coaching-sam.html"));
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(one, m, std::regex("data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)")));
  dir_.write("chart.b64", m[1].str());
  int status = 0;
  std::string svg = run("base64 -d " + dir_.str() + "/chart.b64", &status);
  ASSERT_EQ(status, 0);
  EXPECT_NE(svg.find("Produced by GNUPLOT"), std::string::npos);
  // Both scores are labelled on the chart. Scores by hand: call-1 listen 1 (weight 2) -> 0 of
  // 5 in Understanding: (0 + 1 + 2) / 5 = 60; every other section 100:
  // (15 + 25·0.6 + 25 + 25 + 10) / 100 = 90.0. call-2: listen 2 -> 0.667: 3.667 / 5 = 73.3;
  // (15 + 25·0.7333 + 25 + 25 + 10) = 93.3.
  EXPECT_NE(svg.find(">90.0<"), std::string::npos) << svg.substr(0, 2000);
  EXPECT_NE(svg.find(">93.3<"), std::string::npos);
  // The note is text, never markup.
  EXPECT_EQ(one.find("<b>twice</b>"), std::string::npos);
}

}  // namespace
