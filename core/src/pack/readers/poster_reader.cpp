#include "pack/content_limits.hpp"
#include "pack/readers/readers.hpp"
#include "render/theme_lookup.hpp"

#include <coachkit/paper.hpp>

#include <algorithm>

namespace coachkit {

namespace {

struct ItemKind {
  const char* prefix;
  PosterItem::Kind kind;
  const char* what;  // for messages
};

const ItemKind kItemKinds[] = {
    {"principle", PosterItem::Kind::Principle, "principle"},
    {"group", PosterItem::Kind::Group, "group"},
    {"quote", PosterItem::Kind::Quote, "quote"},
    {"dos-donts", PosterItem::Kind::DosAndDonts, "principle"},
};

void read_items(TableReader& r, LoadContext& context, Poster& poster) {
  r.string_list("items", 1, kMaxLineChars);
  const toml::node* items = r.node("items");
  if (!items || !items->is_array()) return;
  for (const toml::node& item : *items->as_array()) {
    // Not a string, or too long to name anything: reported when the list was read.
    if (!item.is_string() || count_characters(item.as_string()->get()) > kMaxLineChars) continue;
    const std::string& ref = item.as_string()->get();
    std::size_t colon = ref.find(':');
    std::string prefix = colon == std::string::npos ? "" : ref.substr(0, colon);
    std::string id = colon == std::string::npos ? "" : ref.substr(colon + 1);
    const ItemKind* kind = nullptr;
    for (const ItemKind& k : kItemKinds) {
      if (prefix == k.prefix) kind = &k;
    }
    if (!kind) {
      r.error(item, "poster item \"" + ref +
                        "\" must be \"principle:ID\", \"group:ID\", \"quote:ID\" or "
                        "\"dos-donts:ID\"");
      continue;
    }
    if (id.empty()) {
      r.error(item, "poster item \"" + ref + "\" names no " + kind->what + " id");
      continue;
    }
    const IdRegistry& registry = kind->kind == PosterItem::Kind::Quote   ? context.quote_ids
                                 : kind->kind == PosterItem::Kind::Group ? context.group_ids
                                                                         : context.principle_ids;
    context.check_reference(registry, kind->what, id, r.where(item));
    poster.items.push_back({kind->kind, id, r.where(item)});
  }
}

}  // namespace

void read_poster_file(const toml::table& root, const std::string& file, LoadContext& context) {
  context.only_keys(root, file, {"poster"}, "a poster file");
  const toml::node* n = root.get("poster");
  if (!n || !n->is_table()) {
    context.diagnostics.add(file, 1, 1, "a poster file holds one [poster] table");
    return;
  }
  TableReader r(*n->as_table(), "[poster]", file, context.diagnostics);
  Poster poster;
  poster.where = r.where();
  poster.id = r.id();
  poster.title = r.required_string("title", kMaxLineChars);
  poster.subtitle = r.optional_string("subtitle", kMaxLineChars);
  read_items(r, context, poster);

  poster.size = r.optional_string("size", kMaxLineChars);
  if (!poster.size.empty()) {
    if (std::optional<PaperSize> size = parse_paper_size(poster.size)) {
      poster.width_mm = size->width_mm;
      poster.height_mm = size->height_mm;
    } else {
      r.error(*r.node("size"),
              "'size' in [poster] is \"" + poster.size + "\"; expected " + paper_size_names());
    }
  }
  poster.orientation = r.optional_string("orientation", kMaxLineChars);
  if (!poster.orientation.empty() && poster.orientation != "portrait" &&
      poster.orientation != "landscape") {
    r.error(*r.node("orientation"), "'orientation' in [poster] is \"" + poster.orientation +
                                        "\"; expected \"portrait\" or \"landscape\"");
  }
  std::string bleed = r.optional_string("bleed", kMaxLineChars);
  if (!bleed.empty()) {
    if (std::optional<double> mm = parse_bleed_mm(bleed)) {
      poster.bleed_mm = *mm;
    } else {
      r.error(*r.node("bleed"), "'bleed' in [poster] is \"" + bleed +
                                    "\"; expected a length up to 25 mm such as \"3mm\", "
                                    "\"0.125in\" or \"0\"");
    }
  }
  poster.crop_marks = r.boolean("marks").value_or(false);
  poster.theme = r.optional_string("theme", kMaxLineChars);
  poster.theme_where = r.where("theme");
  if (!poster.theme.empty() && !is_plain_theme_name(poster.theme)) {
    // A pack travels between teams: it may choose an installed theme or one of its own, by
    // name, never a path that leads out of the pack.
    r.error(*r.node("theme"), "'theme' in [poster] is \"" + excerpt(poster.theme) +
                                  "\": a theme is named by a plain name (letters, digits, '-', "
                                  "'_' and '.', no '/' and no \"..\"), an installed theme or "
                                  "one in the pack's themes/ folder");
    poster.theme.clear();
  }
  r.finish();
  if (context.poster_ids.claim(poster.id, r.where("id"), context.diagnostics)) {
    context.pack.posters.push_back(std::move(poster));
  }
}

}  // namespace coachkit
