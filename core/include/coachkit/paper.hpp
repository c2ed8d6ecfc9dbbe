// Paper and frame sizes as authors write them ("11x14", "a3", "500x700mm") and lengths such as
// a bleed ("3mm", "0.125in"), turned into millimetres. Shared by the poster reader, which
// refuses what it cannot read, and by generators that take a size option.
#pragma once

#include <coachkit/version.hpp>

#include <cstdlib>
#include <optional>
#include <string>

COACHKIT_NAMESPACE_BEGIN

struct PaperSize {
  double width_mm = 0;   // portrait: the shorter side
  double height_mm = 0;  // portrait: the longer side
};

inline constexpr double kMillimetresPerInch = 25.4;

// The sizes a size may be named by, for messages.
inline const char* paper_size_names() {
  return "8x10, 11x14, 11x17, 16x20, 18x24, 24x36 (inches), letter, a4, a3, a2, or WxHin / WxHmm "
         "(e.g. 12x18in, 500x700mm)";
}

namespace paper_detail {

// A positive decimal number filling all of `text`, or nothing.
inline std::optional<double> number(const std::string& text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  for (char c : text) {
    if (!(c == '.' || (c >= '0' && c <= '9'))) return std::nullopt;
  }
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !(value > 0)) return std::nullopt;
  return value;
}

}  // namespace paper_detail

// A named size or "WxH" with a unit ("in" or "mm"; the frame sizes are inches without one).
// Nothing for anything else, and for sizes under 20 mm or over 3000 mm a side.
inline std::optional<PaperSize> parse_paper_size(const std::string& text) {
  struct Named {
    const char* name;
    double width_mm, height_mm;
  };
  static const Named named[] = {
      {"letter", 215.9, 279.4}, {"a4", 210, 297}, {"a3", 297, 420}, {"a2", 420, 594}};
  for (const Named& n : named) {
    if (text == n.name) return PaperSize{n.width_mm, n.height_mm};
  }
  static const char* frames[] = {"8x10", "11x14", "11x17", "16x20", "18x24", "24x36"};
  std::string body = text;
  double unit = 0;
  for (const char* frame : frames) {
    if (text == frame) unit = kMillimetresPerInch;
  }
  if (unit == 0 && body.size() > 2 && body.compare(body.size() - 2, 2, "in") == 0) {
    unit = kMillimetresPerInch;
    body.resize(body.size() - 2);
  } else if (unit == 0 && body.size() > 2 && body.compare(body.size() - 2, 2, "mm") == 0) {
    unit = 1;
    body.resize(body.size() - 2);
  }
  std::size_t x = body.find('x');
  if (unit == 0 || x == std::string::npos) return std::nullopt;
  std::optional<double> w = paper_detail::number(body.substr(0, x));
  std::optional<double> h = paper_detail::number(body.substr(x + 1));
  if (!w || !h) return std::nullopt;
  double wm = *w * unit, hm = *h * unit;
  if (wm < 20 || hm < 20 || wm > 3000 || hm > 3000) return std::nullopt;
  return PaperSize{wm, hm};
}

// A length such as "3mm", "0.125in" or "0" (none), in millimetres; nothing for anything else
// and for more than 25 mm, which no printer's bleed needs.
inline std::optional<double> parse_bleed_mm(const std::string& text) {
  if (text == "0") return 0.0;
  if (text.size() < 3) return std::nullopt;
  std::string unit = text.substr(text.size() - 2);
  double factor = unit == "mm"   ? 1
                  : unit == "in" ? kMillimetresPerInch
                  : unit == "pt" ? 25.4 / 72
                                 : 0;
  if (factor == 0) return std::nullopt;
  std::optional<double> value = paper_detail::number(text.substr(0, text.size() - 2));
  if (!value || *value * factor > 25) return std::nullopt;
  return *value * factor;
}

COACHKIT_NAMESPACE_END
