// Moodle XML: every question type with what Moodle's importer needs written out rather than
// left to its defaults; all text is plain_text, XML-escaped, so Moodle shows it as written.
#include "quiz.hpp"

#include <coachkit/escape.hpp>

#include <map>

namespace quiz {

namespace {

namespace escape = coachkit::escape;

// Moodle's XML reader drops character data that is only white space, so white space between two
// escaped characters ("<b> & <i>") would vanish. Such text goes in CDATA, as Moodle's own
// exporter (qformat_xml::xml_escape) writes it; a raw CR cannot, so it keeps the references.
bool needs_cdata(const std::string& value) {
  if (value.find('\r') != std::string::npos) return false;
  auto escaped = [](char c) { return c == '&' || c == '<' || c == '>'; };
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!escaped(value[i])) continue;
    std::size_t j = i + 1;
    while (j < value.size() && space(value[j])) ++j;
    if (j > i + 1 && j < value.size() && escaped(value[j])) return true;
  }
  return false;
}

std::string text(const std::string& value) {
  if (!needs_cdata(value)) return "<text>" + escape::xml_text(value) + "</text>";
  std::string clean;  // the characters XML forbids become U+FFFD, as escape::xml_text does
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    clean += (u < 0x20 && c != '\t' && c != '\n') ? std::string("\xEF\xBF\xBD") : std::string(1, c);
  }
  std::string out = "<text><![CDATA[";
  for (std::size_t at = 0;;) {
    std::size_t end = clean.find("]]>", at);
    if (end == std::string::npos) {
      out += clean.substr(at);
      break;
    }
    out += clean.substr(at, end - at) + "]]]]><![CDATA[>";
    at = end + 3;
  }
  return out + "]]></text>";
}

std::string formatted(const char* tag, const std::string& value) {
  return std::string("<") + tag + " format=\"plain_text\">" + text(value) + "</" + tag + ">";
}

std::string answer(double fraction, const std::string& value, const std::string& feedback,
                   const std::string& extra = {}) {
  return "    <answer fraction=\"" + number_text(fraction) + "\" format=\"plain_text\">" +
         text(value) + extra + formatted("feedback", feedback) + "</answer>\n";
}

const char* type_of(Question::Kind kind) {
  switch (kind) {
    case Question::Kind::Single:
    case Question::Kind::Multiple:
      return "multichoice";
    case Question::Kind::TrueFalse:
      return "truefalse";
    case Question::Kind::Matching:
      return "matching";
    case Question::Kind::Ordering:
      return "ordering";
    case Question::Kind::Short:
      return "shortanswer";
    case Question::Kind::Numeric:
      return "numerical";
  }
  return "";
}

void write_item(const Item& item, std::string& out) {
  out += std::string("  <question type=\"") + type_of(item.kind) + "\">\n";
  out += "    <name>" + text(item.id) + "</name>\n";
  out += "    " + formatted("questiontext", item.prompt) + "\n";
  out += "    " + formatted("generalfeedback", item.feedback) + "\n";
  out += "    <defaultgrade>" + number_text(item.points) + "</defaultgrade>\n";
  out += "    <penalty>0</penalty>\n    <hidden>0</hidden>\n";
  switch (item.kind) {
    case Question::Kind::Single:
    case Question::Kind::Multiple: {
      bool single = item.kind == Question::Kind::Single;
      bool pinned = false;
      for (const coachkit::Choice& c : item.choices) pinned = pinned || c.pinned;
      out += std::string("    <single>") + (single ? "true" : "false") + "</single>\n";
      // Moodle cannot keep one choice in place while it shuffles the others.
      out +=
          std::string("    <shuffleanswers>") + (pinned ? "false" : "true") + "</shuffleanswers>\n";
      out += "    <answernumbering>abc</answernumbering>\n";
      for (const char* tag : {"correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"}) {
        out += "    " + formatted(tag, "") + "\n";
      }
      for (std::size_t i = 0; i < item.choices.size(); ++i) {
        const coachkit::Choice& c = item.choices[i];
        double fraction = single ? (item.correct[i] ? 100 : 0) : c.weight;
        out += answer(fraction, c.text, c.feedback);
      }
      break;
    }
    case Question::Kind::TrueFalse:
      out += answer(item.truth ? 100 : 0, "true", "");
      out += answer(item.truth ? 0 : 100, "false", "");
      break;
    case Question::Kind::Matching:
      out += "    <shuffleanswers>true</shuffleanswers>\n";
      for (const auto& [left, right] : item.pairs) {
        out += "    <subquestion format=\"plain_text\">" + text(left) + "<answer>" + text(right) +
               "</answer></subquestion>\n";
      }
      break;
    case Question::Kind::Ordering:
      out += "    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n";
      out += "    <selectcount>0</selectcount>\n";
      out += "    <gradingtype>ABSOLUTE_POSITION</gradingtype>\n";
      out += "    <showgrading>SHOW</showgrading>\n    <numberingstyle>none</numberingstyle>\n";
      for (std::size_t i = 0; i < item.steps.size(); ++i) {
        out += "    <answer fraction=\"" + std::to_string(i + 1) + "\" format=\"plain_text\">" +
               text(item.steps[i]) + "</answer>\n";
      }
      break;
    case Question::Kind::Short:
      out += "    <usecase>0</usecase>\n";
      for (const std::string& a : item.accepted) out += answer(100, a, "");
      break;
    case Question::Kind::Numeric:
      out += answer(100, number_text(item.number), "",
                    "<tolerance>" + number_text(item.tolerance) + "</tolerance>");
      break;
  }
  out += "  </question>\n";
}

}  // namespace

std::string moodle_xml(const coachkit::Pack& pack, const Version& version) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n";
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Item*>> by_principle;
  for (const Item& item : version.items) {
    if (!by_principle.count(item.principle)) order.push_back(item.principle);
    by_principle[item.principle].push_back(&item);
  }
  auto path_part = [](std::string name) {
    std::string out;
    for (char c : name) out += c == '/' ? std::string("//") : std::string(1, c);
    return out;
  };
  for (const std::string& principle : order) {
    const std::vector<const Item*>& items = by_principle[principle];
    out += "  <question type=\"category\">\n    <category>" +
           text("$course$/top/" + path_part(pack.title) + "/" +
                path_part(items.front()->principle_title)) +
           "</category>\n  </question>\n";
    for (const Item* item : items) write_item(*item, out);
  }
  out += "</quiz>\n";
  return out;
}

}  // namespace quiz
