// Every theme's text is legible: each colour a theme gives text meets WCAG's 4.5:1 contrast
// against the background it is printed on, read from the theme's CSS and measured again in the
// pixels of posters drawn by pdftoppm.
#include "poster_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace coachkit {
namespace {

using namespace coachkit::poster_testing;

constexpr double kLeast = 4.5;  // WCAG 2 AA for body text, asked of every text here

// WCAG 2's relative luminance of an sRGB colour 0xRRGGBB.
double luminance(unsigned rgb) {
  auto channel = [](unsigned value) {
    double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(rgb >> 16) + 0.7152 * channel((rgb >> 8) & 0xff) +
         0.0722 * channel(rgb & 0xff);
}

double contrast(unsigned a, unsigned b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

TEST(Contrast, MatchesWcagFiguresWorkedByHand) {
  EXPECT_NEAR(contrast(0x000000, 0xffffff), 21.0, 1e-9);
  EXPECT_NEAR(contrast(0x777777, 0xffffff), 4.48, 0.01);  // the grey that just fails
  EXPECT_NEAR(contrast(0x767676, 0xffffff), 4.54, 0.01);  // the grey that just passes
}

// A colour as CSS writes it here: #rgb, #rrggbb, white or black; nothing for anything else.
std::optional<unsigned> css_colour(std::string value) {
  std::smatch m;
  if (std::regex_search(value, m, std::regex(R"(#([0-9a-fA-F]{6})\b)"))) {
    return static_cast<unsigned>(std::stoul(m[1], nullptr, 16));
  }
  if (std::regex_search(value, m, std::regex(R"(#([0-9a-fA-F]{3})\b)"))) {
    std::string six;
    for (char c : m[1].str()) six += std::string(2, c);
    return static_cast<unsigned>(std::stoul(six, nullptr, 16));
  }
  if (std::regex_search(value, std::regex(R"(\bwhite\b)"))) return 0xffffffu;
  if (std::regex_search(value, std::regex(R"(\bblack\b)"))) return 0x000000u;
  return std::nullopt;
}

// One block of declarations: the selector, prefixed by the at-rules it sits in.
struct Rule {
  std::string selector;
  std::map<std::string, std::string> declarations;
};

// The rules of a stylesheet, nested at-rules (@page { @bottom-right { … } }) flattened.
std::vector<Rule> rules_of(std::string css) {
  css = std::regex_replace(css, std::regex(R"(/\*[\s\S]*?\*/)"), " ");
  std::vector<Rule> out;
  std::vector<std::string> open;  // the selectors of the blocks we are in
  std::vector<std::map<std::string, std::string>> declarations;
  std::string text;
  auto trim = [](std::string s) {
    std::size_t first = s.find_first_not_of(" \t\r\n");
    std::size_t last = s.find_last_not_of(" \t\r\n");
    return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
  };
  auto declare = [&] {
    std::string d = trim(text);
    text.clear();
    std::size_t colon = d.find(':');
    if (declarations.empty() || colon == std::string::npos) return;
    declarations.back()[trim(d.substr(0, colon))] = trim(d.substr(colon + 1));
  };
  for (char c : css) {
    if (c == '{') {
      std::string prefix = open.empty() ? "" : open.back() + " > ";
      open.push_back(prefix + trim(text));
      declarations.emplace_back();
      text.clear();
    } else if (c == ';') {
      declare();
    } else if (c == '}') {
      declare();
      if (open.empty()) continue;
      out.push_back({open.back(), declarations.back()});
      open.pop_back();
      declarations.pop_back();
    } else {
      text += c;
    }
  }
  return out;
}

std::optional<unsigned> background_of(const Rule& rule) {
  for (const char* name : {"background-color", "background"}) {
    auto it = rule.declarations.find(name);
    if (it != rule.declarations.end()) {
      if (auto colour = css_colour(it->second)) return colour;
    }
  }
  return std::nullopt;
}

std::vector<std::string> themes() {
  std::vector<std::string> out;
  for (const auto& entry :
       fs::directory_iterator(std::string(COACHKIT_SOURCE_DIR) + "/content/themes")) {
    if (fs::is_regular_file(entry.path() / "style.css")) out.push_back(entry.path().filename());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Each text colour of each theme against what it is printed on: its own rule's background, or
// for a poster's parts the poster page's (`@page poster`), or else the page's (html, body).
TEST(ThemeContrast, EveryTextColourInEveryThemesCssMeetsFourAndAHalfToOne) {
  std::vector<std::string> names = themes();
  ASSERT_GE(names.size(), 3u);
  for (const std::string& theme : names) {
    SCOPED_TRACE(theme);
    std::vector<Rule> rules = rules_of(
        read_file(std::string(COACHKIT_SOURCE_DIR) + "/content/themes/" + theme + "/style.css"));
    unsigned paper = 0xffffff, poster_paper = 0xffffff;
    for (const Rule& rule : rules) {
      std::optional<unsigned> background = background_of(rule);
      if (!background) continue;
      if (rule.selector == "html") paper = *background;
      if (rule.selector == "@page poster") poster_paper = *background;
    }
    int pairs = 0;
    for (const Rule& rule : rules) {
      auto colour = rule.declarations.find("color");
      if (colour == rule.declarations.end()) continue;
      std::optional<unsigned> text = css_colour(colour->second);
      ASSERT_TRUE(text || colour->second == "inherit" || colour->second == "currentColor")
          << rule.selector << ": a colour this test cannot read: " << colour->second;
      if (!text) continue;
      bool poster = rule.selector.find(".poster") != std::string::npos ||
                    rule.selector.rfind("@page poster", 0) == 0;
      unsigned under = background_of(rule).value_or(poster ? poster_paper : paper);
      char shown[64];
      std::snprintf(shown, sizeof shown, "#%06x on #%06x", *text, under);
      EXPECT_GE(contrast(*text, under), kLeast)
          << rule.selector << ": " << shown << " is " << contrast(*text, under) << ":1";
      ++pairs;
    }
    EXPECT_GE(pairs, 15) << "the test read too few colours to mean anything";
  }
}

// The same on the page: every word of a poster in each theme, in pdftoppm's picture, stands
// out 4.5:1 from what is around it (the commonest colour of its box is the background; the
// pixel most unlike it, the ink of a stroke wide enough to be drawn whole at 150 dpi).
TEST(ThemeContrast, EveryWordOfAPosterInEveryThemeIsDrawnAtFourAndAHalfToOne) {
  TempDir dir;
  write_pack(dir, "");
  std::vector<std::string> names = themes();
  for (const std::string& theme : names) {
    dir.write("pack/posters/" + theme + ".toml",
              "[poster]\nid = \"" + theme +
                  "\"\ntitle = \"Respect\"\nsubtitle = \"What every caller is owed\"\n"
                  "items = [\"group:core\", \"quote:first\", \"dos-donts:respect\"]\n"
                  "size = \"8x10\"\ntheme = \"" +
                  theme + "\"\n");
  }
  fs::remove(dir.path() / "pack" / "posters" / "poster.toml");
  CommandResult built = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out", "--only",
                             "poster", "--format", "pdf"});
  ASSERT_EQ(built.exit_code, 0) << built.errors;
  for (const std::string& theme : names) {
    SCOPED_TRACE(theme);
    fs::path pdf = dir.path() / "out" / "small" / "posters" / (theme + ".pdf");
    const double dpi = 150, scale = dpi / 72;
    Picture page = draw(pdf, static_cast<int>(dpi), dir);
    ASSERT_GT(page.width, 0);
    CommandResult bbox = run_tool({"pdftotext", "-bbox", pdf.string(), "-"});
    std::regex word(
        R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
    int words = 0;
    for (std::sregex_iterator it(bbox.output.begin(), bbox.output.end(), word), end; it != end;
         ++it) {
      int x0 = static_cast<int>(std::stod((*it)[1]) * scale);
      int y0 = static_cast<int>(std::stod((*it)[2]) * scale);
      int x1 = std::min(page.width, static_cast<int>(std::stod((*it)[3]) * scale) + 1);
      int y1 = std::min(page.height, static_cast<int>(std::stod((*it)[4]) * scale) + 1);
      std::map<unsigned, int> seen;
      for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) ++seen[page.rgb(x, y)];
      if (seen.empty()) continue;
      unsigned background = std::max_element(seen.begin(), seen.end(), [](auto& a, auto& b) {
                              return a.second < b.second;
                            })->first;
      double best = 1;
      for (const auto& [rgb, count] : seen) best = std::max(best, contrast(rgb, background));
      EXPECT_GE(best, kLeast) << "\"" << (*it)[5] << "\" at " << (*it)[1] << "," << (*it)[2]
                              << " stands out only " << best << ":1";
      ++words;
    }
    EXPECT_GE(words, 20) << bbox.output;
  }
}

}  // namespace
}  // namespace coachkit
