// Posters end to end: the coachkit program builds them, and poppler (pdfinfo, pdftotext,
// pdffonts, pdftoppm) reads them as a print shop would: the boxes to the point, one page, every
// item's words, fonts embedded, the background in the bleed; too much text and bad input are
// refused with the author's FILE:LINE:COL.
#include "pack/pack_loader.hpp"
#include "poster_support.hpp"
#include "support/process.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <regex>

namespace fs = std::filesystem;
using coachkit::testing::read_file;
using coachkit::testing::TempDir;

namespace coachkit {
namespace {

using namespace coachkit::poster_testing;

// The default pack's posters are built once for the tests that read them.
class DefaultPosters : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    out_ = new TempDir();
    result_ = new CommandResult(run(
        {"build", default_pack(), "--out", out_->str(), "--only", "poster", "--format", "pdf"}));
  }
  static void TearDownTestSuite() {
    delete out_;
    delete result_;
  }
  static fs::path poster(const std::string& name) {
    return out_->path() / "service-principles" / "posters" / name;
  }
  static TempDir* out_;
  static CommandResult* result_;
};
TempDir* DefaultPosters::out_ = nullptr;
CommandResult* DefaultPosters::result_ = nullptr;

TEST_F(DefaultPosters, EachIsOnePageAtItsFrameWithEveryItemsWordsAndEmbeddedFonts) {
  ASSERT_EQ(result_->exit_code, 0) << result_->errors;
  Diagnostics diagnostics;
  auto pack = load_pack(default_pack(), diagnostics);
  ASSERT_TRUE(pack) << diagnostics.to_string();
  // The pack's own sizes, in points (72 to the inch, 72/25.4 to the millimetre): by hand.
  std::map<std::string, std::pair<double, double>> frames = {
      {"life-principles", {792, 1008}},                                      // 11x14
      {"service-principles", {792, 1008}}, {"dos-and-donts", {1152, 1440}},  // 16x20
      {"service-group", {1728, 2592}},                                       // 24x36
      {"life-group", {1224, 792}},                                           // 11x17, landscape
  };
  ASSERT_GE(pack->posters.size(), 5u);
  for (const Poster& p : pack->posters) {
    SCOPED_TRACE(p.id);
    fs::path pdf = poster(p.id + ".pdf");
    ASSERT_TRUE(fs::exists(pdf));
    EXPECT_EQ(pages(pdf), 1);
    auto b = boxes(pdf);
    ASSERT_TRUE(frames.count(p.id));
    EXPECT_NEAR(b["TrimBox"].width(), frames[p.id].first, 0.5);
    EXPECT_NEAR(b["TrimBox"].height(), frames[p.id].second, 0.5);
    EXPECT_NEAR(b["MediaBox"].width(), frames[p.id].first, 0.5);  // no bleed asked for
    std::string words = pdf_words(pdf);
    std::vector<std::string> expected = {p.title, p.subtitle};
    for (const PosterItem& item : p.items) {
      if (item.kind == PosterItem::Kind::Quote) {
        expected.push_back(pack->find_quote(item.id)->text);
        continue;
      }
      for (const Principle& principle : pack->principles) {
        bool shown = item.kind == PosterItem::Kind::Group ? principle.group == item.id
                                                          : principle.id == item.id;
        if (!shown) continue;
        expected.push_back(principle.title);
        if (item.kind == PosterItem::Kind::DosAndDonts) {
          for (const Behavior& b : principle.dos) expected.push_back(b.text);
          for (const Behavior& b : principle.donts) expected.push_back(b.text);
        } else {
          expected.push_back(principle.summary);
        }
      }
    }
    for (const std::string& text : expected) {
      EXPECT_NE(words.find(words_of(text)), std::string::npos) << "missing: " << text;
    }
    EXPECT_FALSE(embedded_fonts(pdf).empty());
    // The preview beside it is a PNG.
    std::string png = read_file(poster(p.id + ".png"));
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  }
  fs::path sheet = poster("contact-sheet.pdf");
  ASSERT_TRUE(fs::exists(sheet));
  EXPECT_EQ(pages(sheet), 1);
  std::string sheet_words = pdf_words(sheet);
  for (const Poster& p : pack->posters) {
    EXPECT_NE(sheet_words.find(words_of(p.title)), std::string::npos) << p.title;
  }
  EXPECT_TRUE(fs::exists(poster("contact-sheet.png")));
}

