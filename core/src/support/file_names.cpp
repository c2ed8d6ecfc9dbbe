#include "support/file_names.hpp"

namespace coachkit {

bool non_ascii_kept_in_file_name(char32_t c) {
  return !(c <= 0xA0 || c == 0xAD || c == 0x1680 || c == 0x180E || (c >= 0x2000 && c <= 0x200F) ||
           (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000 ||
           c == 0xFEFF || (c >= 0xFFF0 && c <= 0xFFFF) || (c >= 0xFDD0 && c <= 0xFDEF) ||
           (c & 0xFFFE) == 0xFFFE || (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000);
}

}  // namespace coachkit
