#include "support/utf8.hpp"

namespace coachkit {

char32_t utf8_code_point(std::string_view text, std::size_t i, std::size_t length) {
  if (length == 1) return static_cast<unsigned char>(text[i]);
  char32_t c = static_cast<unsigned char>(text[i]) & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  return c;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

}  // namespace coachkit