TEST_F(DefaultPosters, FillTheirFrame) {
  // The text grows until the page is full: the lowest word sits in the bottom fifth.
  for (const char* id : {"life-principles", "service-principles", "dos-and-donts"}) {
    CommandResult bbox = run_tool({"pdftotext", "-bbox", poster(std::string(id) + ".pdf"), "-"});
    std::smatch page;
    ASSERT_TRUE(std::regex_search(bbox.output, page,
                                  std::regex(R"re(<page width="([\d.]+)" height="([\d.]+)")re")));
    double lowest = 0;
    std::regex word(R"re(yMax="([\d.]+)")re");
    for (std::sregex_iterator it(bbox.output.begin(), bbox.output.end(), word), end; it != end;
         ++it) {
      lowest = std::max(lowest, std::stod((*it)[1]));
    }
    EXPECT_GT(lowest / std::stod(page[2]), 0.8) << id;
  }
}

TEST(Posters, SizesBleedsAndMarksReachThePdfBoxes) {
  TempDir dir;
  write_pack(dir,
             "[poster]\nid = \"a\"\ntitle = \"Respect\"\nitems = [\"principle:respect\"]\n"
             "size = \"8x10\"\nbleed = \"0.125in\"\nmarks = true\n");
  dir.write("pack/posters/b.toml",
            "[poster]\nid = \"b\"\ntitle = \"Service\"\nitems = [\"group:core\"]\n"
            "size = \"a4\"\norientation = \"landscape\"\nbleed = \"3mm\"\ntheme = \"modern\"\n");
  dir.write("pack/posters/c.toml",
            "[poster]\nid = \"c\"\ntitle = \"Quote\"\nitems = [\"quote:first\"]\n"
            "size = \"500x700mm\"\n");
  CommandResult built = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out", "--only",
                             "poster", "--format", "pdf"});
  ASSERT_EQ(built.exit_code, 0) << built.errors;
  fs::path posters = dir.path() / "out" / "small" / "posters";
  // By hand: 8x10 in = 576 x 720 pt, a bleed of 0.125 in = 9 pt on each side.
  auto a = boxes(posters / "a.pdf");
  EXPECT_NEAR(a["TrimBox"].width(), 576, 0.01);
  EXPECT_NEAR(a["TrimBox"].height(), 720, 0.01);
  EXPECT_NEAR(a["BleedBox"].width(), 594, 0.01);
  EXPECT_NEAR(a["BleedBox"].height(), 738, 0.01);
  EXPECT_NEAR(a["TrimBox"].x0 - a["BleedBox"].x0, 9, 0.01);
  // With marks, the sheet is larger than the bleed: a slug holds them (poster_print_test.cpp).
  EXPECT_GT(a["MediaBox"].width(), a["BleedBox"].width() + 10);
  // A4 landscape: 297 x 210 mm = 841.89 x 595.28 pt; 3 mm = 8.504 pt a side.
  auto b = boxes(posters / "b.pdf");
  EXPECT_NEAR(b["TrimBox"].width(), 841.89, 0.01);
  EXPECT_NEAR(b["TrimBox"].height(), 595.28, 0.01);
  EXPECT_NEAR(b["BleedBox"].width(), 841.89 + 2 * 8.504, 0.01);
  EXPECT_NEAR(b["MediaBox"].height(), 595.28 + 2 * 8.504, 0.01);
  // The modern theme's navy background runs to the very edge of the bleed.
  EXPECT_EQ(pixel(posters / "b.pdf", 1, 1, dir), "#0f2c3f");
  EXPECT_EQ(pixel(posters / "b.pdf", -2, -2, dir), "#0f2c3f");
  // 500 x 700 mm = 1417.32 x 1984.25 pt, no bleed: every box the same.
  auto c = boxes(posters / "c.pdf");
  EXPECT_NEAR(c["TrimBox"].width(), 1417.32, 0.01);
  EXPECT_NEAR(c["TrimBox"].height(), 1984.25, 0.01);
  EXPECT_NEAR(c["MediaBox"].height(), 1984.25, 0.01);
  for (const char* name : {"a.pdf", "b.pdf", "c.pdf"}) EXPECT_EQ(pages(posters / name), 1);
  EXPECT_NE(pdf_words(posters / "b.pdf").find("Help first"), std::string::npos);

  // --size prints every poster at another frame: 11x17 in = 792 x 1224 pt.
  CommandResult resized = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out2", "--only",
                               "poster", "--format", "pdf", "--size", "11x17"});
  ASSERT_EQ(resized.exit_code, 0) << resized.errors;
  auto c2 = boxes(dir.path() / "out2" / "small" / "posters" / "c.pdf");
  EXPECT_NEAR(c2["TrimBox"].width(), 792, 0.01);
  EXPECT_NEAR(c2["TrimBox"].height(), 1224, 0.01);
}

