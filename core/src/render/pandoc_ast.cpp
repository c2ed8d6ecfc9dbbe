#include "render/pandoc_ast.hpp"

#include "support/base64.hpp"

#include <coachkit/escape.hpp>
#include <coachkit/language.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace coachkit {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A JSON string literal, by the SDK's one JSON escaper (plain JSON: pandoc reads it, no
// script does): always valid JSON, each invalid byte replaced by U+FFFD.
void append_json_string(std::string& out, const std::string& s) {
  escape::append_json(out, s, escape::JsonIn::Data);
}

// Where Markdown text needs an escape that pandoc's writer does not add, the length of the
// text to escape at `i` (the escape goes before its last character), or 0:
//  - "&", which pandoc leaves alone, so "&amp;" would read back as "&";
//  - "@", the ":" of "://" and the "." of a word-initial "www.", which Markdown viewers with
//    autolinking (GitHub's, for one) would turn into e-mail and web links;
//  - "$", which GitHub reads as the start of a formula;
//  - the first ":" of a ":name:", which GitHub shows as an emoji.
std::size_t markdown_escape_at(const std::string& s, std::size_t i) {
  if (s[i] == '&' || s[i] == '@' || s[i] == '$') return 1;
  if (s.compare(i, 3, "://") == 0) return 1;
  if (s[i] == ':') {
    std::size_t end = i + 1;
    auto name_char = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '+' || c == '-';
    };
    while (end < s.size() && name_char(s[end])) ++end;
    if (end > i + 1 && end < s.size() && s[end] == ':') return 1;
  }
  bool word_start = i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1]));
  if (word_start && s.size() - i >= 4) {
    std::string four = s.substr(i, 4);
    for (char& c : four) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (four == "www.") return 4;
  }
  return 0;
}

// Writes the JSON text of the AST straight into one string, node by node: memory stays a
// small multiple of the document, where a tree of JSON values cost hundreds of bytes a word.
class AstWriter {
 public:
  AstWriter(std::string& out, bool for_markdown, bool svg_pictures)
      : out_(out), for_markdown_(for_markdown), svg_pictures_(svg_pictures) {}

  void document(const Document& d, const PandocApiVersion& api, const std::string& html_head) {
    out_ += "{\"pandoc-api-version\":[";
    for (std::size_t i = 0; i < api.size(); ++i) {
      if (i) out_ += ',';
      out_ += std::to_string(api[i]);
    }
    out_ += "],\"meta\":{";
    bool first_key = true;
    auto key = [&](const char* name) {
      if (!first_key) out_ += ',';
      first_key = false;
      append_json_string(out_, name);
      out_ += ':';
    };
    // Markdown viewers show YAML front matter as a table of raw values, escapes and all: in
    // Markdown the title, subtitle and authors open the text instead (title_blocks).
    if (!for_markdown_) {
      if (!d.authors.empty()) {
        key("author");
        out_ += "{\"t\":\"MetaList\",\"c\":[";
        for (std::size_t i = 0; i < d.authors.size(); ++i) {
          if (i) out_ += ',';
          meta_inlines(d.authors[i]);
        }
        out_ += "]}";
      }
      if (right_to_left_language(d.language)) {
        key("dir");
        out_ += "{\"t\":\"MetaString\",\"c\":\"rtl\"}";
      }
      if (!html_head.empty()) {
        key("header-includes");
        out_ += "{\"t\":\"MetaList\",\"c\":[{\"t\":\"MetaBlocks\",\"c\":[";
        raw("RawBlock", "html", html_head);
        out_ += "]}]}";
      }
      if (!d.language.empty()) {
        key("lang");
        out_ += "{\"t\":\"MetaString\",\"c\":";
        append_json_string(out_, d.language);
        out_ += '}';
      }
      if (!d.subtitle.empty()) {
        key("subtitle");
        meta_inlines(d.subtitle);
      }
      if (!d.title.empty()) {
        key("title");
        meta_inlines(d.title);
      }
    }
    out_ += "},\"blocks\":[";
    bool first = true;
    if (for_markdown_) title_blocks(d, first);
    block_items(d.blocks, false, first);
    out_ += "]}";
  }

