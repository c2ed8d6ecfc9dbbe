// Every script a contact centre writes in prints with ink, in every theme: a poster with a
// title in each script, each word found by pdftotext -bbox and looked for as dark pixels in
// pdftoppm's picture of the page (a character no font has is laid out, and extracted, but
// drawn as nothing).
#include "poster_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace coachkit {
namespace {

using namespace coachkit::poster_testing;

struct Script {
  const char* name;
  const char* title;                                  // a principle's title in that script
  std::vector<std::pair<char32_t, char32_t>> ranges;  // the code points that mark it
  const char* probe;                                  // a character fc-list is asked for, as hex
};

const std::vector<Script>& scripts() {
  static const std::vector<Script> all = {
      {"Latin", "Respect", {{U'A', U'Z'}, {U'a', U'z'}}, "52"},
      {"Cyrillic", "\u0423\u0432\u0430\u0436\u0435\u043D\u0438\u0435", {{0x0400, 0x04FF}}, "423"},
      {"Greek", "\u03A3\u03B5\u03B2\u03B1\u03C3\u03BC\u03CC\u03C2", {{0x0370, 0x03FF}}, "3a3"},
      {"Arabic",
       "\u0627\u062D\u062A\u0631\u0627\u0645",
       {{0x0600, 0x06FF}, {0xFB50, 0xFDFF}, {0xFE70, 0xFEFF}},
       "62d"},
      {"Hebrew", "\u05DB\u05D1\u05D5\u05D3", {{0x0590, 0x05FF}}, "5d1"},
      {"Devanagari", "\u0938\u092E\u094D\u092E\u093E\u0928", {{0x0900, 0x097F}}, "938"},
      {"Thai", "\u0E04\u0E27\u0E32\u0E21\u0E40\u0E04\u0E32\u0E23\u0E1E", {{0x0E00, 0x0E7F}}, "e04"},
      // Chinese: Han alone; Japanese: with kana (its Han would count as Chinese too).
      {"Chinese", "\u5C0A\u91CD\u5BA2\u6237", {{0x4E00, 0x9FFF}}, "6237"},
      {"Japanese", "\u304A\u5BA2\u69D8\u3092\u5C0A\u91CD", {{0x3040, 0x30FF}}, "3092"},
      {"Korean", "\uACE0\uAC1D \uC874\uC911", {{0xAC00, 0xD7AF}, {0x1100, 0x11FF}}, "c874"},
  };
  return all;
}

std::u32string code_points(const std::string& text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : 3;
    char32_t cp = extra ? c & (0x3F >> extra) : c;
    for (int k = 1; k <= extra && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

bool in(const Script& script, const std::u32string& word) {
  for (char32_t c : word) {
    for (auto [low, high] : script.ranges) {
      if (c >= low && c <= high) return true;
    }
  }
  return false;
}

// Which script a word of the page is in (the last that matches: Japanese before Chinese).
const Script* script_of(const std::string& word) {
  std::u32string points = code_points(word);
  const Script* found = nullptr;
  for (const Script& s : scripts()) {
    if (in(s, points) && !(found && std::string(found->name) == "Japanese")) found = &s;
  }
  return found;
}

TEST(PosterScripts, EveryScriptPrintsWithInkInEveryTheme) {
  // The set-up (tools/setup.sh) installs a font for each; a machine without it is told so.
  std::string missing;
  for (const Script& s : scripts()) {
    CommandResult fonts = run_tool({"fc-list", std::string(":charset=") + s.probe, "family"});
    if (fonts.output.find_first_not_of(" \n") == std::string::npos) {
      missing += std::string(missing.empty() ? "" : ", ") + s.name;
    }
  }
  if (!missing.empty()) {
    const char* ci = std::getenv("CI");
    std::string why = "no installed font for " + missing + ": run tools/setup.sh";
    if (ci && std::string(ci) == "true") FAIL() << why;
    GTEST_SKIP() << why;
  }
  TempDir dir;
  write_pack(dir, "");
  std::string items;
  for (std::size_t i = 0; i < scripts().size(); ++i) {
    std::string id = "script-" + std::to_string(i);
    dir.write("pack/principles/" + id + ".toml",
              "[principle]\nid = \"" + id + "\"\ntitle = \"" + scripts()[i].title +
                  "\"\nsummary = \"Said well.\"\nbody = \"Body.\"\n");
    items += "\"principle:" + id + "\", ";
  }
  std::vector<std::string> themes = {"default", "classic", "modern"};
  for (const std::string& theme : themes) {
    dir.write("pack/posters/" + theme + ".toml",
              "[poster]\nid = \"" + theme + "\"\ntitle = \"Respect\"\nitems = [" + items +
                  "]\nsize = \"11x14\"\ntheme = \"" + theme + "\"\n");
  }
  fs::remove(dir.path() / "pack" / "posters" / "poster.toml");
  CommandResult built = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out", "--only",
                             "poster", "--format", "pdf"});
  ASSERT_EQ(built.exit_code, 0) << built.errors;
  EXPECT_EQ(built.errors.find("no installed font"), std::string::npos) << built.errors;
  for (const std::string& theme : themes) {
    SCOPED_TRACE(theme);
    fs::path pdf = dir.path() / "out" / "small" / "posters" / (theme + ".pdf");
    const double dpi = 100, scale = dpi / 72;
    Picture page = draw(pdf, static_cast<int>(dpi), dir);
    ASSERT_GT(page.width, 0);
    unsigned paper = page.rgb(page.width / 2, page.height - 2);
    auto ink = [&](unsigned rgb) {
      int d = 0;
      for (int shift : {0, 8, 16}) {
        d += std::abs(static_cast<int>((rgb >> shift) & 0xff) -
                      static_cast<int>((paper >> shift) & 0xff));
      }
      return d > 200;
    };
    CommandResult bbox = run_tool({"pdftotext", "-bbox-layout", pdf.string(), "-"});
    ASSERT_TRUE(bbox.ok()) << bbox.errors;
    std::regex word(
        R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
    std::map<std::string, int> words_seen;
    for (std::sregex_iterator it(bbox.output.begin(), bbox.output.end(), word), end; it != end;
         ++it) {
      const Script* script = script_of((*it)[5]);
      if (!script) continue;
      int x0 = static_cast<int>(std::stod((*it)[1]) * scale);
      int y0 = static_cast<int>(std::stod((*it)[2]) * scale);
      int x1 = std::min(page.width, static_cast<int>(std::stod((*it)[3]) * scale) + 1);
      int y1 = std::min(page.height, static_cast<int>(std::stod((*it)[4]) * scale) + 1);
      int inked = 0, area = std::max(1, (x1 - x0) * (y1 - y0));
      for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) inked += ink(page.rgb(x, y));
      ++words_seen[script->name];
      // Letters cover a tenth to a third of their box; a word drawn as nothing covers none.
      EXPECT_GE(inked * 100 / area, 4)
          << script->name << ": \"" << (*it)[5] << "\" is laid out but drawn without ink";
    }
    for (const Script& s : scripts()) {
      EXPECT_GE(words_seen[s.name], 1) << s.name << ": no word of it on the page";
    }
  }
}

}  // namespace
}  // namespace coachkit
