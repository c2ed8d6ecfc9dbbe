#include "content_limits.hpp"
#include "readers/readers.hpp"

#include <algorithm>

namespace coachkit {

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
  r.string_list("items", 1, kMaxLineChars);
  if (const toml::node* items = r.node("items"); items && items->is_array()) {
    for (const toml::node& item : *items->as_array()) {
      // Not a string, or too long to name anything: reported when the list was read.
      if (!item.is_string() || count_characters(item.as_string()->get()) > kMaxLineChars) continue;
      const std::string& ref = item.as_string()->get();
      std::size_t colon = ref.find(':');
      std::string kind = colon == std::string::npos ? "" : ref.substr(0, colon);
      std::string id = colon == std::string::npos ? "" : ref.substr(colon + 1);
      if (id.empty() && (kind == "principle" || kind == "quote")) {
        r.error(item, "poster item \"" + ref + "\" names no " + kind + " id");
      } else if (kind == "principle") {
        context.check_reference(context.principle_ids, "principle", id, r.where(item));
        poster.items.push_back({PosterItem::Kind::Principle, id, r.where(item)});
      } else if (kind == "quote") {
        context.check_reference(context.quote_ids, "quote", id, r.where(item));
        poster.items.push_back({PosterItem::Kind::Quote, id, r.where(item)});
      } else {
        r.error(item, "poster item \"" + ref + "\" must be \"principle:ID\" or \"quote:ID\"");
      }
    }
  }
  static const std::vector<std::string> sizes = {"8x10",   "11x14", "11x17", "16x20",
                                                 "letter", "a4",    "a3"};
  poster.size = r.optional_string("size", kMaxLineChars);
  if (!poster.size.empty() && std::find(sizes.begin(), sizes.end(), poster.size) == sizes.end()) {
    r.error(*r.node("size"), "'size' in [poster] is \"" + poster.size +
                                 "\"; expected 8x10, 11x14, 11x17, 16x20, letter, a4 or a3");
  }
  poster.theme = r.optional_string("theme", kMaxLineChars);
  r.finish();
  if (context.poster_ids.claim(poster.id, r.where("id"), context.diagnostics)) {
    context.pack.posters.push_back(std::move(poster));
  }
}

}  // namespace coachkit
