// UTF-8, read strictly: one definition of a well-formed sequence (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), for the escapers (escape.hpp) and everything in the
// host that reads untrusted text byte by byte.
#pragma once

#include <coachkit/version.hpp>

#include <cstddef>
#include <string_view>

COACHKIT_NAMESPACE_BEGIN

// The length of the well-formed UTF-8 sequence at text[i] (1 for ASCII), or 0 when the bytes
// there are not one.
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u;
  };
  if (i >= text.size()) return 0;
  unsigned char c = byte(0);
  if (c < 0x80) return 1;
  auto continuation = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return continuation(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned char low = c == 0xE0 ? 0xA0 : 0x80, high = c == 0xED ? 0x9F : 0xBF;
    return byte(1) >= low && byte(1) <= high && continuation(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned char low = c == 0xF0 ? 0x90 : 0x80, high = c == 0xF4 ? 0x8F : 0xBF;
    return byte(1) >= low && byte(1) <= high && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

COACHKIT_NAMESPACE_END
