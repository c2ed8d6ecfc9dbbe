// The rubric plugin as a QA analyst meets it: the scorecard in HTML (criteria as rows, levels
// as columns with their descriptors, weights, legend, method) and a blank evaluation file that,
// once filled in, `coachkit score` accepts. Hostile rubric text stays literal in both.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <cstdio>
#include <regex>

namespace {

using coachkit::testing::read_file;
using coachkit::testing::TempDir;

// A command's output and error output, and its exit status.
std::string shell(const std::string& command_line, int* status) {
  std::string command = command_line + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  int s = pclose(pipe);
  *status = WIFEXITED(s) ? WEXITSTATUS(s) : -1;
  return out;
}

std::string run(const std::string& arguments, int* status) {
  return shell(std::string(COACHKIT_PROGRAM) + " " + arguments, status);
}

// The text of an HTML file as a browser would show it, through xmllint (not our code).
std::string html_text(const std::string& file) {
  int status = 0;
  std::string command = "xmllint --html --xpath 'string(/html/body)' " + file + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  status = pclose(pipe);
  (void)status;
  return std::regex_replace(out, std::regex("\\s+"), " ");
}

TEST(RubricPlugin, ScorecardShowsLevelsWithDescriptorsWeightsLegendAndMethod) {
  TempDir out;
  int status = 0;
  std::string log = run("build " COACHKIT_SOURCE_DIR "/content/service-principles --out " +
                            out.str() + " --only rubric --format html",
                        &status);
  ASSERT_EQ(status, 0) << log;
  std::string html = out.str() + "/service-principles/rubrics/call-quality.html";
  std::string text = html_text(html);
  for (const char* expected :
       {"Agent", "Evaluator", "Date", "Interaction", "Respect (weight 15 of 100)", "1 Not shown",
        "The behavior was needed and did not happen", "4 Model",
        "Consistent, and done so well that the call could be used to teach it.",
        "Stays calm and even when the customer is upset.", "[Critical: fails the form]",
        "[Critical: zeroes section]", "[Bonus]", "removes the criterion from the score",
        "weighted by the section weights", "Needs improvement", "0 to below 70"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
}

// A scorecard in DOCX and ODT opens in landscape with its title once, read by LibreOffice.
TEST(RubricPlugin, OfficeScorecardIsLandscapeWithItsTitleOnce) {
  TempDir out;
  int status = 0;
  std::string log = run("build " COACHKIT_SOURCE_DIR "/content/service-principles --out " +
                            out.str() + " --only rubric --format docx,odt",
                        &status);
  ASSERT_EQ(status, 0) << log;
  for (const char* ext : {"docx", "odt"}) {
    SCOPED_TRACE(ext);
    std::string file = out.str() + "/service-principles/rubrics/call-quality." + ext;
    std::string folder = out.str() + "/pdf-" + ext;
    shell("soffice -env:UserInstallation=file://" + out.str() +
              "/lo --headless --convert-to pdf --outdir " + folder + " " + file,
          &status);
    std::string pdf = folder + "/call-quality.pdf";
    std::string info = shell("pdfinfo " + pdf, &status);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(info, m, std::regex(R"(Page size:\s+([\d.]+) x ([\d.]+))")))
        << info;
    EXPECT_GT(std::stod(m[1]), std::stod(m[2])) << "not landscape: " << info;
    std::string text = shell("pdftotext " + pdf + " -", &status);
    std::size_t first = text.find("Scorecard, version");
    ASSERT_NE(first, std::string::npos) << text;
    EXPECT_EQ(text.find("Scorecard, version", first + 1), std::string::npos)
        << "the title is printed twice";
  }
}

TEST(RubricPlugin, BlankEvaluationFilledInIsScored) {
  TempDir out;
  int status = 0;
  std::string log = run("build " COACHKIT_SOURCE_DIR "/content/service-principles --out " +
                            out.str() + " --only rubric --format html",
                        &status);
  ASSERT_EQ(status, 0) << log;
  std::string blank =
      read_file(out.path() / "service-principles/rubrics/call-quality-evaluation.toml");
  // Every criterion of version 2 has a line to fill in.
  for (const char* id : {"respect-every-caller", "verifies-identity", "case-notes", "second-mile",
                         "take-it-personally"}) {
    EXPECT_NE(blank.find(std::string("\n") + id + " = \"\""), std::string::npos) << id;
  }
  // Filled in as an analyst would: every level 4, every yes/no "yes", points 2.
  std::string filled = std::regex_replace(blank, std::regex("= \"\"  # a level from 1 to 4"),
                                          "= 4  # a level from 1 to 4");
  filled = std::regex_replace(filled, std::regex("= \"\"  # \"yes\" or \"no\""),
                              "= \"yes\"  # \"yes\" or \"no\"");
  filled = std::regex_replace(filled, std::regex("= \"\"  # 0 to 2 points"), "= 2  #");
  filled = std::regex_replace(filled, std::regex("interaction = \"\""), "interaction = \"c-1\"");
  filled = std::regex_replace(filled, std::regex("evaluator = \"\""), "evaluator = \"dana\"");
  filled = std::regex_replace(filled, std::regex("agent = \"\""), "agent = \"sam\"");
  filled = std::regex_replace(filled, std::regex("date = \"\""), "date = 2026-11-20");
  out.write("filled.toml", filled);
  std::string scored =
      run("score " COACHKIT_SOURCE_DIR "/content/service-principles:call-quality " + out.str() +
              "/filled.toml",
          &status);
  EXPECT_EQ(status, 0) << scored << filled;
  // All met, and the bonus on top: 100, the top band.
  EXPECT_NE(scored.find("score 100.0, Exceeds expectations, compliance 100.0"), std::string::npos)
      << scored;
}

TEST(RubricPlugin, HostileRubricTextStaysLiteral) {
  TempDir dir;
  dir.write("pack/pack.toml",
            "[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\nlanguage = \"en\"\n"
            "authors = [\"A\"]\nlicense = \"MIT\"\n");
  dir.write("pack/rubrics/form.toml", R"([rubric]
id = "form"
title = "Form\nevil = \"injected\""
[[rubric.section]]
title = "<script>alert(1)</script>"
weight = 100
[[rubric.section.criterion]]
id = "a"
text = "**bold** <img src=x onerror=alert(2)> [link](http://example.com)\n[answers]\nb = 1"
)");
  int status = 0;
  std::string log =
      run("build " + dir.str() + "/pack --out " + dir.str() + "/out --only rubric --format html",
          &status);
  ASSERT_EQ(status, 0) << log;
  std::string html = read_file(dir.path() / "out/p/rubrics/form.html");
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html_text(dir.str() + "/out/p/rubrics/form.html").find("<script>alert(1)</script>"),
            std::string::npos);
  std::string blank = read_file(dir.path() / "out/p/rubrics/form-evaluation.toml");
  // The text's line breaks are spaces inside the comment: no key or table comes out of it.
  EXPECT_EQ(blank.find("\nevil"), std::string::npos) << blank;
  EXPECT_EQ(blank.find("\n[answers]\nb = 1"), std::string::npos) << blank;
  EXPECT_EQ(blank.find("\nb = 1"), std::string::npos) << blank;
}

}  // namespace
