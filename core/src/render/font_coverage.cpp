#include "render/font_coverage.hpp"

#include "support/diagnostics.hpp"
#include "support/utf8.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <bitset>
#include <cstdio>
#include <mutex>
#include <regex>

namespace coachkit {

struct FontCoverage::Fonts {
  FcCharSet* characters = nullptr;
  // The answers for the alphabets below U+3000 (most text), looked up once: asking fontconfig
  // for every character of a large pack took longer than loading it.
  static constexpr char32_t kKnownBelow = 0x3000;
  std::bitset<kKnownBelow> known;
  ~Fonts() {
    if (characters) FcCharSetDestroy(characters);
  }
};

FontCoverage::FontCoverage(const std::vector<std::string>& families)
    : fonts_(std::make_unique<Fonts>()) {
  static std::once_flag initialised;
  static bool ready = false;
  std::call_once(initialised, [] { ready = FcInit() == FcTrue; });
  if (!ready) return;
  FcPattern* pattern = FcPatternCreate();
  for (const std::string& family : families) {
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  }
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcCharSet* characters = nullptr;
  // Trimmed: the union of what every font in the fallback order adds.
  FcFontSet* set = FcFontSort(nullptr, pattern, FcTrue, &characters, &result);
  if (set) FcFontSetDestroy(set);
  FcPatternDestroy(pattern);
  fonts_->characters = characters;
  if (characters) {
    for (char32_t c = 0; c < Fonts::kKnownBelow; ++c) {
      fonts_->known[c] = FcCharSetHasChar(characters, static_cast<FcChar32>(c)) == FcTrue;
    }
  }
}

FontCoverage::~FontCoverage() = default;

bool FontCoverage::usable() const { return fonts_->characters != nullptr; }

bool FontCoverage::covers(char32_t c) const {
  if (!fonts_->characters) return true;
  if (c < Fonts::kKnownBelow) return fonts_->known[c];
  return FcCharSetHasChar(fonts_->characters, static_cast<FcChar32>(c)) == FcTrue;
}

std::vector<std::string> font_families_of(const std::string& css) {
  std::vector<std::string> out;
  std::regex declaration(R"(font-family\s*:\s*([^;}]+))", std::regex::icase);
  for (std::sregex_iterator it(css.begin(), css.end(), declaration), end; it != end; ++it) {
    std::string list = (*it)[1];
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      std::string name = list.substr(start, comma - start);
      std::size_t first = name.find_first_not_of(" \t\r\n\"'");
      std::size_t last = name.find_last_not_of(" \t\r\n\"'!");
      if (first != std::string::npos) {
        name = name.substr(first, last - first + 1);
        if (name.find("important") == std::string::npos &&
            std::find(out.begin(), out.end(), name) == out.end()) {
          out.push_back(name);
        }
      }
      start = comma + 1;
    }
  }
  return out;
}

namespace {

// The code points of UTF-8 text; a malformed byte reads as U+FFFD (the loader refuses those).
std::u32string code_points(const std::string& text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = utf8_sequence_length(text, i);
    out.push_back(length ? utf8_code_point(text, i, length) : 0xFFFD);
    i += length ? length : 1;
  }
  return out;
}

std::string utf8(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

class Checker {
 public:
  Checker(const FontCoverage& fonts, std::vector<Problem>& out) : fonts_(fonts), out_(out) {
    for (char32_t c = 0x20; c < 0x7F && ascii_; ++c) ascii_ = fonts_.covers(c);
  }

  void text(const SourcePosition& where, const std::string& item, const std::string& value) {
    // Most text is ASCII, which most fonts cover whole: then there is nothing to decode.
    if (ascii_ && std::all_of(value.begin(), value.end(),
                              [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
      return;
    }
    std::u32string missing;
    for (char32_t c : code_points(value)) {
      bool invisible = c < 0x20 || c == 0x7F || (c >= 0x200B && c <= 0x200F) || c == 0xFEFF;
      if (invisible || fonts_.covers(c) || missing.find(c) != std::u32string::npos) continue;
      missing.push_back(c);
    }
    if (missing.empty()) return;
    std::string list;
    for (char32_t c : missing) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
      list += (list.empty() ? "" : ", ") + std::string(code) + " '" + utf8(c) + "'";
    }
    out_.push_back(Problem(where,
                           item + ": no installed font can show " + list +
                               " (it would print as an empty box; install a font that covers "
                               "it, or choose a theme whose fonts do)",
                           Severity::Warning));
  }

 private:
  const FontCoverage& fonts_;
  std::vector<Problem>& out_;
  bool ascii_ = true;  // the fonts cover every printable ASCII character
};

}  // namespace

std::vector<Problem> check_script_coverage(const Pack& pack, const FontCoverage& fonts) {
  std::vector<Problem> out;
  if (!fonts.usable()) return out;
  Checker check(fonts, out);
  for (const PrincipleGroup& g : pack.groups) {
    check.text(g.where, "group '" + g.id + "' title", g.title);
    check.text(g.where, "group '" + g.id + "' description", g.description);
  }
  for (const Principle& p : pack.principles) {
    std::string item = "principle '" + p.id + "'";
    check.text(p.where, item + " title", p.title);
    check.text(p.where, item + " summary", p.summary);
    check.text(p.where, item + " body", p.body);
    for (const auto* list : {&p.dos, &p.donts}) {
      for (const Behavior& b : *list) {
        check.text(b.where, item + " behavior '" + b.id + "'", b.text + " " + b.why);
      }
    }
  }
  for (const Activity& a : pack.activities) {
    std::string item = "activity '" + a.id + "'";
    check.text(a.where, item + " title", a.title);
    check.text(a.where, item + " goal", a.goal);
    for (const std::string& step : a.steps) check.text(a.where, item + " step", step);
  }
  for (const Quote& q : pack.quotes) {
    check.text(q.where, "quote '" + q.id + "'", q.text + " " + q.author);
  }
  for (const Poster& p : pack.posters) {
    check.text(p.where, "poster '" + p.id + "' title", p.title);
    check.text(p.where, "poster '" + p.id + "' subtitle", p.subtitle);
  }
  return out;
}

std::vector<Problem> coverage_warnings(const Pack& pack, const std::string& theme_css) {
  FontCoverage fonts(font_families_of(theme_css));
  return check_script_coverage(pack, fonts);
}

}  // namespace coachkit
