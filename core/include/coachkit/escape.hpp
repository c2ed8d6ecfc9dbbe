// Escapers for files a plugin writes itself (XML, HTML, GIFT, CSV, JSON), so that content text
// stays literal text in every one of them and no plugin writes its own; the host uses the same
// ones (the JSON escaper writes the pandoc AST). Each takes UTF-8 and leaves
// every character a reader would see unchanged.
#pragma once

#include <coachkit/utf8.hpp>
#include <coachkit/version.hpp>

#include <string>
#include <string_view>

COACHKIT_NAMESPACE_BEGIN

namespace escape {

namespace detail {
// XML 1.0 forbids most C0 control characters even as references: they become U+FFFD.
inline bool forbidden_in_xml(unsigned char c) {
  return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}
inline std::string xml(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";  // "]]>" in text is an error without it
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\'':
        out += attribute ? "&apos;" : "'";
        break;
      case '\t':
      case '\n':
      case '\r':
        // Attribute values have their white space normalized away unless it is a reference.
        if (attribute) {
          out += "&#" + std::to_string(c) + ";";
        } else if (ch == '\r') {
          out += "&#13;";  // a raw CR would be turned into a line feed by the parser
        } else {
          out += ch;
        }
        break;
      default:
        if (forbidden_in_xml(c)) {
          out += "\xEF\xBF\xBD";
        } else {
          out += ch;
        }
    }
  }
  return out;
}
}  // namespace detail

// Character data of an XML element.
inline std::string xml_text(std::string_view text) { return detail::xml(text, false); }
// An XML attribute value, for either kind of quote.
inline std::string xml_attribute(std::string_view text) { return detail::xml(text, true); }
// Text or an attribute value in HTML: the XML attribute rules serve both (white space as
// character references reads the same in HTML text).
inline std::string html(std::string_view text) { return detail::xml(text, true); }

// Text inside a Moodle GIFT question (prompt, answer, feedback): the backslash first, then
// ~ = # { } : as Moodle's importer (question/format/gift/format.php) expects; a line break
// becomes "\n", so no blank line or "//" line can appear inside a question.
inline std::string gift(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    switch (ch) {
      case '\\':
      case '~':
      case '=':
      case '#':
      case '{':
      case '}':
      case ':':
        out += '\\';
        out += ch;
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t') {
          out += ' ';
        } else {
          out += ch;
        }
    }
  }
  return out;
}

namespace detail {
// "-12", "+3.5": a number a spreadsheet reads as a number, not a formula.
inline bool plain_number(std::string_view s) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digits = true;
    } else if (s[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}
}  // namespace detail

// One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. A
// field a spreadsheet would run as a formula (starting with = + - @, a tab or a CR, and not a
// plain number) is prefixed with an apostrophe, so it shows as the text it is.
inline std::string csv(std::string_view text) {
  std::string value(text);
  bool formula = !value.empty() &&
                 (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                  value[0] == '\t' || value[0] == '\r') &&
                 !detail::plain_number(value);
  if (formula) value.insert(value.begin(), '\'');
  if (!formula && value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char ch : value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
  return out;
}

// Where a JSON string is going: a JSON file or a program's input (Data), or inside an HTML
// <script> element (Script).
enum class JsonIn { Data, Script };

// Appends a JSON string, quotes included (RFC 8259): quotes, backslashes and control
// characters escaped, well-formed UTF-8 kept as it is and each byte that is not replaced by
// U+FFFD, so the output is always valid JSON. For a script, < > & are also written as \u
// escapes, so no content can close the element or start a comment, and so are U+2028 and
// U+2029, which end a line in older JavaScript.
inline void append_json(std::string& out, std::string_view text, JsonIn in = JsonIn::Script) {
  static const char hex[] = "0123456789abcdef";
  auto unicode = [&](unsigned code) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += hex[(code >> shift) & 0xF];
  };
  const bool script = in == JsonIn::Script;
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        out += "\xEF\xBF\xBD";
        ++i;
      } else if (script && length == 3 && c == 0xE2 &&
                 static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                 (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                  static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
        unicode(static_cast<unsigned char>(text[i + 2]) == 0xA8 ? 0x2028 : 0x2029);
        i += length;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '<':
      case '>':
      case '&':
        if (script) {
          unicode(c);
        } else {
          out += static_cast<char>(c);
        }
        break;
      default:
        if (c < 0x20) {
          unicode(c);
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

// The same, as a string of its own.
inline std::string json(std::string_view text, JsonIn in = JsonIn::Script) {
  std::string out;
  out.reserve(text.size() + text.size() / 8 + 2);
  append_json(out, text, in);
  return out;
}

}  // namespace escape

COACHKIT_NAMESPACE_END
