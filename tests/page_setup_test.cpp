// A document's own page: the size, bleed and crop marks a generator asks for reach the PDF
// exactly, and "fit to one page" shrinks or grows the text until it fills exactly one page,
// checked with poppler's pdfinfo and pdftotext as a reader would.
#include "render/renderer.hpp"
#include "support/process.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace coachkit {
namespace {

using coachkit::testing::message_of;
using coachkit::testing::TempDir;

CommandResult run_tool(std::vector<std::string> argv) {
  SystemProcessRunner runner;
  return runner.run(Command{std::move(argv), "", 120});
}

Document words(int paragraphs, int words_each) {
  Document d;
  d.title = "Fitted";
  for (int p = 0; p < paragraphs; ++p) {
    std::string text;
    for (int w = 0; w < words_each; ++w) text += (w ? " " : "") + std::string("listen");
    d.blocks.push_back(doc::paragraph(text));
  }
  return d;
}

// Each box of `pdfinfo -box` for page 1, as "width x height" in points.
std::map<std::string, std::pair<double, double>> boxes(const std::string& pdf) {
  CommandResult info = run_tool({"pdfinfo", "-box", pdf});
  EXPECT_TRUE(info.ok()) << info.errors;
  std::map<std::string, std::pair<double, double>> out;
  std::regex line(R"((\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+))");
  for (std::sregex_iterator it(info.output.begin(), info.output.end(), line), end; it != end;
       ++it) {
    out[(*it)[1]] = {std::stod((*it)[4]) - std::stod((*it)[2]),
                     std::stod((*it)[5]) - std::stod((*it)[3])};
  }
  return out;
}

int pages(const std::string& pdf) {
  CommandResult info = run_tool({"pdfinfo", pdf});
  std::smatch m;
  return std::regex_search(info.output, m, std::regex(R"(Pages:\s+(\d+))")) ? std::stoi(m[1]) : -1;
}

// How far down the page the text reaches, as a fraction of the page height.
double text_reaches(const std::string& pdf) {
  CommandResult bbox = run_tool({"pdftotext", "-bbox", pdf, "-"});
  std::smatch page;
  std::regex_search(bbox.output, page,
                    std::regex(R"re(<page width="([\d.]+)" height="([\d.]+)")re"));
  double height = std::stod(page[2]);
  double lowest = 0;
  std::regex word(R"re(yMax="([\d.]+)")re");
  for (std::sregex_iterator it(bbox.output.begin(), bbox.output.end(), word), end; it != end;
       ++it) {
    lowest = std::max(lowest, std::stod((*it)[1]));
  }
  return lowest / height;
}

class PageSetupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<Problem> problem =
        load_theme(std::string(COACHKIT_SOURCE_DIR) + "/content/themes/default", &theme_);
    ASSERT_FALSE(problem) << problem->message;
    ASSERT_EQ(message_of(renderer_.detect_pandoc()), "");
    ASSERT_EQ(message_of(renderer_.detect_weasyprint(std::string(COACHKIT_SOURCE_DIR) +
                                                     "/core/pdf/coachkit-pdf-worker.py")),
              "");
  }
  // "" when the PDF was made, else why not.
  std::string render(const Document& d, const PageSetup& page, const std::string& name) {
    std::string input = renderer_.pandoc_input(d, Format::Pdf, theme_, &page);
    return message_of(renderer_.render_input(input, Format::Pdf, theme_, dir_.str() + "/" + name,
                                             page.fit_to_one_page));
  }
  TempDir dir_;
  SystemProcessRunner runner_;
  Renderer renderer_{runner_};
  Theme theme_;
};

TEST_F(PageSetupTest, SizeBleedAndCropMarksReachThePdf) {
  PageSetup page;
  page.width_mm = 203.2;  // 8 x 10 in
  page.height_mm = 254;
  page.bleed_mm = 3.175;  // 0.125 in
  page.crop_marks = true;
  ASSERT_EQ(render(words(2, 20), page, "poster.pdf"), "");
  auto b = boxes(dir_.str() + "/poster.pdf");
  EXPECT_NEAR(b["TrimBox"].first, 576, 0.5);
  EXPECT_NEAR(b["TrimBox"].second, 720, 0.5);
  EXPECT_GT(b["MediaBox"].first, 576 + 2 * 8);  // the bleed, and room for the marks
  EXPECT_NEAR(b["BleedBox"].first, 576 + 18, 0.5);

  PageSetup card;
  card.width_mm = 85.6;
  card.height_mm = 54;
  card.landscape = true;  // turned: 54 x 85.6
  card.margin_mm = 4;
  ASSERT_EQ(render(words(1, 5), card, "card.pdf"), "");
  auto c = boxes(dir_.str() + "/card.pdf");
  EXPECT_NEAR(c["MediaBox"].first, 153.07, 0.5);
  EXPECT_NEAR(c["MediaBox"].second, 242.65, 0.5);
}

TEST_F(PageSetupTest, FittedTextFillsExactlyOnePage) {
  PageSetup page;
  page.width_mm = 105;  // A6
  page.height_mm = 148;
  page.margin_mm = 8;
  page.fit_to_one_page = true;
  // Too little text grows to fill the page; too much shrinks onto it.
  ASSERT_EQ(render(words(2, 6), page, "short.pdf"), "");
  ASSERT_EQ(render(words(30, 15), page, "long.pdf"), "");
  EXPECT_EQ(pages(dir_.str() + "/short.pdf"), 1);
  EXPECT_EQ(pages(dir_.str() + "/long.pdf"), 1);
  EXPECT_GT(text_reaches(dir_.str() + "/short.pdf"), 0.7);
  EXPECT_GT(text_reaches(dir_.str() + "/long.pdf"), 0.7);
  // Without fitting, the long text runs onto more pages.
  page.fit_to_one_page = false;
  ASSERT_EQ(render(words(30, 15), page, "flowing.pdf"), "");
  EXPECT_GT(pages(dir_.str() + "/flowing.pdf"), 1);
  // Text that cannot fit even at the smallest size is refused, never clipped or split.
  page.fit_to_one_page = true;
  std::string error = render(words(100, 120), page, "impossible.pdf");
  EXPECT_NE(error.find("does not fit on one page"), std::string::npos) << error;
  EXPECT_FALSE(std::filesystem::exists(dir_.str() + "/impossible.pdf"));
}

}  // namespace
}  // namespace coachkit
