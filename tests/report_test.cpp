// The coaching report as a coach reads it: the PDF's text through pdftotext, the HTML through
// xmllint, the chart's SVG from the page itself; and the same evaluations give the same bytes.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

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
                       const std::string& evaluator, int listen, const std::string& note,
                       const std::string& agent = "sam") {
  return "[evaluation]\nrubric = \"call-quality\"\ninteraction = \"" + interaction +
         "\"\nevaluator = \"" + evaluator + "\"\nagent = \"" + agent + "\"\ndate = " + date +
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
  std::string report(const std::string& out, const std::string& formats,
                     const std::string& evals = "evals", const std::string& agent = "--agent sam") {
    int status = 0;
    std::string log =
        run(std::string(COACHKIT_PROGRAM) +
                " report " COACHKIT_SOURCE_DIR "/content/service-principles:call-quality " +
                dir_.str() + "/" + evals + " " + agent + " --format " + formats + " --out " + out,
            &status);
    EXPECT_EQ(status, 0) << log;
    return log;
  }
  // The chart's SVG, decoded by base64(1) from the page's data: URL; empty (with a failure) where
  // there is none. Found by hand, not with std::regex: its matcher recurses once per character,
  // and the chart's kilobytes of base64 overflow the stack under AddressSanitizer.
  std::string chart_svg(const std::string& html) {
    const std::string prefix = "data:image/svg+xml;base64,";
    const std::size_t start = html.find(prefix);
    if (start == std::string::npos) {
      ADD_FAILURE() << "no SVG data URL in the page";
      return "";
    }
    const std::size_t from = start + prefix.size();
    const std::size_t end = html.find_first_not_of(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=", from);
    dir_.write("chart.b64", html.substr(from, end - from));
    int status = 0;
    std::string svg = run("base64 -d " + dir_.str() + "/chart.b64", &status);
    EXPECT_EQ(status, 0) << svg;
    return svg;
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

TEST_F(ReportTest, DocxReadByPythonDocxHasTheTextAndTheChart) {
  report(dir_.str() + "/out", "docx");
  int status = 0;
  std::string text =
      run("/usr/bin/python3 -c \"import docx,sys; d=docx.Document(sys.argv[1]); "
          "print('\\n'.join(p.text for p in d.paragraphs)); "
          "print('images', len(d.inline_shapes))\" " +
              dir_.str() + "/out/coaching-sam.docx",
          &status);
  ASSERT_EQ(status, 0) << text;
  EXPECT_NE(text.find("Coaching report: sam"), std::string::npos) << text;
  EXPECT_NE(text.find("Criteria to work on"), std::string::npos) << text;
  EXPECT_NE(text.find("images 1"), std::string::npos) << text;
}

TEST_F(ReportTest, HtmlCarriesTheGnuplotChartAndIsTheSameBytesTwice) {
  report(dir_.str() + "/one", "html");
  report(dir_.str() + "/two", "html");
  std::string one = read_file(dir_.path() / "one/coaching-sam.html");
  EXPECT_EQ(one, read_file(dir_.path() / "two/coaching-sam.html"));
  std::string svg = chart_svg(one);
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

// Names that a simplified file name used to merge: "Sam", "sam", "sam!" and "SAM" all wrote
// coaching-sam.html, and "张伟", "李娜" and "---" coaching-agent.html (7 agents, 2 files).
TEST_F(ReportTest, EveryAgentGetsTheirOwnFileEvenWhereNamesDifferOnlyByCaseOrPunctuation) {
  const std::vector<std::string> agents = {"Sam",
                                           "sam",
                                           "sam!",
                                           "SAM",
                                           "\xE5\xBC\xA0\xE4\xBC\x9F",  // 张伟
                                           "\xE6\x9D\x8E\xE5\xA8\x9C",  // 李娜
                                           "---"};
  for (std::size_t i = 0; i < agents.size(); ++i) {
    dir_.write("team/" + std::to_string(i) + ".toml",
               evaluation("call-" + std::to_string(i), "2026-11-20", "dana", 2, "ok", agents[i]));
  }
  std::string log = report(dir_.str() + "/out", "html", "team", "");
  std::set<std::string> files, folded;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path() / "out")) {
    std::string name = entry.path().filename().string();
    if (name == ".coachkit-log") continue;  // the output log every build folder keeps
    files.insert(name);
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    folded.insert(lower);
    // Safe on every common file system.
    EXPECT_EQ(name.find_first_of("/\\:*?\"<>| "), std::string::npos) << name;
    EXPECT_EQ(name.rfind("coaching-", 0), 0u) << name;
  }
  EXPECT_EQ(files.size(), agents.size()) << log;
  EXPECT_EQ(folded.size(), agents.size()) << "a case-insensitive file system would merge two";
  // Non-Latin names are kept readable.
  EXPECT_TRUE(files.count("coaching-\xE5\xBC\xA0\xE4\xBC\x9F.html")) << log;
  // Each file is its own agent's report, and the command says which file is whose.
  for (const std::string& agent : agents) {
    std::smatch m;
    ASSERT_TRUE(std::regex_search(
        log, m,
        std::regex("(\\S+\\.html): " + std::regex_replace(agent, std::regex("[!]"), "\\!") + "\n")))
        << agent << "\n"
        << log;
    std::string html = read_file(m[1].str());
    EXPECT_NE(html.find("Coaching report: " + agent + "<"), std::string::npos) << m[1].str();
  }
  // --agent writes the very file the whole run wrote for that agent.
  std::string one = report(dir_.str() + "/one", "html", "team", "--agent sam");
  std::smatch whole, alone;
  ASSERT_TRUE(std::regex_search(log, whole, std::regex("/out/(\\S+\\.html): sam\n")));
  ASSERT_TRUE(std::regex_search(one, alone, std::regex("/one/(\\S+\\.html): sam\n"))) << one;
  EXPECT_EQ(whole[1].str(), alone[1].str());
}

// The chart is a PNG in DOCX (LibreOffice left the SVG-only chart blank) with a sentence as its
// alt text (it was the whole base64 string), and LibreOffice draws it.
TEST_F(ReportTest, DocxChartIsAPngWithAShortAltTextThatLibreOfficeDraws) {
  report(dir_.str() + "/out", "docx");
  int status = 0;
  std::string parts = run(
      "/usr/bin/python3 -c \"import zipfile,re,sys; z=zipfile.ZipFile(sys.argv[1]); "
      "print('png', sum(n.startswith('word/media/') and z.read(n)[:8]==b'\\x89PNG\\r\\n\\x1a\\n' "
      "for n in z.namelist())); "
      "[print('alt', d) for d in re.findall(r'descr=\\\"([^\\\"]*)', "
      "z.read('word/document.xml').decode())]\" " +
          dir_.str() + "/out/coaching-sam.docx",
      &status);
  ASSERT_EQ(status, 0) << parts;
  EXPECT_NE(parts.find("png 1"), std::string::npos) << parts;
  std::regex alt("alt (.*)");
  int alts = 0;
  for (std::sregex_iterator it(parts.begin(), parts.end(), alt), end; it != end; ++it, ++alts) {
    EXPECT_EQ((*it)[1].str(), "Scores of sam from 2026-11-20 to 2026-11-27, between 90.0 and 93.3");
  }
  EXPECT_EQ(alts, 2) << parts;  // the drawing's and the picture's description

  // LibreOffice's rendering: dark pixels between the "Scores over time" heading and the table.
  std::string pdf_dir = dir_.str() + "/lo";
  std::string log = run("cd " + dir_.str() + " && HOME=" + dir_.str() +
                            " timeout 180 soffice --headless --convert-to pdf --outdir " + pdf_dir +
                            " out/coaching-sam.docx",
                        &status);
  ASSERT_EQ(status, 0) << log;
  std::string pdf = pdf_dir + "/coaching-sam.pdf";
  std::string words = run("pdftotext -f 1 -l 1 -bbox " + pdf + " -", &status);
  ASSERT_EQ(status, 0) << words;
  auto top_of = [&](const std::string& word) {
    std::smatch m;
    std::regex pattern("yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\">" + word + "<");
    return std::regex_search(words, m, pattern) ? std::make_pair(std::stod(m[1]), std::stod(m[2]))
                                                : std::make_pair(-1.0, -1.0);
  };
  double chart_top = top_of("time").second, chart_bottom = top_of("Date").first;
  ASSERT_GT(chart_top, 0) << words;
  ASSERT_GT(chart_bottom, chart_top + 100) << words;  // room for a chart (points)
  run("pdftoppm -f 1 -l 1 -r 72 -gray -singlefile " + pdf + " " + dir_.str() + "/page", &status);
  ASSERT_EQ(status, 0);
  std::string pgm = read_file(dir_.path() / "page.pgm");
  int width = 0, height = 0, depth = 0, used = 0;
  ASSERT_EQ(std::sscanf(pgm.c_str(), "P5 %d %d %d%n", &width, &height, &depth, &used), 3);
  std::size_t pixels = static_cast<std::size_t>(used) + 1;
  int dark = 0;
  for (int y = static_cast<int>(chart_top) + 4; y < static_cast<int>(chart_bottom) - 4; ++y) {
    for (int x = 0; x < width; ++x) {
      if (static_cast<unsigned char>(pgm[pixels + static_cast<std::size_t>(y * width + x)]) < 128) {
        ++dark;
      }
    }
  }
  EXPECT_GT(dark, 400) << "the chart's area is blank in LibreOffice";
}

// A time axis: the dates are calendar ticks (Mondays here, with evaluations on none of them),
// each once, and the bands' bounds are drawn and named.
TEST_F(ReportTest, ChartHasATimeAxisAndTheBandsAsReferenceLines) {
  dir_.write("evals/c.toml", evaluation("call-3", "2026-11-27", "kim", 3, "same day as call-2"));
  dir_.write("evals/d.toml", evaluation("call-4", "2026-12-22", "kim", 4, "much later"));
  report(dir_.str() + "/out", "html");
  std::string html = read_file(dir_.path() / "out/coaching-sam.html");
  std::string svg = chart_svg(html);
  std::vector<std::string> dates;
  std::regex date(">(\\d{4}-\\d{2}-\\d{2})<");
  for (std::sregex_iterator it(svg.begin(), svg.end(), date), end; it != end; ++it) {
    dates.push_back((*it)[1].str());
  }
  EXPECT_NE(std::find(dates.begin(), dates.end(), "2026-11-30"), dates.end()) << svg;  // Monday
  EXPECT_EQ(std::set<std::string>(dates.begin(), dates.end()).size(), dates.size());
  EXPECT_EQ(std::find(dates.begin(), dates.end(), "2026-11-27"), dates.end());  // not a tick
  for (const char* band : {">Meets expectations<", ">Exceeds expectations<"}) {
    EXPECT_NE(svg.find(band), std::string::npos) << band;
  }
}

// The ends of the years an evaluation may be dated in (1900 to 2200; evaluation files refuse
// the rest) render in every format: DOCX's zip entries hold only 1980 to 2107, and 9999-12-31
// once made pandoc fail on DOCX.
TEST_F(ReportTest, DatesAtBothEndsOfTheRangeArePrintedAndSortedInEveryFormat) {
  dir_.write("evals/c.toml", evaluation("call-0", "1900-05-05", "kim", 3, "long ago"));
  dir_.write("evals/d.toml", evaluation("call-9", "2200-12-31", "kim", 3, "far ahead"));
  report(dir_.str() + "/out", "html,docx,pdf");
  int status = 0;
  std::string text = run("pdftotext -layout " + dir_.str() + "/out/coaching-sam.pdf -", &status);
  ASSERT_EQ(status, 0) << text;
  EXPECT_NE(text.find("4 evaluations from 1900-05-05 to 2200-12-31"), std::string::npos) << text;
  std::size_t early = text.find("1900-05-05 "), later = text.find("2026-11-20 ");
  ASSERT_NE(early, std::string::npos) << text;
  EXPECT_LT(early, later) << text;
}

// A tool failing while a report is drawn names the agent and the evaluation files behind it.
TEST_F(ReportTest, AFailureNamesTheEvaluationFilesTheReportCameFrom) {
  int status = 0;
  std::string log =
      run("COACHKIT_GNUPLOT=false " + std::string(COACHKIT_PROGRAM) +
              " report " COACHKIT_SOURCE_DIR "/content/service-principles:call-quality " +
              dir_.str() + "/evals --out " + dir_.str() + "/out",
          &status);
  EXPECT_EQ(status, 2) << log;
  EXPECT_NE(log.find("the report of agent 'sam'"), std::string::npos) << log;
  EXPECT_NE(log.find("evals/a.toml"), std::string::npos) << log;
  EXPECT_NE(log.find("evals/b.toml"), std::string::npos) << log;
}

// Past 40 evaluations the report gives the scores by month and the latest 20, so its size (and
// pandoc's time and memory: 4,000 evaluations took 22 s and 2.2 GB) does not grow with them.
TEST_F(ReportTest, ManyEvaluationsGiveAMonthlyTableAndTheLatestTwenty) {
  for (int i = 0; i < 45; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "2026-%02d-%02d", 1 + i / 15, 1 + i % 15);
    dir_.write("many/" + std::to_string(i) + ".toml",
               evaluation("call-" + std::to_string(100 + i), date, "dana", 1 + i % 4,
                          "note " + std::to_string(i)));
  }
  report(dir_.str() + "/out", "html", "many");
  // pandoc wraps lines: one space for each run of white space.
  std::string html =
      std::regex_replace(read_file(dir_.path() / "out/coaching-sam.html"), std::regex("\\s+"), " ");
  EXPECT_NE(html.find("Scores by month"), std::string::npos);
  for (const char* month : {">2026-01<", ">2026-02<", ">2026-03<"}) {
    EXPECT_NE(html.find(month), std::string::npos) << month;
  }
  EXPECT_NE(html.find("The latest 20 evaluations"), std::string::npos);
  EXPECT_NE(html.find(">call-144<"), std::string::npos);  // the latest is listed
  EXPECT_EQ(html.find(">call-124<"), std::string::npos);  // the 21st latest is not
  EXPECT_NE(html.find("note 44"), std::string::npos);
  EXPECT_EQ(html.find("note 24<"), std::string::npos);
  EXPECT_NE(html.find("25 earlier evaluations have notes too"), std::string::npos);
}

namespace fs = std::filesystem;

// The report goes through the theme and the output log as a pack's documents do: --theme is
// honoured, and a report whose inputs have not changed is not rendered again.
TEST_F(ReportTest, TheThemeIsHonouredAndAnUnchangedReportIsNotRenderedAgain) {
  const fs::path html = dir_.path() / "out/coaching-sam.html";
  std::string first = report(dir_.str() + "/out", "html");
  EXPECT_EQ(first.find("unchanged"), std::string::npos) << first;
  ASSERT_TRUE(fs::exists(html));
  auto written = fs::last_write_time(html);
  std::string second = report(dir_.str() + "/out", "html");
  EXPECT_NE(second.find("coaching-sam.html: sam (unchanged)"), std::string::npos) << second;
  EXPECT_NE(second.find("written to " + dir_.str() + "/out, 1 unchanged"), std::string::npos)
      << second;
  EXPECT_EQ(fs::last_write_time(html), written);

  // A line of the modern theme's CSS that the default theme does not have.
  std::string modern = read_file(fs::path(COACHKIT_SOURCE_DIR) / "content/themes/modern/style.css");
  std::string plain = read_file(fs::path(COACHKIT_SOURCE_DIR) / "content/themes/default/style.css");
  std::string own;
  std::istringstream lines(modern);
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > 12 && plain.find(line) == std::string::npos) {
      own = line;
      break;
    }
  }
  ASSERT_FALSE(own.empty());
  EXPECT_EQ(read_file(html).find(own), std::string::npos);
  std::string themed = report(dir_.str() + "/out", "html", "evals", "--agent sam --theme modern");
  EXPECT_EQ(themed.find("unchanged"), std::string::npos) << themed;
  EXPECT_NE(read_file(html).find(own), std::string::npos) << own;

  int status = 0;
  std::string missing =
      run(std::string(COACHKIT_PROGRAM) +
              " report " COACHKIT_SOURCE_DIR "/content/service-principles:call-quality " +
              dir_.str() + "/evals --theme no-such-theme --out " + dir_.str() + "/none",
          &status);
  EXPECT_EQ(status, 1) << missing;
  EXPECT_NE(missing.find("no theme 'no-such-theme' (themes: "), std::string::npos) << missing;
  EXPECT_FALSE(fs::exists(dir_.path() / "none"));
}

}  // namespace
