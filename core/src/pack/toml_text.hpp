// TOML text to a table, or diagnostics at the position of each problem. The only place
// coachkit parses TOML: every reader and the project file go through it, and so can a fuzz
// target, with no file system involved.
//
// It is also the one place that decides which characters a pack's content may hold: content
// reaches XML, HTML, Markdown, GIFT, office files and terminals, so a character that one of
// them cannot carry (C0 and C1 controls other than tab and new line, DEL, Unicode
// non-characters) is refused by parse_content_toml, which every file of a pack goes through,
// at the FILE:LINE:COL where it is written, for every format alike.
#pragma once

#include "support/diagnostics.hpp"

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>

namespace coachkit {

// `display` names the text in messages (a file name as the user would write it).
std::optional<toml::table> parse_toml(std::string_view text, const std::string& display,
                                      Diagnostics& diagnostics);

// parse_toml for a file of a content pack: a table whose strings or keys hold a refused
// character (each reported where it is written) is not returned.
std::optional<toml::table> parse_content_toml(std::string_view text, const std::string& display,
                                              Diagnostics& diagnostics);

// True for the characters no text of coachkit may hold: C0 controls except tab (U+0009) and
// line feed (U+000A), DEL, C1 controls, and the non-characters (U+FDD0..U+FDEF and the last
// two code points of every plane). A carriage return counts as refused: TOML turns the CR LF
// of a CRLF file into LF, so a CR left in a string was written as an escape.
bool is_refused_character(char32_t c);

}  // namespace coachkit
