#include "pandoc_ast.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace coachkit {

namespace {

using json = nlohmann::json;

json node(const char* type) { return json{{"t", type}}; }
json node(const char* type, json content) { return json{{"t", type}, {"c", std::move(content)}}; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Appends a Space unless the inlines already end in one (or are empty).
void append_space(json& out) {
  if (!out.empty() && out.back()["t"] != "Space") out.push_back(node("Space"));
}

// Splits text at white space into Str and Space nodes, as pandoc's own readers do, so that
// writers can wrap lines; a Str's characters are never interpreted.
json words(const std::string& text) {
  json out = json::array();
  std::string word;
  for (char c : text) {
    if (!is_space(c)) {
      word += c;
      continue;
    }
    if (!word.empty()) out.push_back(node("Str", word));
    word.clear();
    append_space(out);
  }
  if (!word.empty()) out.push_back(node("Str", word));
  if (!out.empty() && out.back()["t"] == "Space") out.erase(out.size() - 1);
  return out;
}

// Spans become inlines; white space at a span's edges becomes a Space between the spans.
json inlines(const Text& text) {
  json out = json::array();
  for (const Span& span : text) {
    if (span.text.empty()) continue;
    if (is_space(span.text.front())) append_space(out);
    json content = words(span.text);
    if (!content.empty()) {
      switch (span.style) {
        case Span::Style::Plain:
          for (json& w : content) out.push_back(std::move(w));
          break;
        case Span::Style::Strong:
          out.push_back(node("Strong", std::move(content)));
          break;
        case Span::Style::Emphasis:
          out.push_back(node("Emph", std::move(content)));
          break;
      }
    }
    if (is_space(span.text.back())) append_space(out);
  }
  if (!out.empty() && out.back()["t"] == "Space") out.erase(out.size() - 1);
  return out;
}

json attr(const std::string& id, const std::vector<std::string>& classes) {
  return json::array({id, classes, json::array()});
}

json blocks(const Blocks& bs, bool compact = false);

json align(Table::Align a) {
  switch (a) {
    case Table::Align::Left:
      return node("AlignLeft");
    case Table::Align::Center:
      return node("AlignCenter");
    case Table::Align::Right:
      return node("AlignRight");
    default:
      return node("AlignDefault");
  }
}

json table_row(const std::vector<Blocks>& cells, const Table& t) {
  json out = json::array();
  for (std::size_t i = 0; i < cells.size(); ++i) {
    Table::Align a = i < t.aligns.size() ? t.aligns[i] : Table::Align::Default;
    out.push_back(json::array({attr("", {}), align(a), 1, 1, blocks(cells[i], true)}));
  }
  return json::array({attr("", {}), std::move(out)});
}

json table(const Table& t) {
  std::size_t columns = t.header.size();
  for (const auto& row : t.rows) columns = std::max(columns, row.size());
  for (const auto& row : t.footer) columns = std::max(columns, row.size());
  json specs = json::array();
  for (std::size_t i = 0; i < columns; ++i) {
    Table::Align a = i < t.aligns.size() ? t.aligns[i] : Table::Align::Default;
    json width = i < t.widths.size() && t.widths[i] > 0 ? node("ColWidth", t.widths[i])
                                                        : node("ColWidthDefault");
    specs.push_back(json::array({align(a), width}));
  }
  json head_rows = json::array();
  if (!t.header.empty()) head_rows.push_back(table_row(t.header, t));
  json body_rows = json::array();
  for (const auto& row : t.rows) body_rows.push_back(table_row(row, t));
  json foot_rows = json::array();
  for (const auto& row : t.footer) foot_rows.push_back(table_row(row, t));
  json caption_blocks = json::array();
  if (!t.caption.empty()) caption_blocks.push_back(node("Plain", inlines(t.caption)));
  return node("Table",
              json::array({attr("", t.classes), json::array({nullptr, caption_blocks}), specs,
                           json::array({attr("", {}), head_rows}),
                           json::array({json::array({attr("", {}), 0, json::array(), body_rows})}),
                           json::array({attr("", {}), foot_rows})}));
}

json block(const Block& b, bool compact) {
  switch (b.kind) {
    case Block::Kind::Heading:
      return node("Header", json::array({std::max(1, std::min(6, b.level)), attr(b.id, b.classes),
                                         inlines(b.text)}));
    case Block::Kind::Paragraph:
      return node(compact ? "Plain" : "Para", inlines(b.text));
    case Block::Kind::BulletList:
    case Block::Kind::OrderedList: {
      json items = json::array();
      for (const Blocks& item : b.items) items.push_back(blocks(item, true));
      if (b.kind == Block::Kind::BulletList) return node("BulletList", std::move(items));
      json attributes = json::array({1, node("Decimal"), node("Period")});
      return node("OrderedList", json::array({attributes, std::move(items)}));
    }
    case Block::Kind::Table:
      return table(b.table);
    case Block::Kind::Quote:
      return node("BlockQuote", blocks(b.children));
    case Block::Kind::Section:
      return node("Div", json::array({attr(b.id, b.classes), blocks(b.children)}));
    case Block::Kind::Rule:
      return node("HorizontalRule");
  }
  return node("Null");
}

// In list items and table cells a lone paragraph is "Plain", so lists stay tight.
json blocks(const Blocks& bs, bool compact) {
  json out = json::array();
  bool single = compact && bs.size() == 1;
  for (const Block& b : bs) out.push_back(block(b, single));
  return out;
}

json meta_inlines(const std::string& text) { return node("MetaInlines", words(text)); }

// Where Markdown text needs an escape that pandoc's writer does not add, the length of the
// text to escape at `i` (the escape goes before its last character), or 0:
//  - "&", which pandoc leaves alone, so "&amp;" would read back as "&";
//  - "@", the ":" of "://" and the "." of a word-initial "www.", which Markdown viewers with
//    autolinking (GitHub's, for one) would turn into e-mail and web links.
std::size_t markdown_escape_at(const std::string& s, std::size_t i) {
  if (s[i] == '&' || s[i] == '@') return 1;
  if (s.compare(i, 3, "://") == 0) return 1;
  bool word_start = i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1]));
  if (word_start && s.size() - i >= 4) {
    std::string four = s.substr(i, 4);
    for (char& c : four) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (four == "www.") return 4;
  }
  return 0;
}

