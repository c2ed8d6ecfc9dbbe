// UTF-8, read strictly, for everything that reads untrusted text byte by byte: the pandoc AST,
// diagnostics, CSV imports and the font-coverage check. What a well-formed sequence is, is
// defined once, in the SDK (coachkit/utf8.hpp), which the escapers plugins use share.
#pragma once

#include <coachkit/utf8.hpp>

#include <cstddef>
#include <string_view>

namespace coachkit {

// The code point of the well-formed sequence of `length` bytes at text[i].
char32_t utf8_code_point(std::string_view text, std::size_t i, std::size_t length);

// True when all of `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace coachkit