TEST(Posters, FarTooMuchTextIsRefusedSayingHowMuchToCut) {
  TempDir dir;
  std::string summary;
  for (int i = 0; i < 30; ++i) summary += "Every caller deserves our full and patient attention. ";
  std::string items;
  for (int i = 0; i < 8; ++i) {
    std::string id = "long-" + std::to_string(i);
    dir.write("pack/principles/" + id + ".toml", "[principle]\nid = \"" + id +
                                                     "\"\ntitle = \"Listen\"\nsummary = \"" +
                                                     summary + "\"\nbody = \"Body.\"\n");
    items += "\"principle:" + id + "\", ";
  }
  write_pack(dir, "[poster]\nid = \"wall-of-text\"\ntitle = \"Respect\"\nitems = [" + items +
                      "]\nsize = \"8x10\"\n");
  CommandResult built = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out", "--only",
                             "poster", "--format", "pdf"});
  EXPECT_EQ(built.exit_code, 1) << built.errors;
  std::string file = (dir.path() / "pack" / "posters" / "poster.toml").string();
  EXPECT_NE(built.errors.find(file + ":1:1:"), std::string::npos) << built.errors;
  EXPECT_NE(built.errors.find("wall-of-text"), std::string::npos) << built.errors;
  EXPECT_NE(built.errors.find("too much text"), std::string::npos) << built.errors;
  EXPECT_NE(built.errors.find("14 pt"), std::string::npos) << built.errors;
  EXPECT_NE(built.errors.find("cut"), std::string::npos) << built.errors;
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "small" / "posters" / "wall-of-text.pdf"));
}