 private:
  void title_blocks(const Document& d, bool& first) {
    auto next = [&] {
      if (!first) out_ += ',';
      first = false;
    };
    if (!d.title.empty()) {
      next();
      out_ += "{\"t\":\"Header\",\"c\":[1,[\"\",[],[]],";
      {
        Inlines in(*this);
        words(in, d.title);
      }
      out_ += "]}";
    }
    if (!d.subtitle.empty()) {
      next();
      out_ += "{\"t\":\"Para\",\"c\":[{\"t\":\"Emph\",\"c\":";
      {
        Inlines in(*this);
        words(in, d.subtitle);
      }
      out_ += "}]}";
    }
    if (!d.authors.empty()) {
      next();
      out_ += "{\"t\":\"Para\",\"c\":";
      {
        Inlines in(*this);
        for (std::size_t i = 0; i < d.authors.size(); ++i) {
          if (i) {
            in.next();
            out_ += "{\"t\":\"Str\",\"c\":\",\"}";
            in.space();
          }
          words(in, d.authors[i]);
        }
      }
      out_ += '}';
    }
  }
  // An array of inlines being written. A Space is held back until the next inline, so there
  // is never one at either end nor two in a row, as pandoc's own readers make them.
  class Inlines {
   public:
    explicit Inlines(AstWriter& w) : w_(w) { w_.out_ += '['; }
    ~Inlines() { w_.out_ += ']'; }
    Inlines(const Inlines&) = delete;
    Inlines& operator=(const Inlines&) = delete;

    void space() { space_pending_ = true; }
    // Starts the next inline node: the comma, and the Space held back.
    void next() {
      if (count_ > 0) {
        w_.out_ += ',';
        if (space_pending_) w_.out_ += "{\"t\":\"Space\"},";
      }
      space_pending_ = false;
      ++count_;
    }
    std::size_t count() const { return count_; }

   private:
    AstWriter& w_;
    bool space_pending_ = false;
    std::size_t count_ = 0;
  };

  void raw(const char* type, const char* format, const std::string& text) {
    out_ += "{\"t\":\"";
    out_ += type;
    out_ += "\",\"c\":[\"";
    out_ += format;
    out_ += "\",";
    append_json_string(out_, text);
    out_ += "]}";
  }

  void str(Inlines& in, const std::string& word, std::size_t from, std::size_t to) {
    if (from >= to) return;
    in.next();
    std::string text = word.substr(from, to - from);
    // pandoc turns a list item that starts with a lone ballot box (U+2610 or U+2612) into a
    // task list's checkbox; inside a span without attributes the box stays a character.
    bool ballot_box = text == "\xE2\x98\x90" || text == "\xE2\x98\x92";
    if (ballot_box) out_ += "{\"t\":\"Span\",\"c\":[[\"\",[],[]],[";
    out_ += "{\"t\":\"Str\",\"c\":";
    append_json_string(out_, text);
    out_ += '}';
    if (ballot_box) out_ += "]]}";
  }

  // One word as a Str; for Markdown, with the escapes above as fixed RawInlines (a backslash
  // and the character): the raw text is ours, never content's.
  void word(Inlines& in, const std::string& w) {
    if (!for_markdown_) return str(in, w, 0, w.size());
    std::size_t plain_start = 0;
    for (std::size_t i = 0; i < w.size();) {
      std::size_t length = markdown_escape_at(w, i);
      if (length == 0) {
        ++i;
        continue;
      }
      std::size_t escaped = i + length - 1;
      str(in, w, plain_start, escaped);
      in.next();
      raw("RawInline", "markdown", "\\" + w.substr(escaped, 1));
      i = plain_start = escaped + 1;
    }
    str(in, w, plain_start, w.size());
  }

  // Splits text at white space into Str and Space nodes, as pandoc's own readers do, so that
  // writers can wrap lines; a Str's characters are never interpreted.
  void words(Inlines& in, const std::string& text) {
    std::size_t start = 0;
    while (start < text.size()) {
      while (start < text.size() && is_space(text[start])) ++start;
      std::size_t end = start;
      while (end < text.size() && !is_space(text[end])) ++end;
      if (end > start) {
        if (in.count() > 0 && start > 0 && is_space(text[start - 1])) in.space();
        word(in, text.substr(start, end - start));
      }
      start = end;
    }
  }

