// A scan of TOML text, before it is parsed, for the shapes that would make the parser recurse
// until the stack runs out: keys of very many dotted parts and deeply nested arrays or inline
// tables. Content is untrusted; no real pack comes near these limits.
#pragma once

#include "support/diagnostics.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace coachkit {

constexpr std::size_t kMaxTomlKeyParts = 32;  // a.b.c = 1 has 3 parts; so has [a.b.c]
constexpr std::size_t kMaxTomlNesting = 32;   // arrays and inline tables inside each other

// False, with the position of the first key or bracket beyond a limit, when `text` goes beyond
// one. Strings and comments are skipped, so dots and brackets in them do not count, nor do the
// dots of values such as 1.5. Says nothing about whether `text` is otherwise valid TOML.
bool within_toml_limits(std::string_view text, const std::string& display, Diagnostic* problem);

}  // namespace coachkit
