// A format-neutral document that generators build and the core renders through pandoc.
// Generators never write Markdown or HTML: every string here is literal text, so content
// can never turn into markup, script, a link or a file read in any output format.
#pragma once

#include <coachkit/version.hpp>

#include <string>
#include <utility>
#include <vector>

COACHKIT_NAMESPACE_BEGIN

// A run of literal text with one style; with an anchor, a link to the heading or section of the
// same document whose id it is (a contents list). There are no links out of a document: content
// never becomes a link.
struct Span {
  enum class Style { Plain, Strong, Emphasis };
  Style style = Style::Plain;
  std::string text;
  std::string anchor;  // an id in this document (letters, digits, '-', '_'), or ""
};

using Text = std::vector<Span>;

struct Block;
using Blocks = std::vector<Block>;

struct Table {
  enum class Align { Default, Left, Center, Right };
  std::vector<std::string> classes;  // e.g. "worksheet", for the theme
  Text caption;
  std::vector<double> widths;  // fractions of the page width; empty for automatic
  std::vector<Align> aligns;   // empty for default alignment
  std::vector<Blocks> header;  // one cell per column; empty for no header row
  std::vector<std::vector<Blocks>> rows;
  std::vector<std::vector<Blocks>> footer;
};

struct Block {
  enum class Kind {
    Heading,
    Paragraph,
    BulletList,
    OrderedList,
    Table,
    Quote,
    Section,
    Rule,
    Picture
  };
  Kind kind = Kind::Paragraph;
  int level = 0;                     // Heading: 1 to 6
  std::string id;                    // Heading, Section: an anchor
  std::vector<std::string> classes;  // Heading, Section: names the theme styles
  Text text;                         // Heading, Paragraph; Picture: what it shows, in words
  std::vector<Blocks> items;         // BulletList, OrderedList: one entry per item
  Blocks children;                   // Quote, Section
  Table table;                       // Table
  // Picture: a PNG or JPEG, embedded in the output (never a file or URL to fetch); bytes of
  // another kind show as the words of `text` alone.
  std::string picture;
  // Picture: the same picture as SVG, drawn instead of `picture` where the format shows SVG
  // (HTML, PDF, EPUB; see FormatInfo::shows_svg); or "".
  std::string svg;
  // Picture: how wide `picture` is set on the page, in millimetres; 0: from its pixels (at 96
  // per inch). An SVG keeps its own size.
  double width_mm = 0;
};

struct Document {
  std::string title;
  std::string subtitle;
  std::string language;  // BCP 47, e.g. "en"
  std::vector<std::string> authors;
  Blocks blocks;
};

// Small builders, so generator code reads like the document it makes.
namespace doc {

inline Span plain(std::string s) { return {Span::Style::Plain, std::move(s), {}}; }
inline Span strong(std::string s) { return {Span::Style::Strong, std::move(s), {}}; }
inline Span emphasis(std::string s) { return {Span::Style::Emphasis, std::move(s), {}}; }
// `span` as a link to the heading or section with this id in the same document.
inline Span linked(Span span, std::string anchor) {
  span.anchor = std::move(anchor);
  return span;
}

inline Block heading(int level, Text text, std::string id = {},
                     std::vector<std::string> classes = {}) {
  Block b;
  b.kind = Block::Kind::Heading;
  b.level = level;
  b.text = std::move(text);
  b.id = std::move(id);
  b.classes = std::move(classes);
  return b;
}
inline Block heading(int level, std::string text, std::string id = {}) {
  return heading(level, Text{plain(std::move(text))}, std::move(id));
}

inline Block paragraph(Text text) {
  Block b;
  b.kind = Block::Kind::Paragraph;
  b.text = std::move(text);
  return b;
}
inline Block paragraph(std::string text) { return paragraph(Text{plain(std::move(text))}); }

inline Block bullet_list(std::vector<Blocks> items) {
  Block b;
  b.kind = Block::Kind::BulletList;
  b.items = std::move(items);
  return b;
}
inline Block ordered_list(std::vector<Blocks> items) {
  Block b;
  b.kind = Block::Kind::OrderedList;
  b.items = std::move(items);
  return b;
}
// One paragraph per string.
inline std::vector<Blocks> list_items(const std::vector<std::string>& texts) {
  std::vector<Blocks> items;
  items.reserve(texts.size());
  for (const std::string& t : texts) items.push_back({paragraph(t)});
  return items;
}

inline Block table(Table t) {
  Block b;
  b.kind = Block::Kind::Table;
  b.table = std::move(t);
  return b;
}

inline Block quote(Blocks children) {
  Block b;
  b.kind = Block::Kind::Quote;
  b.children = std::move(children);
  return b;
}

inline Block section(std::vector<std::string> classes, Blocks children, std::string id = {}) {
  Block b;
  b.kind = Block::Kind::Section;
  b.classes = std::move(classes);
  b.children = std::move(children);
  b.id = std::move(id);
  return b;
}

// A picture (PNG or JPEG bytes, e.g. a UsedOutput's) with its description, which is its alt text
// and its caption; `classes` name the theme styles.
inline Block picture(std::string bytes, Text description, std::vector<std::string> classes = {}) {
  Block b;
  b.kind = Block::Kind::Picture;
  b.picture = std::move(bytes);
  b.text = std::move(description);
  b.classes = std::move(classes);
  return b;
}

// A drawing (a chart, a diagram) as SVG where the format shows SVG and as a PNG `width_mm` wide
// everywhere else, with its description (alt text and caption).
inline Block drawing(std::string svg, std::string png, double width_mm, Text description,
                     std::vector<std::string> classes = {}) {
  Block b = picture(std::move(png), std::move(description), std::move(classes));
  b.svg = std::move(svg);
  b.width_mm = width_mm;
  return b;
}

inline Block rule() {
  Block b;
  b.kind = Block::Kind::Rule;
  return b;
}

}  // namespace doc

COACHKIT_NAMESPACE_END