  // A link's target is an id of this document, never a URL or a path: only letters, digits,
  // '-' and '_'. Anything else stays plain text.
  static bool is_anchor(const std::string& id) {
    return !id.empty() && id.size() <= 200 && std::all_of(id.begin(), id.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
  }

  void styled(Inlines& in, const Span& span) {
    if (span.style == Span::Style::Plain) {
      words(in, span.text);
      return;
    }
    in.next();
    out_ +=
        span.style == Span::Style::Strong ? "{\"t\":\"Strong\",\"c\":" : "{\"t\":\"Emph\",\"c\":";
    {
      Inlines inner(*this);
      words(inner, span.text);
    }
    out_ += '}';
  }

  // Spans become inlines; white space at a span's edges becomes a Space between the spans.
  void text(Inlines& in, const Text& t) {
    for (const Span& span : t) {
      if (span.text.empty()) continue;
      if (is_space(span.text.front())) in.space();
      bool has_words =
          std::any_of(span.text.begin(), span.text.end(), [](char c) { return !is_space(c); });
      if (has_words && is_anchor(span.anchor)) {
        in.next();
        out_ += "{\"t\":\"Link\",\"c\":[[\"\",[],[]],";
        {
          Inlines inner(*this);
          styled(inner, span);
        }
        out_ += ",[";
        append_json_string(out_, "#" + span.anchor);
        out_ += ",\"\"]]}";
      } else if (has_words) {
        styled(in, span);
      }
      if (is_space(span.text.back())) in.space();
    }
  }

  void inlines(const Text& t) {
    Inlines in(*this);
    text(in, t);
  }

  void meta_inlines(const std::string& s) {
    out_ += "{\"t\":\"MetaInlines\",\"c\":";
    {
      Inlines in(*this);
      words(in, s);
    }
    out_ += '}';
  }

  static void attr(std::string& out, const std::string& id, const std::vector<std::string>& classes,
                   const std::vector<std::pair<std::string, std::string>>& pairs = {}) {
    out += '[';
    append_json_string(out, id);
    out += ",[";
    for (std::size_t i = 0; i < classes.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, classes[i]);
    }
    out += "],[";
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      out += i ? ",[" : "[";
      append_json_string(out, pairs[i].first);
      out += ',';
      append_json_string(out, pairs[i].second);
      out += ']';
    }
    out += "]]";
  }

  static const char* align(const Table& t, std::size_t column) {
    Table::Align a = column < t.aligns.size() ? t.aligns[column] : Table::Align::Default;
    switch (a) {
      case Table::Align::Left:
        return "{\"t\":\"AlignLeft\"}";
      case Table::Align::Center:
        return "{\"t\":\"AlignCenter\"}";
      case Table::Align::Right:
        return "{\"t\":\"AlignRight\"}";
      default:
        return "{\"t\":\"AlignDefault\"}";
    }
  }

  // GitHub shows a table as a table only when each cell is one line (a pipe table); pandoc
  // writes any other table as HTML, where our Markdown escapes would be lost. So in Markdown a
  // cell of several blocks becomes one line: its paragraphs and list items separated by <br>.
  static bool one_line(const Blocks& cell) {
    return cell.empty() || (cell.size() == 1 && cell.front().kind == Block::Kind::Paragraph);
  }

  void line_break(Inlines& in) {
    if (in.count() == 0) return;
    in.space();
    in.next();
    raw("RawInline", "html", "<br>");
    in.space();
  }

  void flatten(Inlines& in, const Blocks& bs) {
    for (const Block& b : bs) flatten(in, b);
  }

  void flatten(Inlines& in, const Block& b) {
    switch (b.kind) {
      case Block::Kind::Heading:
      case Block::Kind::Paragraph:
        line_break(in);
        text(in, b.text);
        return;
      case Block::Kind::BulletList:
      case Block::Kind::OrderedList:
        for (std::size_t i = 0; i < b.items.size(); ++i) {
          line_break(in);
          in.next();
          out_ += "{\"t\":\"Str\",\"c\":";
          append_json_string(out_, b.kind == Block::Kind::BulletList ? "\xE2\x80\xA2"  // •
                                                                     : std::to_string(i + 1) + ".");
          out_ += '}';
          in.space();
          // The item's first paragraph follows its bullet; what comes after gets its own line.
          bool first = true;
          for (const Block& part : b.items[i]) {
            bool inline_part =
                part.kind == Block::Kind::Paragraph || part.kind == Block::Kind::Heading;
            if (first && inline_part) {
              text(in, part.text);
            } else {
              flatten(in, part);
            }
            first = false;
          }
        }
        return;
      case Block::Kind::Table:
        for (const Blocks& cell : b.table.header) flatten(in, cell);
        for (const auto* rows : {&b.table.rows, &b.table.footer}) {
          for (const auto& row : *rows) {
            for (const Blocks& cell : row) flatten(in, cell);
          }
        }
        return;
      case Block::Kind::Quote:
      case Block::Kind::Section:
        flatten(in, b.children);
        return;
      case Block::Kind::Picture:
        line_break(in);
        text(in, b.text);
        return;
      case Block::Kind::Rule:
        return;
    }
  }

  // The media type of a picture's bytes, from their signature; nullptr for anything else.
  static const char* picture_type(const std::string& bytes) {
    if (bytes.rfind("\x89PNG\r\n\x1a\n", 0) == 0) return "image/png";
    if (bytes.rfind("\xFF\xD8\xFF", 0) == 0) return "image/jpeg";
    return nullptr;
  }

  // Whether `bytes` are an SVG document: an XML declaration or comment, or the element itself.
  static bool is_svg(const std::string& bytes) {
    std::size_t start = bytes.find_first_not_of(" \t\r\n");
    if (start == std::string::npos || bytes.compare(start, 1, "<") != 0) return false;
    std::size_t root = bytes.find("<svg", start);
    return root != std::string::npos && root < 4096;
  }

  // A Div of class "picture": the image (a data: URI, so nothing is fetched) described by its
  // words, then those words as its caption. Bytes that are not a picture leave the words alone.
  void picture(const Block& b) {
    bool svg = svg_pictures_ && is_svg(b.svg);
    const char* type = svg ? "image/svg+xml" : picture_type(b.picture);
    std::vector<std::pair<std::string, std::string>> size;
    if (!svg && b.width_mm > 0) {
      char width[32];
      std::snprintf(width, sizeof width, "%.1fmm", b.width_mm);
      size.emplace_back("width", width);
    }
    std::vector<std::string> classes = {"picture"};
    classes.insert(classes.end(), b.classes.begin(), b.classes.end());
    out_ += "{\"t\":\"Div\",\"c\":[";
    attr(out_, b.id, classes);
    out_ += ",[";
    if (type) {
      out_ += "{\"t\":\"Plain\",\"c\":[{\"t\":\"Image\",\"c\":[";
      attr(out_, "", {}, size);
      out_ += ',';
      inlines(b.text);
      out_ += ",[";
      append_json_string(
          out_, std::string("data:") + type + ";base64," + base64(svg ? b.svg : b.picture));
      out_ += ",\"\"]]}]},";
    }
    out_ += "{\"t\":\"Para\",\"c\":";
    inlines(b.text);
    out_ += "}]]}";
  }

  void cell(const Table& t, std::size_t column, const Blocks& content) {
    out_ += '[';
    attr(out_, "", {});
    out_ += ',';
    out_ += align(t, column);
    out_ += ",1,1,";
    if (for_markdown_ && !one_line(content)) {
      out_ += "[{\"t\":\"Plain\",\"c\":";
      {
        Inlines in(*this);
        flatten(in, content);
      }
      out_ += "}]";
    } else {
      blocks(content, true);
    }
    out_ += ']';
  }

  void rows(const Table& t, const std::vector<std::vector<Blocks>>& rs) {
    out_ += '[';
    for (std::size_t r = 0; r < rs.size(); ++r) {
      if (r) out_ += ',';
      out_ += '[';
      attr(out_, "", {});
      out_ += ",[";
      for (std::size_t i = 0; i < rs[r].size(); ++i) {
        if (i) out_ += ',';
        cell(t, i, rs[r][i]);
      }
      out_ += "]]";
    }
    out_ += ']';
  }

  void table(const Table& t) {
    std::size_t columns = t.header.size();
    for (const auto& row : t.rows) columns = std::max(columns, row.size());
    for (const auto& row : t.footer) columns = std::max(columns, row.size());
    out_ += "{\"t\":\"Table\",\"c\":[";
    attr(out_, "", t.classes);
    out_ += ",[null,[";
    if (!t.caption.empty()) {
      out_ += "{\"t\":\"Plain\",\"c\":";
      inlines(t.caption);
      out_ += '}';
    }
    out_ += "]],[";
    for (std::size_t i = 0; i < columns; ++i) {
      if (i) out_ += ',';
      out_ += '[';
      out_ += align(t, i);
      out_ += ',';
      if (i < t.widths.size() && t.widths[i] > 0) {
        out_ += "{\"t\":\"ColWidth\",\"c\":";
        out_ += json_number(t.widths[i]);
        out_ += '}';
      } else {
        out_ += "{\"t\":\"ColWidthDefault\"}";
      }
      out_ += ']';
    }
    out_ += "],[";
    attr(out_, "", {});
    out_ += ',';
    rows(t, t.header.empty() ? std::vector<std::vector<Blocks>>{}
                             : std::vector<std::vector<Blocks>>{t.header});
    out_ += "],[[";
    attr(out_, "", {});
    out_ += ",0,[],";
    rows(t, t.rows);
    out_ += "]],[";
    attr(out_, "", {});
    out_ += ',';
    rows(t, t.footer);
    out_ += "]]}";
  }

  // Widths are fractions of the page: JSON has no NaN or infinity, so those become 0.
  static std::string json_number(double value) {
    if (!(value == value) || value > 1e300 || value < -1e300) return "0";
    // The shortest form that reads back as the same number.
    char buffer[32];
    for (int digits : {15, 16, 17}) {
      std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
      if (std::strtod(buffer, nullptr) == value) break;
    }
    std::string number = buffer;
    std::replace(number.begin(), number.end(), ',', '.');  // whatever the locale
    return number;
  }

  void list_items(const std::vector<Blocks>& items) {
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out_ += ',';
      blocks(items[i], true);
    }
    out_ += ']';
  }

  void block(const Block& b, bool compact) {
    switch (b.kind) {
      case Block::Kind::Heading:
        out_ += "{\"t\":\"Header\",\"c\":[";
        out_ += std::to_string(std::max(1, std::min(6, b.level)));
        out_ += ',';
        attr(out_, b.id, b.classes);
        out_ += ',';
        inlines(b.text);
        out_ += "]}";
        return;
      case Block::Kind::Paragraph:
        out_ += compact ? "{\"t\":\"Plain\",\"c\":" : "{\"t\":\"Para\",\"c\":";
        inlines(b.text);
        out_ += '}';
        return;
      case Block::Kind::BulletList:
        out_ += "{\"t\":\"BulletList\",\"c\":";
        list_items(b.items);
        out_ += '}';
        return;
      case Block::Kind::OrderedList:
        out_ += "{\"t\":\"OrderedList\",\"c\":[[1,{\"t\":\"Decimal\"},{\"t\":\"Period\"}],";
        list_items(b.items);
        out_ += "]}";
        return;
      case Block::Kind::Table:
        table(b.table);
        return;
      case Block::Kind::Quote:
        out_ += "{\"t\":\"BlockQuote\",\"c\":";
        blocks(b.children, false);
        out_ += '}';
        return;
      case Block::Kind::Section:
        out_ += "{\"t\":\"Div\",\"c\":[";
        attr(out_, b.id, b.classes);
        out_ += ',';
        blocks(b.children, false);
        out_ += "]}";
        return;
      case Block::Kind::Rule:
        out_ += "{\"t\":\"HorizontalRule\"}";
        return;
      case Block::Kind::Picture:
        picture(b);
        return;
    }
    out_ += "{\"t\":\"Null\"}";
  }

  // In list items and table cells a lone paragraph is "Plain", so lists stay tight.
  void blocks(const Blocks& bs, bool compact) {
    out_ += '[';
    bool first = true;
    block_items(bs, compact, first);
    out_ += ']';
  }

  void block_items(const Blocks& bs, bool compact, bool& first) {
    bool single = compact && bs.size() == 1;
    for (const Block& b : bs) {
      // GitHub shows a Div as raw HTML around its text: in Markdown a section is its blocks.
      if (for_markdown_ && b.kind == Block::Kind::Section) {
        block_items(b.children, false, first);
        continue;
      }
      if (!first) out_ += ',';
      first = false;
      block(b, single);
    }
  }

  std::string& out_;
  bool for_markdown_;
  bool svg_pictures_;
};

}  // namespace

std::string to_pandoc_json(const Document& document, const PandocApiVersion& api,
                           const std::string& html_head, bool for_markdown, bool svg_pictures) {
  std::string out;
  AstWriter(out, for_markdown, svg_pictures).document(document, api, html_head);
  return out;
}

}  // namespace coachkit