TEST(Posters, BadInputIsReportedWhereItWasWritten) {
  TempDir dir;
  write_pack(dir,
             "[poster]\n"                                           // 1
             "id = \"bad\"\n"                                       // 2
             "title = \"Bad\"\n"                                    // 3
             "items = [\"principle:nobody\", \"group:nothing\",\n"  // 4
             "         \"quote:unsaid\", \"banner:respect\"]\n"     // 5
             "size = \"9x9x9\"\n"                                   // 6
             "orientation = \"sideways\"\n"                         // 7
             "bleed = \"3cm\"\n");                                  // 8
  CommandResult built = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out", "--only",
                             "poster", "--format", "pdf"});
  EXPECT_EQ(built.exit_code, 1);
  std::string file = (dir.path() / "pack" / "posters" / "poster.toml").string();
  for (const char* at : {":4:10:", ":4:30:", ":5:10:", ":5:26:", ":6:8:", ":7:15:", ":8:9:"}) {
    EXPECT_NE(built.errors.find(file + at), std::string::npos) << at << "\n" << built.errors;
  }
  EXPECT_NE(built.errors.find("9x9x9"), std::string::npos);
  EXPECT_NE(built.errors.find("sideways"), std::string::npos);
  EXPECT_NE(built.errors.find("3cm"), std::string::npos);

  TempDir themed;
  write_pack(themed,
             "[poster]\nid = \"t\"\ntitle = \"T\"\nitems = [\"principle:respect\"]\n"
             "theme = \"glitter\"\n");
  CommandResult refused = run({"build", themed.str() + "/pack", "--out", themed.str() + "/out",
                               "--only", "poster", "--format", "pdf"});
  EXPECT_EQ(refused.exit_code, 1);
  std::string poster_file = (themed.path() / "pack" / "posters" / "poster.toml").string();
  EXPECT_NE(refused.errors.find(poster_file + ":5:9:"), std::string::npos) << refused.errors;
  EXPECT_NE(refused.errors.find("glitter"), std::string::npos);
  EXPECT_NE(refused.errors.find("classic"), std::string::npos) << "lists the themes there are";
  // lint finds it too, at the same place, without building anything.
  CommandResult linted = run({"lint", themed.str() + "/pack"});
  EXPECT_EQ(linted.exit_code, 1);
  EXPECT_NE(linted.errors.find(poster_file + ":5:9:"), std::string::npos) << linted.errors;
}

TEST(Posters, TextInAnyScriptSurvivesInEveryTheme) {
  const std::string japanese =
      "\u304A\u5BA2\u69D8\u3092\u5C0A\u91CD\u3059\u308B";             // お客様を尊重する
  const std::string arabic = "\u0627\u062D\u062A\u0631\u0627\u0645";  // احترام, respect
  const std::string russian = "\u0423\u0432\u0430\u0436\u0435\u043D\u0438\u0435";  // Уважение
  for (const char* theme : {"default", "classic", "modern"}) {
    SCOPED_TRACE(theme);
    TempDir dir;
    write_pack(dir,
               "[poster]\nid = \"scripts\"\ntitle = \"" + russian +
                   "\"\nitems = [\"principle:respect\", \"principle:service\"]\n",
               japanese, arabic);
    CommandResult built = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out", "--only",
                               "poster", "--format", "pdf", "--theme", theme});
    ASSERT_EQ(built.exit_code, 0) << built.errors;
    EXPECT_EQ(built.errors.find("warning"), std::string::npos) << built.errors;
    fs::path pdf = dir.path() / "out" / "small" / "posters" / "scripts.pdf";
    // Lines may break anywhere in Japanese: compare without the breaks, in drawing order.
    CommandResult text = run_tool({"pdftotext", "-raw", pdf.string(), "-"});
    std::string joined = std::regex_replace(text.output, std::regex("\\s+"), "");
    EXPECT_NE(joined.find(japanese), std::string::npos) << text.output;
    EXPECT_NE(text.output.find(russian), std::string::npos) << "a word was broken?\n"
                                                            << text.output;
    // poppler gives right-to-left words in drawing order, that is reversed, and (WeasyPrint
    // 57's ToUnicode map) loses the final alef-meem pair: the first four letters are compared.
    std::string start = arabic.substr(0, 8);
    EXPECT_TRUE(joined.find(start) != std::string::npos ||
                joined.find(reversed(start)) != std::string::npos)
        << text.output;
    // Right-to-left text reads from the right: poppler marks the line right-to-left (U+202B),
    // and the short paragraph sits at the right of its card, well right of the card's number.
    CommandResult plain = run_tool({"pdftotext", pdf.string(), "-"});
    EXPECT_NE(plain.output.find("\u202B"), std::string::npos) << plain.output;
    CommandResult bbox = run_tool({"pdftotext", "-bbox", pdf.string(), "-"});
    std::smatch number, line;
    ASSERT_TRUE(
        std::regex_search(bbox.output, number, std::regex("xMin=\"([\\d.]+)\"[^>]*>1</word>")));
    ASSERT_TRUE(std::regex_search(bbox.output, line,
                                  std::regex("xMin=\"([\\d.]+)\"[^>]*>\\xD8[^<]*</word>")))
        << bbox.output;
    EXPECT_GT(std::stod(line[1]), std::stod(number[1]) + 40);
    // The Japanese came from a real CJK font, embedded like every other.
    std::vector<std::string> fonts = embedded_fonts(pdf);
    bool cjk = false;
    for (const std::string& f : fonts) {
      cjk = cjk || f.find("WenQuanYi") != std::string::npos ||
            f.find("Droid-Sans-Fallback") != std::string::npos;
    }
    EXPECT_TRUE(cjk) << "no CJK font embedded";
  }
}

