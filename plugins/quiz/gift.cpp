// Moodle GIFT: one category block per principle, then its questions. Every text goes through
// escape::gift (the backslash first, then ~ = # { } :, line breaks as \n), so no blank line or
// "//" line can appear inside a question; all text is [plain], so Moodle shows it as written.
#include "quiz.hpp"

#include <coachkit/escape.hpp>

#include <cmath>
#include <map>

namespace quiz {

namespace {

namespace escape = coachkit::escape;

// A weight as one of Moodle's grades: five decimals at most ("33.33333", "-50").
std::string grade(double percent) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.5f", percent);
  std::string s = buffer;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

// A category path: Moodle splits it at "/", and reads "//" as a slash within a name.
std::string category_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == '/')
      out += "//";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

// Moodle takes a leading [html], [markdown], [moodle] or [plain] as the text's format; a text
// that starts with one gets [plain] first, so the marker stays text and the rest stays plain.
std::string plain(const std::string& text) {
  std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start != std::string::npos) {
    for (const char* marker : {"[html]", "[markdown]", "[moodle]", "[plain]"}) {
      if (text.compare(start, std::string(marker).size(), marker) == 0) {
        return "[plain]" + escape::gift(text);
      }
    }
  }
  return escape::gift(text);
}

// Moodle reads "%50%" at the start of an answer as its weight, and has no escape for '%': an
// answer that starts with '%' gets its weight written out, so its own text stays text.
std::string weighted(const std::string& text, const char* weight) {
  return (!text.empty() && text[0] == '%' ? std::string("%") + weight + "%" : std::string()) +
         plain(text);
}

std::string feedback(const std::string& text) { return text.empty() ? "" : "#" + plain(text); }

void write_item(const Item& item, std::string& out) {
  out += "::" + escape::gift(item.id) + "::[plain]" + escape::gift(item.prompt) + " {";
  switch (item.kind) {
    case Question::Kind::Single:
      for (std::size_t i = 0; i < item.choices.size(); ++i) {
        out += "\n\t";
        // After '=' Moodle reads no weight; after '~' it would.
        out += item.correct[i] ? "=" + plain(item.choices[i].text)
                               : "~" + weighted(item.choices[i].text, "0");
        out += feedback(item.choices[i].feedback);
      }
      break;
    case Question::Kind::Multiple:
      for (const coachkit::Choice& c : item.choices) {
        out += "\n\t~";
        out += "%" + grade(c.weight) + "%" + plain(c.text) + feedback(c.feedback);
      }
      break;
    case Question::Kind::TrueFalse:
      out += item.truth ? "TRUE" : "FALSE";
      break;
    case Question::Kind::Matching:
      for (const auto& [left, right] : item.pairs) {
        out += "\n\t=" + plain(left) + " -> " + escape::gift(right);
      }
      break;
    case Question::Kind::Ordering:
      // GIFT has no ordering type: each step is matched to its place, 1 to n.
      for (std::size_t i = 0; i < item.shown.size(); ++i) {
        std::size_t place = 0;
        while (place < item.steps.size() && item.steps[place] != item.shown[i]) ++place;
        out += "\n\t=" + plain(item.shown[i]) + " -> " + std::to_string(place + 1);
      }
      break;
    case Question::Kind::Short:
      for (const std::string& a : item.accepted) out += "\n\t=" + weighted(a, "100");
      break;
    case Question::Kind::Numeric:
      // Always with its tolerance: Moodle reads "{#0}" as no answer at all.
      out += "#" + number_text(item.number) + ":" + number_text(item.tolerance);
      break;
  }
  if (!item.feedback.empty()) out += "\n\t####" + plain(item.feedback);
  out += "\n}\n\n";
}

}  // namespace

std::string gift_cannot_carry(const Item& item) {
  // Moodle splits a matching line at its first "->" and reads a short answer holding "->" as
  // matching (its import then fails, and with the import form's "stop on error" the whole file
  // with it); GIFT has no escape for it.
  auto arrow = [](const std::string& text) { return text.find("->") != std::string::npos; };
  switch (item.kind) {
    case Question::Kind::Short:
      for (const std::string& a : item.accepted) {
        if (arrow(a)) return "an accepted answer with \"->\" makes Moodle's GIFT import fail";
      }
      break;
    case Question::Kind::Matching:
      for (const auto& pair : item.pairs) {
        if (arrow(pair.first)) {
          return "a left side with \"->\" is split there by Moodle's GIFT import";
        }
      }
      break;
    case Question::Kind::Ordering:
      for (const std::string& step : item.steps) {
        if (arrow(step)) return "a step with \"->\" is split there by Moodle's GIFT import";
      }
      break;
    default:
      break;
  }
  return {};
}

std::string gift(const coachkit::Pack& pack, const Version& version,
                 std::vector<LeftOut>* left_out) {
  std::string out =
      "// " + category_name(pack.title) + ", version " + version.letter + " (coachkit)\n\n";
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Item*>> by_principle;
  for (const Item& item : version.items) {
    if (std::string why = gift_cannot_carry(item); !why.empty()) {
      if (left_out) left_out->push_back({item.id, why});
      continue;
    }
    if (!by_principle.count(item.principle)) order.push_back(item.principle);
    by_principle[item.principle].push_back(&item);
  }
  for (const std::string& principle : order) {
    const std::vector<const Item*>& items = by_principle[principle];
    out += "$CATEGORY: $course$/top/" + category_name(pack.title) + "/" +
           category_name(items.front()->principle_title) + "\n\n";
    for (const Item* item : items) write_item(*item, out);
  }
  return out;
}

}  // namespace quiz
