// Escapers for files a plugin writes itself (XML, HTML, GIFT, CSV, JSON), so that content text
// stays literal text in every one of them and no plugin writes its own. Each takes UTF-8 and leaves
// every character a reader would see unchanged.
#pragma once

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

// A JSON string, quotes included (RFC 8259). Also safe inside an HTML <script> element: < > &
// are written as \u escapes, so no content can close the element or start a comment, and so are
// U+2028 and U+2029, which end a line in older JavaScript. Other control characters are escaped;
// every other character, non-ASCII included, is written as it is.
inline std::string json(std::string_view text) {
  std::string out = "\"";
  out.reserve(text.size() + text.size() / 8 + 2);
  static const char hex[] = "0123456789abcdef";
  auto unicode = [&](unsigned code) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += hex[(code >> shift) & 0xF];
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
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
        unicode(c);
        break;
      default:
        if (c < 0x20) {
          unicode(c);
        } else if (c == 0xE2 && i + 2 < text.size() &&
                   static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                    static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
          unicode(static_cast<unsigned char>(text[i + 2]) == 0xA8 ? 0x2028 : 0x2029);
          i += 2;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

}  // namespace escape

COACHKIT_NAMESPACE_END
