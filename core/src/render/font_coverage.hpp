// Which characters the installed fonts can show, for a theme's font families: fontconfig's own
// fallback order (FcFontSort), which is what WeasyPrint's Pango uses, so a character outside it
// would print as an empty box. Checked before rendering, so the author hears about it.
#pragma once

#include "support/problem.hpp"

#include <coachkit/model.hpp>

#include <memory>
#include <string>
#include <vector>

namespace coachkit {

class FontCoverage {
 public:
  // `families` as CSS names them, e.g. {"EB Garamond", "serif"}.
  explicit FontCoverage(const std::vector<std::string>& families);
  ~FontCoverage();
  FontCoverage(const FontCoverage&) = delete;
  FontCoverage& operator=(const FontCoverage&) = delete;

  // False when fontconfig could not be asked; every character then counts as covered.
  bool usable() const;
  bool covers(char32_t c) const;

 private:
  struct Fonts;
  std::unique_ptr<Fonts> fonts_;
};

// The families named by a style sheet's font-family declarations, in order, once each.
std::vector<std::string> font_families_of(const std::string& css);

// One warning per piece of text with characters no installed font shows, naming the file, the
// item and the characters, e.g. "principle 'respect' title: U+10600 has no glyph ...".
std::vector<Problem> check_script_coverage(const Pack& pack, const FontCoverage& fonts);

// The warnings above for the fonts `theme_css` names: what `build` and `lint` both tell the
// author.
std::vector<Problem> coverage_warnings(const Pack& pack, const std::string& theme_css);

}  // namespace coachkit
