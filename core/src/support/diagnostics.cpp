#include "support/diagnostics.hpp"

#include "support/utf8.hpp"

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

void Diagnostics::add(std::string file, int line, int column, std::string message) {
  add(Diagnostic(std::move(file), line, column, std::move(message)));
}

bool Diagnostics::precedes(std::size_t a, std::size_t b) const {
  const Diagnostic& x = items_[a];
  const Diagnostic& y = items_[b];
  return std::tie(x.where.file, x.where.line, x.where.column, added_[a]) <
         std::tie(y.where.file, y.where.line, y.where.column, added_[b]);
}

// A new problem was added after every kept one: it goes first only by its position.
bool Diagnostics::precedes(const Diagnostic& d, std::size_t kept) const {
  const Diagnostic& k = items_[kept];
  return std::tie(d.where.file, d.where.line, d.where.column) <
         std::tie(k.where.file, k.where.line, k.where.column);
}

void Diagnostics::add(Diagnostic d) {
  std::size_t added = total_++;
  auto later = [this](std::size_t a, std::size_t b) { return precedes(a, b); };
  if (items_.size() < most_kept_) {
    items_.push_back(std::move(d));
    added_.push_back(added);
    if (items_.size() == most_kept_) {
      heap_.resize(items_.size());
      for (std::size_t i = 0; i < heap_.size(); ++i) heap_[i] = i;
      std::make_heap(heap_.begin(), heap_.end(), later);
    }
    return;
  }
  if (heap_.empty() || !precedes(d, heap_.front())) return;
  // The last kept problem by position makes room for this one.
  std::pop_heap(heap_.begin(), heap_.end(), later);
  std::size_t slot = heap_.back();
  items_[slot] = std::move(d);
  added_[slot] = added;
  std::push_heap(heap_.begin(), heap_.end(), later);
}

std::vector<Problem> Diagnostics::sorted() const {
  std::vector<std::size_t> order(items_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [this](std::size_t a, std::size_t b) { return precedes(a, b); });
  std::vector<Problem> out;
  out.reserve(order.size() + 1);
  for (std::size_t i : order) out.push_back(items_[i]);
  if (std::size_t more = omitted()) {
    out.push_back(note("... and " + std::to_string(more) +
                       (more == 1 ? " more problem" : " more problems")));
  }
  return out;
}

std::string Diagnostics::to_string() const {
  std::string out;
  for (const Problem& p : sorted()) out += problem_text(p) + "\n";
  return out;
}

}  // namespace coachkit