// For Markdown output only: the escapes above, each a fixed RawInline (a backslash and the
// character); the raw text is ours, never content's.
void escape_for_markdown(json& tree) {
  if (tree.is_object()) {  // a node, or the metadata map
    if (tree.contains("t")) {
      if (tree.contains("c")) escape_for_markdown(tree["c"]);
    } else {
      for (auto& [key, value] : tree.items()) escape_for_markdown(value);
    }
    return;
  }
  if (!tree.is_array()) return;
  json out = json::array();
  for (json& item : tree) {
    if (!item.is_object() || item.value("t", "") != "Str") {
      escape_for_markdown(item);
      out.push_back(std::move(item));
      continue;
    }
    const std::string& s = item["c"].get_ref<const std::string&>();
    std::string plain;
    for (std::size_t i = 0; i < s.size();) {
      std::size_t length = markdown_escape_at(s, i);
      if (length == 0) {
        plain += s[i++];
        continue;
      }
      plain += s.substr(i, length - 1);
      if (!plain.empty()) out.push_back(node("Str", plain));
      plain.clear();
      out.push_back(
          node("RawInline", json::array({"markdown", "\\" + s.substr(i + length - 1, 1)})));
      i += length;
    }
    if (!plain.empty()) out.push_back(node("Str", plain));
  }
  tree = std::move(out);
}

}  // namespace

std::string to_pandoc_json(const Document& document, const PandocApiVersion& api,
                           const std::string& html_head, bool for_markdown) {
  json meta = json::object();
  if (!html_head.empty()) {
    json raw = node("RawBlock", json::array({"html", html_head}));
    meta["header-includes"] =
        node("MetaList", json::array({node("MetaBlocks", json::array({raw}))}));
  }
  if (!document.title.empty()) meta["title"] = meta_inlines(document.title);
  if (!document.subtitle.empty()) meta["subtitle"] = meta_inlines(document.subtitle);
  if (!document.language.empty()) meta["lang"] = node("MetaString", document.language);
  if (!document.authors.empty()) {
    json list = json::array();
    for (const std::string& a : document.authors) list.push_back(meta_inlines(a));
    meta["author"] = node("MetaList", std::move(list));
  }
  json root = {
      {"pandoc-api-version", api}, {"meta", std::move(meta)}, {"blocks", blocks(document.blocks)}};
  if (for_markdown) {
    escape_for_markdown(root["meta"]);
    escape_for_markdown(root["blocks"]);
  }
  return root.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace coachkit
