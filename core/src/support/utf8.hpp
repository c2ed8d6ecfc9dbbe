// UTF-8, read strictly: one definition of a well-formed sequence (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF) for everything that reads untrusted text byte by
// byte: the pandoc AST, diagnostics, CSV imports and the font-coverage check.
#pragma once

#include <cstddef>
#include <string_view>

namespace coachkit {

// The length of the well-formed UTF-8 sequence at text[i] (1 for ASCII), or 0 when the bytes
// there are not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// The code point of the well-formed sequence of `length` bytes at text[i].
char32_t utf8_code_point(std::string_view text, std::size_t i, std::size_t length);

// True when all of `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace coachkit
