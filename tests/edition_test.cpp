// Participant and trainer editions, end to end: the program builds a small pack in every
// format, and each output is read as its reader would read it. The trainer's notes, timings,
// materials and suggested answers are in the trainer's edition and in no participant's file.
#include "edition_pack.hpp"
#include "office_readers.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>

namespace fs = std::filesystem;

namespace coachkit {
namespace {

using testing::libreoffice_pdf;
using testing::run_coachkit;
using testing::run_program;
using testing::TempDir;
using testing::text_of;

// Builds the pack once per test process (ctest runs each test on its own).
class Editions : public ::testing::Test {
 protected:
  void build(std::vector<std::string> options = {}) {
    testing::write_edition_pack(dir_);
    std::vector<std::string> args = {"build", (dir_.path() / "pack").string(), "--out",
                                     (dir_.path() / "out").string()};
    args.insert(args.end(), options.begin(), options.end());
    CommandResult built = run_coachkit(args);
    ASSERT_EQ(built.exit_code, 0) << built.output << built.errors;
  }
  fs::path out(const std::string& relative) const { return dir_.path() / "out" / "ed" / relative; }
  std::string text(const std::string& relative) const {
    std::string error;
    std::string text = text_of(out(relative), &error);
    EXPECT_TRUE(error.empty()) << error;
    return text;
  }
  TempDir dir_;
};

TEST_F(Editions, TrainersNotesAreInTheTrainersEditionAndInNoParticipantsFile) {
  build();  // every format, both editions
  {
    SCOPED_TRACE("participant");
    std::vector<std::string> files = {"ed-slides.pptx"};
    for (const char* ext : {"html", "pdf", "docx", "odt", "md"}) {
      for (const char* name : {"ed-handout.", "handouts/listen.", "activities/plan."}) {
        files.push_back(name + std::string(ext));
      }
    }
    for (const std::string& file : files) {
      ASSERT_TRUE(fs::exists(out(file))) << file;
      std::string seen = text(file);
      EXPECT_NE(seen.find("Listen first"), std::string::npos) << file << " lacks its content";
      for (const std::string& word : testing::kTrainerOnly) {
        EXPECT_EQ(seen.find(word), std::string::npos) << file << " shows '" << word << "'";
      }
    }
  }
  {
    SCOPED_TRACE("trainer");
    for (const char* ext : {"html", "pdf", "docx", "odt", "md"}) {
      for (const char* name : {"trainer/activities/plan.", "trainer/ed-handout."}) {
        std::string file = name + std::string(ext);
        std::string seen = text(file);
        for (const std::string& word : testing::kTrainerOnly) {
          EXPECT_NE(seen.find(word), std::string::npos) << file << " lacks '" << word << "'";
        }
      }
      // A principle's handout names its activities; the trainer's gives their time.
      std::string file = "trainer/handouts/listen." + std::string(ext);
      EXPECT_NE(text(file).find("47 minutes"), std::string::npos) << file;
    }
  }
}

TEST_F(Editions, TheActivityWorksheetHasTheGridWithTotalsAndLinesToWriteOn) {
  build({"--format", "docx", "--edition", "participant"});
  auto cells = nlohmann::json::parse(text("activities/grid.docx"))["cells"];
  // Counted by hand from the pack: a header row (a blank corner, five causes, Total), three
  // breakdowns and a Total row, seven cells each; then one empty cell per writing line.
  ASSERT_GE(cells.size(), 35u);
  EXPECT_EQ(cells[1], "Process");
  EXPECT_EQ(cells[6], "Total");
  EXPECT_EQ(cells[7], "Breakdown 1");
  EXPECT_EQ(cells[28], "Total");
  for (std::size_t i = 8; i < 35; ++i) {
    if (i % 7 != 0) {
      EXPECT_EQ(cells[i], "") << "cell " << i << " is left to fill in";
    }
  }
  // Two debrief questions, three lines each.
  EXPECT_EQ(cells.size(), 35u + 6u);
}

TEST_F(Editions, OneEditionAskedForIsTheOnlyOneBuiltAndAnUnknownOneIsRefused) {
  build({"--edition", "participant", "--format", "md"});
  EXPECT_TRUE(fs::exists(out("activities/plan.md")));
  EXPECT_FALSE(fs::exists(out("trainer")));

  CommandResult refused =
      run_coachkit({"build", (dir_.path() / "pack").string(), "--out",
                    (dir_.path() / "out").string(), "--edition", "coach", "--format", "md"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE((refused.output + refused.errors).find("unknown edition 'coach'"), std::string::npos)
      << refused.output << refused.errors;
}

// The first page's size as pdfinfo reports it, in whole points ("612x792" for letter).
std::string page_size(const std::string& pdf) {
  CommandResult info = run_program({"pdfinfo", pdf});
  std::smatch m;
  if (!std::regex_search(info.output, m, std::regex(R"(Page size:\s+([\d.]+) x ([\d.]+))"))) {
    return "none";
  }
  return std::to_string(std::lround(std::stod(m[1]))) + "x" +
         std::to_string(std::lround(std::stod(m[2])));
}

TEST_F(Editions, OnePaperSizeForPdfDocxAndOdtWithPageNumbersInEach) {
  testing::write_edition_pack(dir_);
  {
    std::ofstream pack(dir_.path() / "pack" / "pack.toml", std::ios::app);
    pack << "paper = \"letter\"\n";
  }
  CommandResult built = run_coachkit({"build", (dir_.path() / "pack").string(), "--out",
                                      (dir_.path() / "out").string(), "--format", "pdf,docx,odt",
                                      "--only", "handout,rubric", "--edition", "participant"});
  ASSERT_EQ(built.exit_code, 0) << built.output << built.errors;
  EXPECT_EQ(page_size(out("handouts/listen.pdf").string()), "612x792");
  for (const char* office : {"handouts/listen.docx", "handouts/listen.odt"}) {
    SCOPED_TRACE(office);
    std::string error;
    std::string pdf = libreoffice_pdf(out(office), dir_.path() / "lo", &error);
    ASSERT_FALSE(pdf.empty()) << error;
    EXPECT_EQ(page_size(pdf), "612x792");
    // "page / pages" at the foot of every page, as the PDF prints it.
    std::smatch m;
    std::string info = run_program({"pdfinfo", pdf}).output;
    ASSERT_TRUE(std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))")));
    std::string pages = m[1];
    for (int page = 1; page <= std::stoi(pages); ++page) {
      std::string seen = run_program({"pdftotext", "-f", std::to_string(page), "-l",
                                      std::to_string(page), pdf, "-"})
                             .output;
      EXPECT_TRUE(std::regex_search(
          seen, std::regex("\\b" + std::to_string(page) + "\\s*/\\s*" + pages + "\\b")))
          << "page " << page << ": " << seen;
    }
  }

  // A project's choice wins over the pack's, for every format.
  dir_.write("coachkit.toml", "[project]\npacks = [\"pack\"]\npaper = \"a4\"\n");
  built = run_coachkit({"build", dir_.path().string(), "--out", (dir_.path() / "out").string(),
                        "--format", "pdf,docx", "--only", "handout", "--edition", "participant"});
  ASSERT_EQ(built.exit_code, 0) << built.output << built.errors;
  EXPECT_EQ(page_size(out("handouts/listen.pdf").string()), "595x842");
  std::string error;
  std::string pdf = libreoffice_pdf(out("handouts/listen.docx"), dir_.path() / "lo2", &error);
  ASSERT_FALSE(pdf.empty()) << error;
  EXPECT_EQ(page_size(pdf), "595x842");

  dir_.write("coachkit.toml", "[project]\npacks = [\"pack\"]\npaper = \"a5\"\n");
  CommandResult refused = run_coachkit(
      {"build", dir_.path().string(), "--out", (dir_.path() / "out").string(), "--format", "md"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.errors.find("coachkit.toml:3:9: 'paper' is \"a5\"; expected \"a4\" or "
                                "\"letter\""),
            std::string::npos)
      << refused.errors;
}

// The height of the largest word `word` on the PDF's pages (pdftotext -bbox), in points: the
// heading, where the pack handout's contents also list the same word in running text.
double word_height(const std::string& pdf, const std::string& word) {
  std::string boxes = run_program({"pdftotext", "-bbox", pdf, "-"}).output;
  std::regex box(R"re(<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">)re" +
                 word + "</word>");
  double largest = 0;
  for (std::sregex_iterator m(boxes.begin(), boxes.end(), box), end; m != end; ++m) {
    largest = std::max(largest, std::stod((*m)[2]) - std::stod((*m)[1]));
  }
  return largest;
}

TEST_F(Editions, AnActivitysTitleIsLargerThanItsStepsHeadingInOdtAndDocx) {
  build({"--format", "odt,docx", "--only", "handout", "--edition", "participant"});
  for (const char* office : {"activities/plan.odt", "ed-handout.odt", "activities/plan.docx"}) {
    SCOPED_TRACE(office);
    std::string error;
    std::string pdf = libreoffice_pdf(out(office), dir_.path() / "lo", &error);
    ASSERT_FALSE(pdf.empty()) << error;
    double title = word_height(pdf, "Plan"), steps = word_height(pdf, "Steps");
    ASSERT_GT(steps, 0);
    EXPECT_GT(title, steps * 1.1) << "title " << title << " pt, Steps " << steps << " pt";
  }
}

}  // namespace
}  // namespace coachkit