TEST(Posters, ACharacterNoFontCanShowIsAWarningNamingFileItemAndCharacter) {
  TempDir dir;
  // U+10600, LINEAR A SIGN AB001: no Debian font of the set-up covers Linear A.
  write_pack(dir, "[poster]\nid = \"p\"\ntitle = \"P\"\nitems = [\"principle:respect\"]\n",
             "Respect \xF0\x90\x98\x80");
  CommandResult built = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out", "--only",
                             "poster", "--format", "pdf"});
  EXPECT_EQ(built.exit_code, 0) << built.errors;
  std::string file = (dir.path() / "pack" / "principles" / "respect.toml").string();
  EXPECT_NE(built.errors.find(file + ":1:1: warning:"), std::string::npos) << built.errors;
  EXPECT_NE(built.errors.find("principle 'respect' title"), std::string::npos) << built.errors;
  EXPECT_NE(built.errors.find("U+10600"), std::string::npos) << built.errors;
  // lint warns the same way (a warning: the pack is still valid).
  CommandResult linted = run({"lint", dir.str() + "/pack"});
  EXPECT_EQ(linted.exit_code, 0) << linted.errors;
  EXPECT_NE(linted.errors.find(file + ":1:1: warning:"), std::string::npos) << linted.errors;
  EXPECT_NE(linted.errors.find("U+10600"), std::string::npos) << linted.errors;
}

}  // namespace
}  // namespace coachkit

