#include "diagnostics.hpp"

#include "utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace coachkit {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_hex_byte(std::string& out, unsigned char byte) {
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0xf];
}

// C1 controls move the cursor like ESC sequences do on some terminals; line and paragraph
// separators break lines; bidirectional overrides reorder what the reader sees.
bool is_hidden_control(std::uint32_t c) {
  return (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::string escape_control_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    unsigned char byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      switch (byte) {
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (byte < 0x20 || byte == 0x7f)
            append_hex_byte(out, byte);
          else
            out += static_cast<char>(byte);
      }
      ++i;
      continue;
    }
    std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {  // not UTF-8 (a file name can be any bytes): show the byte
      append_hex_byte(out, byte);
      ++i;
      continue;
    }
    std::uint32_t c = utf8_code_point(text, i, length);
    if (is_hidden_control(c)) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 0xf];
    } else {
      out.append(text, i, length);
    }
    i += length;
  }
  return out;
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string file = escape_control_characters(d.file);
  std::string message = escape_control_characters(d.message);
  if (d.line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + message;
}

void Diagnostics::add(std::string file, int line, int column, std::string message) {
  items_.push_back(Diagnostic{std::move(file), line, column, std::move(message)});
}

std::string Diagnostics::to_string() const {
  std::vector<Diagnostic> sorted = items_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  std::string out;
  for (const Diagnostic& d : sorted) out += format_diagnostic(d) + "\n";
  return out;
}

}  // namespace coachkit
