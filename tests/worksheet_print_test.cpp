// Worksheets keep their boxes in every format: the breakdown grid, its writing lines and the
// do's-and-don'ts table print with their rules in HTML/PDF, DOCX and ODT alike, and the ODT
// opens in LibreOffice in the theme's look. Read with the standard library's XML reader,
// LibreOffice headless, pdftotext, pdffonts and the pixels of pdftoppm's page images.
#include "edition_pack.hpp"
#include "office_readers.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace fs = std::filesystem;

namespace coachkit {
namespace {

using testing::run_coachkit;
using testing::run_program;
using testing::TempDir;

// Horizontal rules on the pages of `pdf`: runs of pixel rows that are dark across at least half
// the page's width (a rule; text never is). Counted on grey page images from pdftoppm.
int horizontal_rules(const std::string& pdf, const fs::path& work, std::string* error) {
  fs::path source(pdf);
  fs::path prefix =
      work / (source.parent_path().filename().string() + "-" + source.stem().string() + "-page");
  CommandResult r = run_program({"pdftoppm", "-gray", "-r", "50", pdf, prefix.string()});
  if (!r.ok()) {
    *error = r.errors;
    return -1;
  }
  int rules = 0;
  for (const auto& entry : fs::directory_iterator(work)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix.filename().string(), 0) != 0 || entry.path().extension() != ".pgm")
      continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string magic;
    int width = 0, height = 0, max = 0;
    in >> magic >> width >> height >> max;
    in.get();
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height);
    in.read(reinterpret_cast<char*>(pixels.data()), static_cast<std::streamsize>(pixels.size()));
    bool previous = false;
    for (int y = 0; y < height; ++y) {
      int dark = 0;
      for (int x = 0; x < width; ++x) dark += pixels[static_cast<std::size_t>(y) * width + x] < 235;
      bool rule = dark >= width / 2;
      if (rule && !previous) ++rules;
      previous = rule;
    }
  }
  return rules;
}

class WorksheetPrint : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_edition_pack(dir_);
    CommandResult built = run_coachkit({"build", (dir_.path() / "pack").string(), "--out",
                                        (dir_.path() / "out").string(), "--edition", "participant",
                                        "--format", "odt,docx,pdf"});
    ASSERT_EQ(built.exit_code, 0) << built.output << built.errors;
  }
  fs::path out(const std::string& relative) const { return dir_.path() / "out" / "ed" / relative; }
  TempDir dir_;
};

TEST_F(WorksheetPrint, OdtTableCellsCarryRulesAndWritingLinesOnlyARuleBelow) {
  for (const char* file : {"activities/grid.odt", "handouts/listen.odt"}) {
    SCOPED_TRACE(file);
    CommandResult r = run_program(
        {"/usr/bin/python3", testing::test_script("office_parts.py"), out(file).string()});
    ASSERT_TRUE(r.ok()) << r.errors;
    auto tables = nlohmann::json::parse(r.output)["tables"];
    ASSERT_FALSE(tables.empty());
    int ruled_tables = 0, line_tables = 0;
    for (const auto& table : tables) {
      bool all_boxed = true, all_lines = true;
      for (const auto& cell : table["cells"]) {
        auto shown = [&](const char* side) {
          std::string value = cell[side];
          return !value.empty() && value != "none";
        };
        all_boxed = all_boxed && shown("border_top") && shown("border_bottom") &&
                    shown("border_left") && shown("border_right");
        all_lines = all_lines && shown("border_bottom") && !shown("border_left") &&
                    !shown("border_right") && !shown("border_top");
      }
      ruled_tables += all_boxed;
      line_tables += all_lines;
      EXPECT_TRUE(all_boxed || all_lines) << table["name"] << " has cells without rules";
    }
    // grid.odt: the grid and the lines under each of its two debrief questions;
    // listen.odt: the do's and don'ts, and the grid of the activity that practises it.
    EXPECT_GE(ruled_tables, 1);
    if (std::string(file) == "activities/grid.odt") {
      EXPECT_EQ(line_tables, 2);
    }
  }
}

TEST_F(WorksheetPrint, LibreOfficeOpensTheOdtAndDocxWithTheirGridAndLines) {
  std::string error;
  TempDir work;
  std::string weasy = out("activities/grid.pdf").string();
  for (const char* file : {"activities/grid.odt", "activities/grid.docx"}) {
    SCOPED_TRACE(file);
    std::string pdf = testing::libreoffice_pdf(out(file), work.path(), &error);
    ASSERT_FALSE(pdf.empty()) << error;
    CommandResult text = run_program({"pdftotext", "-layout", pdf, "-"});
    ASSERT_TRUE(text.ok());
    for (const char* expected :
         {"Score the breakdowns", "Presentation", "Breakdown 3", "Total", "Which column won?"}) {
      EXPECT_NE(text.output.find(expected), std::string::npos) << expected;
    }
    // The theme's font (the default theme: DejaVu Sans), not the office suite's default.
    CommandResult fonts = run_program({"pdffonts", pdf});
    EXPECT_NE(fonts.output.find("DejaVuSans"), std::string::npos) << fonts.output;
  }
  // Counted by hand: the grid has a header, three breakdowns and a total (six rules across),
  // then three lines under each of two questions: twelve at least (a title rule may add more).
  for (const std::string& pdf :
       {testing::libreoffice_pdf(out("activities/grid.odt"), work.path(), &error),
        testing::libreoffice_pdf(out("activities/grid.docx"), work.path(), &error), weasy}) {
    SCOPED_TRACE(pdf);
    int rules = horizontal_rules(pdf, work.path(), &error);
    EXPECT_GE(rules, 12) << error;
  }
}

// A theme that says nothing about worksheets (here: a font and nothing else) still prints the
// grid and the writing lines: they come from coachkit's layout stylesheet, not from the theme.
TEST_F(WorksheetPrint, ABareThemeStillPrintsTheGridAndItsWritingLines) {
  fs::path theme = dir_.path() / "bare-theme";
  fs::create_directories(theme);
  std::ofstream(theme / "style.css") << "body { font-family: \"DejaVu Sans\", sans-serif; }\n";
  CommandResult built =
      run_coachkit({"build", (dir_.path() / "pack").string(), "--out",
                    (dir_.path() / "bare-out").string(), "--edition", "participant", "--format",
                    "pdf", "--theme", theme.string(), "--only", "handout"});
  ASSERT_EQ(built.exit_code, 0) << built.output << built.errors;
  std::string error;
  TempDir work;
  // As above: six rules across the grid and three lines under each of two questions.
  int rules = horizontal_rules((dir_.path() / "bare-out/ed/activities/grid.pdf").string(),
                               work.path(), &error);
  EXPECT_GE(rules, 12) << error;
}

}  // namespace
}  // namespace coachkit
