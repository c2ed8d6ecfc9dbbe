#include "pack/content_limits.hpp"
#include "pack/readers/readers.hpp"

#include <algorithm>
#include <cctype>

namespace coachkit {

namespace {

// Reads each table of a [[...]] list with `read`, then reports its unknown keys.
template <typename Read>
void for_each_table(const toml::node* list, const std::string& context, const std::string& file,
                    Diagnostics& diagnostics, Read read) {
  if (!list) return;
  if (!is_table_list(*list)) {
    SourcePosition p = position_of(file, list->source());
    diagnostics.add(file, p.line, p.column, "must be written as " + context + " tables");
    return;
  }
  for (const toml::node& item : *list->as_array()) {
    TableReader r(*item.as_table(), context, file, diagnostics);
    read(r);
    r.finish();
  }
}

void read_pack_table(TableReader& r, Pack& pack) {
  pack.id = r.id();
  pack.title = r.required_string("title", kMaxLineChars);
  pack.version = r.required_string("version", kMaxLineChars);
  pack.language = r.required_string("language", kMaxLineChars);
  if (const toml::node* lang = r.node("language"); lang && !pack.language.empty()) {
    const std::string& tag = pack.language;
    bool ok =
        tag.size() >= 2 && tag.size() <= 35 && std::all_of(tag.begin(), tag.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
        });
    if (!ok) {
      r.error(*lang, "'language' in [pack] is \"" + tag +
                         "\"; expected a language tag such as \"en\" or \"en-GB\"");
    }
  }
  pack.authors = r.string_list("authors", 1, kMaxLineChars);
  pack.license = r.required_string("license", kMaxLineChars);
  pack.description = r.optional_string("description", kMaxParagraphChars);
  // The paper every handout, worksheet, scorecard and quiz of the pack prints on, in PDF,
  // DOCX and ODT alike (a project's own choice wins).
  pack.paper = r.optional_string("paper", kMaxLineChars);
  if (const toml::node* paper = r.node("paper");
      paper && pack.paper != "a4" && pack.paper != "letter") {
    r.error(*paper, "'paper' in [pack] is \"" + pack.paper + "\"; expected \"a4\" or \"letter\"");
  }
  // The edition's date: what DOCX, ODT and PDF outputs carry, so they come out the same
  // byte for byte whenever and wherever the pack is built.
  if (const toml::node* date = r.node("date")) {
    if (!date->is_date()) {
      r.error(*date, "'date' in [pack] must be a date such as 2026-11-26 (no quotes), not " +
                         describe_type(*date));
    } else {
      toml::date d = date->as_date()->get();
      // Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
      int y = d.year - (d.month <= 2 ? 1 : 0);
      int era = (y >= 0 ? y : y - 399) / 400;
      int yoe = y - era * 400;
      int mp = (d.month + 9) % 12;
      int doy = (153 * mp + 2) / 5 + d.day - 1;
      int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
      std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
      if (d.year < 1980 || d.year > 9999) {
        r.error(*date,
                "'date' in [pack] must be from 1980 on (the earliest date a DOCX or ODT "
                "file can carry)");
      } else {
        pack.date = days * 86400;
      }
    }
  }
}

}  // namespace

bool read_pack_file(const toml::table& root, const std::string& file, LoadContext& context) {
  Diagnostics& diagnostics = context.diagnostics;
  if (root.empty()) {
    diagnostics.add(file, 1, 1,
                    "pack.toml is empty: it needs a [pack] table (id, title, version, ...; see "
                    "docs/content-schema.md)");
    return false;
  }
  const toml::node* n = root.get("pack");
  if (!n) {
    diagnostics.add(file, 1, 1, "pack.toml has no [pack] table (id, title, version, ...)");
    return false;
  }
  if (!n->is_table()) {
    SourcePosition p = position_of(file, n->source());
    diagnostics.add(file, p.line, p.column, "'pack' must be a table ([pack])");
    return false;
  }
  context.only_keys(root, file, {"pack", "source", "group"}, "pack.toml");
  TableReader r(*n->as_table(), "[pack]", file, diagnostics);
  read_pack_table(r, context.pack);
  r.finish();

  for_each_table(root.get("source"), "[[source]]", file, diagnostics, [&](TableReader& r) {
    Source s;
    s.where = r.where();
    s.id = r.id();
    s.title = r.required_string("title", kMaxLineChars);
    s.author = r.required_string("author", kMaxLineChars);
    if (auto year = r.integer("year", false, 1000, 3000)) s.year = static_cast<int>(*year);
    s.note = r.optional_string("note", kMaxParagraphChars);
    if (context.source_ids.claim(s.id, r.where("id"), diagnostics)) {
      context.pack.sources.push_back(std::move(s));
    }
  });
  for_each_table(root.get("group"), "[[group]]", file, diagnostics, [&](TableReader& r) {
    PrincipleGroup g;
    g.where = r.where();
    g.id = r.id();
    g.title = r.required_string("title", kMaxLineChars);
    g.description = r.optional_string("description", kMaxParagraphChars);
    if (context.group_ids.claim(g.id, r.where("id"), diagnostics)) {
      context.pack.groups.push_back(std::move(g));
    }
  });
  return true;
}

}  // namespace coachkit