namespace coachkit {
namespace {

TEST(PosterThemes, APackChoosesInstalledThemesAndItsOwnByPlainNameOnly) {
  TempDir dir;
  write_pack(dir,
             "[poster]\nid = \"up\"\ntitle = \"T\"\nitems = [\"principle:respect\"]\n"
             "theme = \"..\"\n");
  dir.write("pack/posters/b.toml",
            "[poster]\nid = \"b\"\ntitle = \"T\"\nitems = [\"principle:respect\"]\n"
            "theme = \"../../themes/evil\"\n");
  CommandResult linted = run({"lint", dir.str() + "/pack"});
  EXPECT_EQ(linted.exit_code, 1) << linted.errors;
  std::string posters = (dir.path() / "pack" / "posters").string();
  for (const char* file : {"/poster.toml:5:9:", "/b.toml:5:9:"}) {
    std::size_t at = linted.errors.find(posters + file);
    ASSERT_NE(at, std::string::npos) << file << "\n" << linted.errors;
    EXPECT_NE(linted.errors.find("plain name", at), std::string::npos) << linted.errors;
  }
  // Names that are plain but find no theme the pack may choose, in a pack otherwise valid.
  TempDir named;
  write_pack(named, "[poster]\nid = \"a\"\ntitle = \"T\"\nitems = [\"principle:respect\"]\n");
  // A theme beside the pack is not the pack's: the name finds nothing.
  named.write("themes/evil/style.css", "body { color: red; }\n");
  named.write("pack/posters/c.toml",
              "[poster]\nid = \"c\"\ntitle = \"T\"\nitems = [\"principle:respect\"]\n"
              "theme = \"evil\"\n");
  // The pack's own theme, but a symbolic link to a folder outside the pack.
  named.write("outside/style.css", "body { color: red; }\n");
  fs::create_directories(named.path() / "pack" / "themes");
  fs::create_directory_symlink(named.path() / "outside",
                               named.path() / "pack" / "themes" / "linked");
  named.write("pack/posters/d.toml",
              "[poster]\nid = \"d\"\ntitle = \"T\"\nitems = [\"principle:respect\"]\n"
              "theme = \"linked\"\n");
  linted = run({"lint", named.str() + "/pack"});
  EXPECT_EQ(linted.exit_code, 1) << linted.errors;
  posters = (named.path() / "pack" / "posters").string();
  std::size_t evil = linted.errors.find(posters + "/c.toml:5:9:");
  ASSERT_NE(evil, std::string::npos) << linted.errors;
  EXPECT_NE(linted.errors.find("no theme of that name", evil), std::string::npos);
  std::size_t linked = linted.errors.find(posters + "/d.toml:5:9:");
  ASSERT_NE(linked, std::string::npos) << linted.errors;
  EXPECT_NE(linted.errors.find("leads outside the pack", linked), std::string::npos);
  CommandResult built = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out", "--only",
                             "poster", "--format", "pdf"});
  EXPECT_EQ(built.exit_code, 1) << built.errors;
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "small" / "posters"));

  // The pack's own themes/NAME is a theme its posters may choose.
  TempDir own;
  write_pack(own,
             "[poster]\nid = \"own\"\ntitle = \"Respect\"\nitems = [\"principle:respect\"]\n"
             "theme = \"house-style\"\n");
  own.write("pack/themes/house-style/style.css",
            read_file(std::string(COACHKIT_SOURCE_DIR) + "/content/themes/default/style.css") +
                "\nbody::after { content: \"House style\"; }\n");
  CommandResult house = run({"build", own.str() + "/pack", "--out", own.str() + "/out", "--only",
                             "poster", "--format", "pdf"});
  ASSERT_EQ(house.exit_code, 0) << house.errors;
  EXPECT_NE(pdf_words(own.path() / "out" / "small" / "posters" / "own.pdf").find("House style"),
            std::string::npos);
}

