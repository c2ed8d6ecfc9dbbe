// The font-coverage warnings of build and lint: a character no installed font shows is named,
// one that some font shows is not, and the coverage agrees with fontconfig's own answer for
// every character (the alphabets below U+3000 are looked up once, the rest as asked).

#include "render/font_coverage.hpp"

#include <coachkit/model.hpp>

#include <fontconfig/fontconfig.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace coachkit {
namespace {

TEST(FontCoverage, AgreesWithFontconfigOnEveryCharacterItAnswersFromItsTable) {
  FontCoverage fonts({"DejaVu Sans", "serif"});
  if (!fonts.usable()) GTEST_SKIP() << "fontconfig could not be asked";
  // The same question asked of fontconfig directly.
  FcPattern* pattern = FcPatternCreate();
  for (const char* family : {"DejaVu Sans", "serif"}) {
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
  }
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcCharSet* characters = nullptr;
  FcFontSet* set = FcFontSort(nullptr, pattern, FcTrue, &characters, &result);
  if (set) FcFontSetDestroy(set);
  FcPatternDestroy(pattern);
  ASSERT_NE(characters, nullptr);
  int covered = 0;
  for (char32_t c = 0; c < 0x3100; ++c) {
    bool expected = FcCharSetHasChar(characters, c) == FcTrue;
    covered += expected;
    EXPECT_EQ(fonts.covers(c), expected) << "U+" << std::hex << static_cast<unsigned>(c);
  }
  FcCharSetDestroy(characters);
  EXPECT_GT(covered, 1000);
}

TEST(FontCoverage, NamesTheCharactersNoFontShowsAndOnlyThose) {
  FontCoverage fonts({"DejaVu Sans"});
  if (!fonts.usable()) GTEST_SKIP() << "fontconfig could not be asked";
  Pack pack;
  Principle plain;
  plain.id = "plain";
  plain.title = "Plain text, every ASCII mark: ~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./";
  plain.summary = "Caf\xC3\xA9 na\xC3\xAFve \xE2\x80\x9Cquoted\xE2\x80\x9D";
  Principle odd;
  odd.id = "odd";
  odd.title = "Mongolian \xE1\xA0\xA0 and Ugaritic \xF0\x90\x8E\x80, twice \xE1\xA0\xA0";
  pack.principles = {plain, odd};
  std::vector<Problem> warnings = check_script_coverage(pack, fonts);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].message,
            "principle 'odd' title: no installed font can show U+1820 '\xE1\xA0\xA0', U+10380 "
            "'\xF0\x90\x8E\x80' (it would print as an empty box; install a font that covers it, "
            "or choose a theme whose fonts do)");
}

}  // namespace
}  // namespace coachkit
