// What a page must tell browsers and screen readers about the language its text is in.
#pragma once

#include <coachkit/version.hpp>

#include <initializer_list>
#include <string>

COACHKIT_NAMESPACE_BEGIN

// Whether text in this BCP 47 language is written right to left (Arabic, Hebrew, Persian, Urdu
// and their neighbours), so pages can say dir="rtl" to browsers and screen readers.
inline bool right_to_left_language(const std::string& language) {
  std::string primary = language.substr(0, language.find_first_of("-_"));
  for (char& c : primary) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const char* rtl :
       {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "syr", "ug", "ur", "yi"}) {
    if (primary == rtl) return true;
  }
  return false;
}

COACHKIT_NAMESPACE_END