// A theme that came with a pack asks WeasyPrint for a file outside its folder and for a URL on
// the network; neither is read, through the PDF workers or one process per PDF.
TEST(PosterThemes, AThemeReadsNothingOutsideItsOwnFolder) {
  TempDir dir;
  const std::string secret =
      dir.write("secret/outside.css", "@page { background: #ff00ff !important; }\n").string();
  write_pack(dir,
             "[poster]\nid = \"hostile\"\ntitle = \"Respect\"\nitems = [\"principle:respect\"]\n"
             "theme = \"hostile\"\nsize = \"a3\"\n");
  const std::string network = "http://127.0.0.1:9/tracker.png";
  dir.write("pack/themes/hostile/inside.css", "body::after { content: \"Inside theme\"; }\n");
  dir.write("pack/themes/hostile/style.css",
            "@import url(\"file://" + secret + "\");\n@import url(\"inside.css\");\n" +
                read_file(std::string(COACHKIT_SOURCE_DIR) + "/content/themes/default/style.css") +
                "\nhtml { background-image: url(\"" + network + "\"); }\n");
  for (const char* workers : {"1", "0"}) {
    std::string out = dir.str() + "/out-" + workers;
    CommandResult built = run_with(
        {"build", dir.str() + "/pack", "--out", out, "--only", "poster", "--format", "pdf"},
        {{"COACHKIT_PDF_WORKERS", workers}});
    ASSERT_EQ(built.exit_code, 0) << built.errors;
    std::string words = pdf_words(fs::path(out) / "small" / "posters" / "hostile.pdf");
    // The outside stylesheet would paint the page magenta.
    EXPECT_NE(pixel(fs::path(out) / "small" / "posters" / "hostile.pdf", 1, 1, dir), "#ff00ff")
        << "workers=" << workers;
    EXPECT_NE(words.find("Inside theme"), std::string::npos) << "workers=" << workers;
  }

  // The worker says what it refused: the file outside the theme and the network address.
  dir.write("page.html",
            "<!DOCTYPE html><html><head><link rel=stylesheet href=style.css>"
            "</head><body><p>Hello</p></body></html>");
  std::string request = nlohmann::json{{"html", dir.str() + "/page.html"},
                                       {"pdf", dir.str() + "/page.pdf"},
                                       {"base_url", dir.str() + "/pack/themes/hostile/"},
                                       {"fit_to_one_page", false}}
                            .dump() +
                        "\n";
  SystemProcessRunner runner;
  CommandResult answered = runner.run(
      Command{{"/usr/bin/python3",
               std::string(COACHKIT_SOURCE_DIR) + "/core/pdf/coachkit-pdf-worker.py", "--once"},
              request,
              120});
  ASSERT_TRUE(answered.ok()) << answered.errors;
  std::string last = answered.output.substr(answered.output.rfind('{'));
  nlohmann::json answer = nlohmann::json::parse(last);
  ASSERT_TRUE(answer.value("ok", false)) << last;
  std::vector<std::string> refused = answer["refused"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(refused.begin(), refused.end(), "file://" + secret), refused.end()) << last;
  EXPECT_NE(std::find(refused.begin(), refused.end(), network), refused.end()) << last;
  EXPECT_NE(pixel(dir.path() / "page.pdf", 1, 1, dir), "#ff00ff");
}

}  // namespace
}  // namespace coachkit

namespace coachkit {
namespace {

// The pack's folder is named like its id ("small"), so its parent as --out would put the
// outputs into the pack's own folder, among its content.
TEST(BuildPlacement, AnOutInsideThePackIsRefusedBeforeAnythingIsWritten) {
  TempDir dir;
  write_pack(dir, "[poster]\nid = \"a\"\ntitle = \"Respect\"\nitems = [\"principle:respect\"]\n");
  fs::rename(dir.path() / "pack", dir.path() / "small");
  const fs::path pack = dir.path() / "small";
  for (const fs::path& out : {dir.path(), dir.path() / "."}) {
    CommandResult built = run({"build", pack.string(), "--out", out.string(), "--format", "html"});
    EXPECT_EQ(built.exit_code, 1) << out << ": " << built.errors;
    EXPECT_NE(built.errors.find("into the pack"), std::string::npos) << built.errors;
    EXPECT_FALSE(fs::exists(pack / "handouts")) << out;
    EXPECT_FALSE(fs::exists(pack / "out")) << out;
  }
  // Nothing was added to the pack: it still lints clean.
  CommandResult linted = run({"lint", pack.string()});
  EXPECT_EQ(linted.exit_code, 0) << linted.errors;
  CommandResult beside =
      run({"build", pack.string(), "--out", (dir.path() / "out").string(), "--format", "html"});
  EXPECT_EQ(beside.exit_code, 0) << beside.errors;
}

}  // namespace
}  // namespace coachkit

