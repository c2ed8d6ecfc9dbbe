#include "handout_text.hpp"

#include <algorithm>

namespace coachkit_handout {

using namespace coachkit;

Blocks paragraphs(const std::string& text) {
  Blocks out;
  std::string current;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    bool blank = line.find_first_not_of(" \t\r") == std::string::npos;
    if (blank) {
      if (!current.empty()) out.push_back(doc::paragraph(current));
      current.clear();
    } else {
      current += (current.empty() ? "" : " ") + line;
    }
    start = end + 1;
  }
  if (!current.empty()) out.push_back(doc::paragraph(current));
  return out;
}

std::string attribution(const Pack& pack, const std::string& source_id) {
  const Source* source = pack.find_source(source_id);
  if (!source) return "";
  std::string text = source->title + ", " + source->author;
  if (source->year) text += " (" + std::to_string(*source->year) + ")";
  return text;
}

const Quote* quote_for(const Pack& pack, const Principle& p) {
  for (const Quote& q : pack.quotes) {
    if (std::find(q.principles.begin(), q.principles.end(), p.id) != q.principles.end()) return &q;
  }
  return nullptr;
}

std::vector<const Activity*> activities_for(const Pack& pack, const Principle& p) {
  std::vector<const Activity*> out;
  for (const Activity& a : pack.activities) {
    if (std::find(a.principles.begin(), a.principles.end(), p.id) != a.principles.end()) {
      out.push_back(&a);
    }
  }
  return out;
}

std::string practised_principles(const Pack& pack, const Activity& a) {
  std::string out;
  for (const std::string& id : a.principles) {
    if (const Principle* p = pack.find_principle(id)) out += (out.empty() ? "" : ", ") + p->title;
  }
  return out;
}

std::string minutes_text(int minutes) {
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

}  // namespace coachkit_handout
