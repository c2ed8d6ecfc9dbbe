#include "pack/content_limits.hpp"
#include "pack/readers/readers.hpp"

namespace coachkit {

void read_quote_file(const toml::table& root, const std::string& file, LoadContext& context) {
  context.only_keys(root, file, {"quote"}, "a quotes file");
  const toml::node* n = root.get("quote");
  if (!n || !is_table_list(*n)) {
    context.diagnostics.add(file, 1, 1, "a quotes file holds [[quote]] tables");
    return;
  }
  for (const toml::node& item : *n->as_array()) {
    TableReader r(*item.as_table(), "[[quote]]", file, context.diagnostics);
    Quote q;
    q.where = r.where();
    q.id = r.id();
    q.text = r.required_string("text", kMaxParagraphChars);
    q.author = r.required_string("author", kMaxLineChars);
    q.source = r.optional_string("source", kMaxLineChars);
    context.check_source(r, q.source);
    q.principles = r.string_list("principles", 0, kMaxLineChars);
    context.check_principles(r, "principles");
    r.finish();
    if (context.quote_ids.claim(q.id, r.where("id"), context.diagnostics)) {
      context.pack.quotes.push_back(std::move(q));
    }
  }
}

}  // namespace coachkit
