// The default pack's slide deck as a room sees it: each theme's deck converted to PDF by
// LibreOffice Impress headless, then read with poppler. Every line of text lies inside the slide
// (pdftotext -bbox-layout against pdfinfo's page size), no do or don't is lost off the slide, the
// title slide names the pack's authors, and the title slide carries the theme's colour.
#include "office_readers.hpp"
#include "pack/pack_loader.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

namespace fs = std::filesystem;

namespace coachkit {
namespace {

using testing::run_coachkit;
using testing::run_program;
using testing::TempDir;

// "a  b\nc" -> "a b c": pdftotext breaks lines where the slide does.
std::string words(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

// pdftotext stops a line at the slide's edge, so a word cut there would be lost: compare the
// text before its last word.
std::string shown_part(const std::string& text) {
  std::string w = words(text);
  return w.substr(0, w.rfind(' '));
}

class DeckFit : public ::testing::TestWithParam<const char*> {
 protected:
  static void SetUpTestSuite() {
    Diagnostics diagnostics;
    auto loaded =
        load_pack(std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles", diagnostics);
    ASSERT_TRUE(loaded) << diagnostics.to_string();
    pack_ = new Pack(std::move(*loaded));
    work_ = new TempDir;
    // One LibreOffice run for the three themes' decks: each start costs seconds.
    std::vector<std::string> convert = {
        "soffice",
        "-env:UserInstallation=file://" + (work_->path() / "lo").string(),
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        (work_->path() / "pdf").string()};
    for (const char* theme : {"default", "classic", "modern"}) {
      fs::path out = work_->path() / theme;
      CommandResult built = run_coachkit(
          {"build", std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles", "--out",
           out.string(), "--only", "slides", "--edition", "participant", "--theme", theme});
      ASSERT_EQ(built.exit_code, 0) << built.output << built.errors;
      fs::path deck = work_->path() / (std::string(theme) + ".pptx");
      fs::copy_file(out / "service-principles" / "service-principles-slides.pptx", deck);
      convert.push_back(deck.string());
    }
    CommandResult r = run_program(convert, 240);
    ASSERT_TRUE(r.started) << "LibreOffice (soffice) was not found: install "
                              "libreoffice-impress-nogui (COACHKIT_TEST_TOOLS=1 tools/setup.sh)";
    ASSERT_TRUE(r.ok()) << r.output << r.errors;
  }
  static void TearDownTestSuite() {
    delete work_;
    delete pack_;
  }
  fs::path pdf() const { return work_->path() / "pdf" / (std::string(GetParam()) + ".pdf"); }
  static Pack* pack_;
  static TempDir* work_;
};

Pack* DeckFit::pack_ = nullptr;
TempDir* DeckFit::work_ = nullptr;

TEST_P(DeckFit, EveryLineOfTextLiesInsideTheSlide) {
  ASSERT_TRUE(fs::exists(pdf())) << pdf();
  CommandResult info = run_program({"pdfinfo", pdf().string()});
  ASSERT_TRUE(info.ok()) << info.errors;
  std::smatch size;
  ASSERT_TRUE(std::regex_search(info.output, size,
                                std::regex(R"(Page size:\s+([0-9.]+) x ([0-9.]+) pts)")));
  double width = std::stod(size[1]), height = std::stod(size[2]);
  CommandResult boxes = run_program({"pdftotext", "-bbox-layout", pdf().string(), "-"});
  ASSERT_TRUE(boxes.ok()) << boxes.errors;
  std::regex line(
      R"rx(<line xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">)rx");
  std::regex word(R"(<word [^>]*>([^<]*)</word>)");
  int lines = 0, slide = 0;
  for (std::size_t at = 0;;) {
    std::size_t next = boxes.output.find("<line ", at);
    std::size_t next_page = boxes.output.find("<page ", at);
    if (next_page != std::string::npos && (next == std::string::npos || next_page < next)) {
      ++slide;
      at = next_page + 1;
      continue;
    }
    if (next == std::string::npos) break;
    std::size_t end = boxes.output.find("</line>", next);
    std::string xml = boxes.output.substr(next, end - next);
    at = end;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(xml, m, line));
    std::string text;
    for (std::sregex_iterator w(xml.begin(), xml.end(), word), stop; w != stop; ++w) {
      text += (text.empty() ? "" : " ") + (*w)[1].str();
    }
    ++lines;
    EXPECT_TRUE(std::stod(m[1]) >= 0 && std::stod(m[2]) >= 0 && std::stod(m[3]) <= width &&
                std::stod(m[4]) <= height)
        << "slide " << slide << ": '" << text << "' at (" << m[1] << ", " << m[2] << ")-(" << m[3]
        << ", " << m[4] << ") runs off the " << width << " x " << height << " pt slide";
  }
  EXPECT_GT(lines, 100) << "a deck of the default pack has text on every slide";
}

TEST_P(DeckFit, NoDoOrDontIsLostOffTheSlide) {
  CommandResult text = run_program({"pdftotext", pdf().string(), "-"});
  ASSERT_TRUE(text.ok()) << text.errors;
  std::string seen = words(text.output);
  for (const Principle& p : pack_->principles) {
    for (const auto* behaviors : {&p.dos, &p.donts}) {
      for (const Behavior& b : *behaviors) {
        EXPECT_NE(seen.find(shown_part(b.text)), std::string::npos) << p.id << ": " << b.text;
      }
    }
  }
}

TEST_P(DeckFit, TheTitleSlideNamesThePacksAuthorsOnTheThemesColour) {
  CommandResult first = run_program({"pdftotext", "-f", "1", "-l", "1", pdf().string(), "-"});
  ASSERT_TRUE(first.ok()) << first.errors;
  EXPECT_NE(first.output.find(pack_->title), std::string::npos);
  for (const std::string& author : pack_->authors) {
    EXPECT_NE(first.output.find(author), std::string::npos) << author;
  }
  // The title slide's corner: the theme's cover colour, dark, not the office suite's white.
  fs::path prefix = work_->path() / (std::string(GetParam()) + "-title");
  CommandResult image = run_program({"pdftoppm", "-r", "10", "-f", "1", "-l", "1", "-singlefile",
                                     pdf().string(), prefix.string()});
  ASSERT_TRUE(image.ok()) << image.errors;
  std::ifstream in(prefix.string() + ".ppm", std::ios::binary);
  std::string magic;
  int w = 0, h = 0, max = 0;
  in >> magic >> w >> h >> max;
  in.get();
  unsigned char rgb[3] = {255, 255, 255};
  in.read(reinterpret_cast<char*>(rgb), 3);
  ASSERT_EQ(magic, "P6");
  EXPECT_LT((rgb[0] + rgb[1] + rgb[2]) / 3, 128)
      << "the title slide's background is " << int(rgb[0]) << "," << int(rgb[1]) << ","
      << int(rgb[2]);
}

INSTANTIATE_TEST_SUITE_P(Themes, DeckFit, ::testing::Values("default", "classic", "modern"));

}  // namespace
}  // namespace coachkit