namespace coachkit {
namespace {

// A print shop reads the bleed from the BleedBox: it is the TrimBox grown by the whole bleed,
// 3 mm as well as 10 mm and 25 mm (WeasyPrint alone stops it at 10 pt).
TEST(PosterBleed, TheBleedBoxHoldsTheWholeBleed) {
  TempDir dir;
  write_pack(dir,
             "[poster]\nid = \"b3\"\ntitle = \"Respect\"\nitems = [\"principle:respect\"]\n"
             "size = \"a4\"\nbleed = \"3mm\"\n");
  for (int mm : {10, 25}) {
    std::string id = "b" + std::to_string(mm);
    dir.write("pack/posters/" + id + ".toml",
              "[poster]\nid = \"" + id +
                  "\"\ntitle = \"Respect\"\nitems = [\"principle:respect\"]\n"
                  "size = \"a4\"\nbleed = \"" +
                  std::to_string(mm) + "mm\"\n");
  }
  CommandResult built = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out", "--only",
                             "poster", "--format", "pdf"});
  ASSERT_EQ(built.exit_code, 0) << built.errors;
  for (int mm : {3, 10, 25}) {
    auto box =
        boxes(dir.path() / "out" / "small" / "posters" / ("b" + std::to_string(mm) + ".pdf"));
    double pt = mm * 72 / 25.4;
    EXPECT_NEAR(box["TrimBox"].width(), 595.28, 0.01) << mm;
    EXPECT_NEAR(box["TrimBox"].x0 - box["BleedBox"].x0, pt, 0.01) << mm << " mm";
    EXPECT_NEAR(box["BleedBox"].y1 - box["TrimBox"].y1, pt, 0.01) << mm << " mm";
    EXPECT_NEAR(box["BleedBox"].width(), 595.28 + 2 * pt, 0.01) << mm << " mm";
    EXPECT_NEAR(box["MediaBox"].height(), box["BleedBox"].height(), 0.01) << mm << " mm";
  }
}

}  // namespace
}  // namespace coachkit

namespace coachkit {
namespace {

// One rule for a seed: the command line refuses what a project file refuses, naming the range,
// instead of clamping it to 2^64-1.
TEST(BuildSeed, OutOfRangeSeedsAreRefusedOnTheCommandLineAsInAProjectFile) {
  TempDir dir;
  write_pack(dir, "[poster]\nid = \"a\"\ntitle = \"Respect\"\nitems = [\"principle:respect\"]\n");
  for (const char* seed : {"-1", "18446744073709551616", "18446744073709551615", "1e23",
                           "9223372036854775808", "7.5", ""}) {
    CommandResult built = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out",
                               "--format", "html", "--seed", seed});
    EXPECT_EQ(built.exit_code, 1) << seed << ": " << built.errors;
    EXPECT_NE(built.errors.find("from 0 to 9223372036854775807"), std::string::npos)
        << seed << ": " << built.errors;
    dir.write("project.toml", std::string("[project]\npacks = [\"pack\"]\nseed = ") +
                                  (*seed ? seed : "\"\"") + "\n");
    CommandResult project = run(
        {"build", dir.str() + "/project.toml", "--out", dir.str() + "/out", "--format", "html"});
    EXPECT_EQ(project.exit_code, 1) << seed << ": " << project.errors;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
  CommandResult largest = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out",
                               "--format", "html", "--seed", "9223372036854775807"});
  EXPECT_EQ(largest.exit_code, 0) << largest.errors;
}

}  // namespace
}  // namespace coachkit

namespace coachkit {
namespace {

// 10,000 items cannot fit any frame: refused from the length of the text, at the poster's
// FILE:LINE:COL, before WeasyPrint lays any of it out (which took a minute and gigabytes).
TEST(PosterSize, TenThousandItemsAreRefusedBeforeLayout) {
  TempDir dir;
  std::string items;
  for (int i = 0; i < 10000; ++i) items += "\"principle:respect\", ";
  write_pack(dir, "[poster]\nid = \"everything\"\ntitle = \"All\"\nitems = [" + items +
                      "]\nsize = \"8x10\"\n");
  CommandResult built = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out", "--only",
                             "poster", "--format", "pdf"});
  EXPECT_EQ(built.exit_code, 1) << built.errors;
  std::string file = (dir.path() / "pack" / "posters" / "poster.toml").string();
  EXPECT_NE(built.errors.find(file + ":1:1: posters/everything: too much text"), std::string::npos)
      << built.errors;
  EXPECT_NE(built.errors.find("characters"), std::string::npos) << built.errors;
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "small" / "posters" / "everything.pdf"));
}

}  // namespace
}  // namespace coachkit
