// Tests of the Document → pandoc JSON AST conversion: the output is parsed back with
// nlohmann::json and its structure checked node by node, and hostile text is shown to stay in
// Str nodes, never becoming raw markup, a link or an image.

#include "render/pandoc_ast.hpp"

#include <coachkit/document.hpp>

#include "pandoc_tree.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <string>
#include <vector>

namespace {

using json = nlohmann::json;
using coachkit::testing::text_of;
using namespace coachkit::doc;
using coachkit::Block;
using coachkit::Blocks;
using coachkit::Document;
using coachkit::Table;
using coachkit::Text;

const coachkit::PandocApiVersion kApi = {1, 22, 2, 1};  // pandoc 2.17
const std::string kHostile = "<script>alert(1)</script> **not bold** [x](javascript:alert(1))";

json parse(const Document& d, const coachkit::PandocApiVersion& api = kApi,
           const std::string& html_head = {}) {
  return json::parse(coachkit::to_pandoc_json(d, api, html_head));
}

// The document's first block, for tests about one block.
json first_block(const Block& b) {
  Document d;
  d.blocks.push_back(b);
  json root = parse(d);
  EXPECT_EQ(root["blocks"].size(), 1u);
  return root["blocks"].at(0);
}

json str(const std::string& s) { return {{"t", "Str"}, {"c", s}}; }
json space() { return {{"t", "Space"}}; }

// Every node type in the tree, with the JSON pointer of each occurrence.
void collect_types(const json& j, const std::string& path,
                   std::multimap<std::string, std::string>& types) {
  if (j.is_object()) {
    if (j.contains("t") && j["t"].is_string()) types.emplace(j["t"].get<std::string>(), path);
    for (auto it = j.begin(); it != j.end(); ++it) {
      collect_types(it.value(), path + "/" + it.key(), types);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      collect_types(j[i], path + "/" + std::to_string(i), types);
    }
  }
}

std::multimap<std::string, std::string> types_in(const json& root) {
  std::multimap<std::string, std::string> types;
  collect_types(root, "", types);
  return types;
}

// A table cell holding one paragraph of `text`.
Blocks cell(const std::string& text) { return {paragraph(text)}; }

TEST(AstTest, ApiVersionIsTheOneGiven) {
  Document d;
  EXPECT_EQ(parse(d, {1, 22, 2, 1})["pandoc-api-version"], json::array({1, 22, 2, 1}));
  EXPECT_EQ(parse(d, {1, 23, 1})["pandoc-api-version"], json::array({1, 23, 1}));
  json root = parse(d);
  EXPECT_TRUE(root["meta"].is_object());
  EXPECT_TRUE(root["meta"].empty());
  EXPECT_EQ(root["blocks"], json::array());
}

TEST(AstTest, MetadataUsesMetaInlinesAndMetaString) {
  Document d;
  d.title = "Serve  them\twell";
  d.subtitle = "A handout";
  d.language = "en-GB";
  d.authors = {"Ann Lee", "Bo"};
  json meta = parse(d)["meta"];
  EXPECT_EQ(meta["title"],
            (json{{"t", "MetaInlines"},
                  {"c", {str("Serve"), space(), str("them"), space(), str("well")}}}));
  EXPECT_EQ(meta["subtitle"],
            (json{{"t", "MetaInlines"}, {"c", {str("A"), space(), str("handout")}}}));
  EXPECT_EQ(meta["lang"], (json{{"t", "MetaString"}, {"c", "en-GB"}}));
  ASSERT_EQ(meta["author"]["t"], "MetaList");
  ASSERT_EQ(meta["author"]["c"].size(), 2u);
  EXPECT_EQ(meta["author"]["c"][0],
            (json{{"t", "MetaInlines"}, {"c", {str("Ann"), space(), str("Lee")}}}));
  EXPECT_EQ(meta["author"]["c"][1], (json{{"t", "MetaInlines"}, {"c", {str("Bo")}}}));
  EXPECT_FALSE(meta.contains("header-includes"));
}

TEST(AstTest, TextIsSplitIntoStrAndSpace) {
  json para = first_block(paragraph("  Listen  to\n\tunderstand. "));
  EXPECT_EQ(para["t"], "Para");
  // Runs of white space become one Space; none at either end.
  EXPECT_EQ(para["c"], (json{str("Listen"), space(), str("to"), space(), str("understand.")}));
}

TEST(AstTest, StrongAndEmphKeepTheSpacesBetweenSpans) {
  json para = first_block(paragraph(
      Text{plain("Say"), strong(" thank you "), plain("and "), emphasis("mean it"), plain(".")}));
  EXPECT_EQ(para["c"], (json{str("Say"),
                             space(),
                             {{"t", "Strong"}, {"c", {str("thank"), space(), str("you")}}},
                             space(),
                             str("and"),
                             space(),
                             {{"t", "Emph"}, {"c", {str("mean"), space(), str("it")}}},
                             str(".")}));
  // A space at the start of a span still separates it from the span before.
  json after = first_block(paragraph(Text{strong("Why:"), plain(" because.")}));
  EXPECT_EQ(after["c"], (json{{{"t", "Strong"}, {"c", {str("Why:")}}}, space(), str("because.")}));
  EXPECT_EQ(text_of(after), "Why: because.");
}

TEST(AstTest, AnAnchoredSpanLinksToAnIdOfTheDocumentOnly) {
  json para = first_block(paragraph(
      Text{linked(strong("Respect"), "principle-respect"), plain(" and "),
           linked(plain("elsewhere "), "javascript:alert(1)"), linked(plain("up "), "../etc"),
           linked(plain("there"), "https://example.com/#x")}));
  ASSERT_EQ(para["c"].size(), 9u) << para.dump();
  EXPECT_EQ(para["c"][0], (json{{"t", "Link"},
                                {"c",
                                 {{"", json::array(), json::array()},
                                  {{{"t", "Strong"}, {"c", {str("Respect")}}}},
                                  {"#principle-respect", ""}}}}));
  // A target that is not an id (a URL, a path) leaves the text plain: no link out.
  EXPECT_EQ(para["c"][4], str("elsewhere"));
  EXPECT_EQ(para["c"][6], str("up"));
  EXPECT_EQ(para["c"][8], str("there"));
  EXPECT_EQ(text_of(para), "Respect and elsewhere up there");
}

TEST(AstTest, HeaderHasLevelIdAndClasses) {
  json h = first_block(heading(2, Text{plain("Do's and don'ts")}, "dos", {"behaviors", "wide"}));
  EXPECT_EQ(h["t"], "Header");
  ASSERT_EQ(h["c"].size(), 3u);
  EXPECT_EQ(h["c"][0], 2);
  EXPECT_EQ(h["c"][1], (json{"dos", {"behaviors", "wide"}, json::array()}));
  EXPECT_EQ(h["c"][2], (json{str("Do's"), space(), str("and"), space(), str("don'ts")}));
  // Levels outside 1..6 are brought into range.
  EXPECT_EQ(first_block(heading(9, "Deep"))["c"][0], 6);
  EXPECT_EQ(first_block(heading(0, "Shallow"))["c"][0], 1);
}

TEST(AstTest, OrderedAndBulletLists) {
  json ol = first_block(ordered_list(list_items({"One", "Two words"})));
  EXPECT_EQ(ol["t"], "OrderedList");
  ASSERT_EQ(ol["c"].size(), 2u);
  EXPECT_EQ(ol["c"][0], (json{1, {{"t", "Decimal"}}, {{"t", "Period"}}}));
  // A lone paragraph in an item is Plain, so the list stays tight.
  EXPECT_EQ(ol["c"][1], (json{{{{"t", "Plain"}, {"c", {str("One")}}}},
                              {{{"t", "Plain"}, {"c", {str("Two"), space(), str("words")}}}}}));

  json ul = first_block(bullet_list({{paragraph("First."), paragraph("Second.")}}));
  EXPECT_EQ(ul["t"], "BulletList");
  ASSERT_EQ(ul["c"].size(), 1u);
  // An item of two paragraphs keeps them as Para.
  EXPECT_EQ(ul["c"][0], (json{{{"t", "Para"}, {"c", {str("First.")}}},
                              {{"t", "Para"}, {"c", {str("Second.")}}}}));
}

TEST(AstTest, TableHasHeaderBodyFooterAndWidths) {
  Table t;
  t.classes = {"worksheet"};
  t.caption = Text{plain("Breakdown scores")};
  t.widths = {0.5, 0.25, 0.25};
  t.aligns = {Table::Align::Left, Table::Align::Center, Table::Align::Right};
  t.header = {cell("Breakdown"), cell("Process"), cell("People")};
  t.rows = {{cell("Breakdown 1"), cell(""), cell("")}, {cell("Breakdown 2"), cell(""), cell("")}};
  t.footer = {{cell("Total"), cell(""), cell("")}};
  json table = first_block(coachkit::doc::table(t));
  ASSERT_EQ(table["t"], "Table");
  json c = table["c"];
  ASSERT_EQ(c.size(), 6u);
  EXPECT_EQ(c[0], (json{"", {"worksheet"}, json::array()}));
  EXPECT_EQ(c[1],
            (json{nullptr, {{{"t", "Plain"}, {"c", {str("Breakdown"), space(), str("scores")}}}}}));
  // Column specs: alignment and width per column.
  ASSERT_EQ(c[2].size(), 3u);
  EXPECT_EQ(c[2][0], (json{{{"t", "AlignLeft"}}, {{"t", "ColWidth"}, {"c", 0.5}}}));
  EXPECT_EQ(c[2][1], (json{{{"t", "AlignCenter"}}, {{"t", "ColWidth"}, {"c", 0.25}}}));
  EXPECT_EQ(c[2][2], (json{{{"t", "AlignRight"}}, {{"t", "ColWidth"}, {"c", 0.25}}}));

  // Head: [attr, rows]; a row is [attr, cells]; a cell is [attr, align, rowspan, colspan, blocks].
  json head_rows = c[3][1];
  ASSERT_EQ(head_rows.size(), 1u);
  json head_cells = head_rows[0][1];
  ASSERT_EQ(head_cells.size(), 3u);
  EXPECT_EQ(head_cells[1][1], (json{{"t", "AlignCenter"}}));
  EXPECT_EQ(head_cells[1][2], 1);
  EXPECT_EQ(head_cells[1][3], 1);
  EXPECT_EQ(head_cells[1][4], (json{{{"t", "Plain"}, {"c", {str("Process")}}}}));
  EXPECT_EQ(text_of(head_cells[0][4]), "Breakdown");
  EXPECT_EQ(text_of(head_cells[2][4]), "People");

  // One body: [attr, row head columns, intermediate head rows, rows].
  ASSERT_EQ(c[4].size(), 1u);
  json body = c[4][0];
  EXPECT_EQ(body[1], 0);
  EXPECT_EQ(body[2], json::array());
  ASSERT_EQ(body[3].size(), 2u);
  EXPECT_EQ(text_of(body[3][0][1][0][4]), "Breakdown 1");
  EXPECT_EQ(text_of(body[3][1][1][0][4]), "Breakdown 2");
  EXPECT_EQ(body[3][1][1].size(), 3u);

  // Foot: [attr, rows].
  ASSERT_EQ(c[5][1].size(), 1u);
  EXPECT_EQ(text_of(c[5][1][0][1][0][4]), "Total");
}

TEST(AstTest, TableWithoutWidthsOrHeaderUsesDefaults) {
  Table t;
  t.rows = {{cell("a"), cell("b")}};
  json c = first_block(coachkit::doc::table(t))["c"];
  EXPECT_EQ(c[1], (json{nullptr, json::array()}));
  ASSERT_EQ(c[2].size(), 2u);
  for (const json& spec : c[2]) {
    EXPECT_EQ(spec, (json{{{"t", "AlignDefault"}}, {{"t", "ColWidthDefault"}}}));
  }
  EXPECT_EQ(c[3][1], json::array());  // no header row
  EXPECT_EQ(c[5][1], json::array());  // no footer row
}

// Column specs cover the widest row, footer included: pandoc drops cells beyond the specs.
TEST(AstTest, FooterWiderThanTheRowsKeepsEveryColumn) {
  Table t;
  t.rows = {{cell("a"), cell("b")}};
  t.footer = {{cell("x"), cell("y"), cell("z")}};
  json c = first_block(coachkit::doc::table(t))["c"];
  EXPECT_EQ(c[2].size(), 3u);
}

TEST(AstTest, SectionIsADivWithClasses) {
  json div =
      first_block(section({"principle", "card"}, {paragraph("Respect."), rule()}, "respect"));
  EXPECT_EQ(div["t"], "Div");
  ASSERT_EQ(div["c"].size(), 2u);
  EXPECT_EQ(div["c"][0], (json{"respect", {"principle", "card"}, json::array()}));
  EXPECT_EQ(div["c"][1],
            (json{{{"t", "Para"}, {"c", {str("Respect.")}}}, {{"t", "HorizontalRule"}}}));

  json quote = first_block(coachkit::doc::quote({paragraph("Serve well.")}));
  EXPECT_EQ(quote, (json{{"t", "BlockQuote"},
                         {"c", {{{"t", "Para"}, {"c", {str("Serve"), space(), str("well.")}}}}}}));
}

// A document with the hostile text in every place a generator can put text.
Document hostile_document() {
  Document d;
  d.title = kHostile;
  d.subtitle = kHostile;
  d.authors = {kHostile};
  d.language = "en";
  Table t;
  t.caption = Text{plain(kHostile)};
  t.header = {cell(kHostile)};
  t.rows = {{cell(kHostile)}};
  t.footer = {{cell(kHostile)}};
  d.blocks = {
      heading(1, kHostile, "top"),
      paragraph(kHostile),
      paragraph(Text{strong(kHostile), plain(" " + kHostile + " "), emphasis(kHostile)}),
      ordered_list(list_items({kHostile})),
      bullet_list(list_items({kHostile})),
      coachkit::doc::table(t),
      coachkit::doc::quote({paragraph(kHostile)}),
      section({"card"}, {paragraph(kHostile)}),
  };
  return d;
}

TEST(AstTest, HostileTextStaysInStrNodes) {
  json root = parse(hostile_document());
  auto types = types_in(root);
  for (const char* forbidden :
       {"RawInline", "RawBlock", "Link", "Image", "Code", "CodeBlock", "Math", "Note", "Cite"}) {
    auto range = types.equal_range(forbidden);
    for (auto it = range.first; it != range.second; ++it) {
      ADD_FAILURE() << forbidden << " node at " << it->second;
    }
  }
  // The text is carried by Str nodes (checked piece by piece below).
  EXPECT_GT(types.count("Str"), 0u);

  // And the text reads back exactly, wherever it was put.
  EXPECT_EQ(text_of(root["meta"]["title"]), kHostile);
  EXPECT_EQ(text_of(root["meta"]["subtitle"]), kHostile);
  EXPECT_EQ(text_of(root["meta"]["author"]), kHostile);
  json blocks = root["blocks"];
  ASSERT_EQ(blocks.size(), 8u);
  EXPECT_EQ(text_of(blocks[0]["c"][2]), kHostile);                            // heading
  EXPECT_EQ(text_of(blocks[1]), kHostile);                                    // paragraph
  EXPECT_EQ(text_of(blocks[2]), kHostile + " " + kHostile + " " + kHostile);  // styled spans
  EXPECT_EQ(text_of(blocks[3]["c"][1]), kHostile);                            // ordered list item
  EXPECT_EQ(text_of(blocks[4]), kHostile);                                    // bullet list item
  json table = blocks[5]["c"];
  EXPECT_EQ(text_of(table[1]), kHostile);                    // caption
  EXPECT_EQ(text_of(table[3][1][0][1][0][4]), kHostile);     // header cell
  EXPECT_EQ(text_of(table[4][0][3][0][1][0][4]), kHostile);  // body cell
  EXPECT_EQ(text_of(table[5][1][0][1][0][4]), kHostile);     // footer cell
  EXPECT_EQ(text_of(blocks[6]), kHostile);                   // block quote
  EXPECT_EQ(text_of(blocks[7]["c"][1]), kHostile);           // div
  // The words are split at spaces only: the markup-like characters stay inside Str nodes.
  EXPECT_EQ(blocks[1]["c"][0], str("<script>alert(1)</script>"));
  EXPECT_EQ(blocks[1]["c"][2], str("**not"));
  EXPECT_EQ(blocks[1]["c"][6], str("[x](javascript:alert(1))"));
}

TEST(AstTest, HtmlHeadIsTheOnlyRawBlock) {
  const std::string head = "<style>\nbody { color: black; }\n</style>";
  json root = parse(hostile_document(), kApi, head);
  auto types = types_in(root);
  ASSERT_EQ(types.count("RawBlock"), 1u);
  EXPECT_EQ(types.find("RawBlock")->second, "/meta/header-includes/c/0/c/0");
  EXPECT_EQ(types.count("RawInline"), 0u);
  EXPECT_EQ(types.count("Link"), 0u);
  EXPECT_EQ(types.count("Image"), 0u);
  json includes = root["meta"]["header-includes"];
  EXPECT_EQ(includes["t"], "MetaList");
  ASSERT_EQ(includes["c"].size(), 1u);
  EXPECT_EQ(includes["c"][0]["t"], "MetaBlocks");
  EXPECT_EQ(includes["c"][0]["c"][0], (json{{"t", "RawBlock"}, {"c", {"html", head}}}));
  // The content is unchanged by the head.
  EXPECT_EQ(root["blocks"], parse(hostile_document())["blocks"]);
}

TEST(AstTest, InvalidUtf8DoesNotBreakTheJson) {
  Document d;
  d.title = "Caf\xc3\xa9 \xff\xfe ok";
  d.blocks = {paragraph("bad \xc3 byte")};
  std::string out;
  ASSERT_NO_THROW(out = coachkit::to_pandoc_json(d, kApi));
  json root;
  ASSERT_NO_THROW(root = json::parse(out));
  std::string title = text_of(root["meta"]["title"]);
  EXPECT_EQ(title.rfind("Caf\xc3\xa9 ", 0), 0u);
  EXPECT_NE(title.find("ok"), std::string::npos);
}

TEST(AstTest, JsonStringsAreEscapedAndUtf8IsKept) {
  const std::string tricky =
      "say \"hi\" C:\\path \x01\x1b[31m\x7f caf\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x80\xa8";
  Document d;
  d.blocks = {paragraph(tricky)};
  json root;
  ASSERT_NO_THROW(root = json::parse(coachkit::to_pandoc_json(d, kApi)));
  EXPECT_EQ(text_of(root["blocks"][0]), tricky);

  // Each invalid byte (a lone continuation, an overlong form, a surrogate, a cut sequence)
  // becomes U+FFFD; the valid text around it stays.
  const std::string replacement = "\xef\xbf\xbd";
  d.blocks = {
      paragraph("a\x80"
                "b \xc0\x80 \xed\xa0\x80 end\xe2\x80")};
  ASSERT_NO_THROW(root = json::parse(coachkit::to_pandoc_json(d, kApi)));
  std::string text = text_of(root["blocks"][0]);
  EXPECT_EQ(text, "a" + replacement + "b " + replacement + replacement + " " + replacement +
                      replacement + replacement + " end" + replacement + replacement);
}

// Builds the JSON of a document with a title of `megabytes` MB in a child process and returns
// how much the child's peak memory grew, in MB, and the size of the JSON, through a pipe.
std::pair<long, std::size_t> peak_growth_for_title(std::size_t megabytes) {
  int fds[2];
  if (pipe(fds) != 0) return {-1, 0};
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    Document d;
    const std::string words = "Listen first, then answer the caller's real question. ";
    while (d.title.size() < megabytes * 1024 * 1024) d.title += words;
    std::size_t size = coachkit::to_pandoc_json(d, kApi).size();
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    long growth[2] = {(after.ru_maxrss - before.ru_maxrss) / 1024, static_cast<long>(size)};
    ssize_t written = write(fds[1], growth, sizeof growth);
    _exit(written == sizeof growth ? 0 : 1);
  }
  close(fds[1]);
  long growth[2] = {-1, 0};
  ssize_t n = read(fds[0], growth, sizeof growth);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (n != sizeof growth || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return {-1, 0};
  return {growth[0], static_cast<std::size_t>(growth[1])};
}

TEST(AstTest, MemoryStaysProportionalToTheDocument) {
  // A 4 MB title once took about 780 MB; the JSON itself is a few times the text.
  auto [megabytes, json_size] = peak_growth_for_title(4);
  ASSERT_GE(megabytes, 0) << "the child process failed";
  EXPECT_LT(json_size, 12u * 4 * 1024 * 1024);
  EXPECT_LT(megabytes, 150) << "peak memory grew by " << megabytes << " MB for a 4 MB title";
  std::printf("4 MB title: %ld MB peak growth, %zu MB of JSON\n", megabytes,
              json_size / (1024 * 1024));
}

}  // namespace

namespace {

// The Image of a picture block's Div, as pandoc reads it.
json picture_image(const Block& b, bool svg_pictures) {
  Document d;
  d.blocks.push_back(b);
  json root = json::parse(coachkit::to_pandoc_json(d, kApi, {}, false, svg_pictures));
  const json& div = root["blocks"].at(0);
  EXPECT_EQ(div["t"], "Div");
  return div["c"][1].at(0)["c"].at(0);
}

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "pixels";
const std::string kSvg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";

}  // namespace

// A drawing is its SVG where the format shows SVG, its PNG set to its width elsewhere; a picture
// without an SVG is its PNG in every format.
TEST(AstTest, ADrawingIsItsSvgWhereTheFormatShowsSvgAndItsPngElsewhere) {
  Block chart = drawing(kSvg, kPng, 160, {plain("Scores of Sam")});
  json as_svg = picture_image(chart, true);
  EXPECT_EQ(as_svg["t"], "Image");
  EXPECT_EQ(as_svg["c"][2][0].get<std::string>().rfind("data:image/svg+xml;base64,", 0), 0u);
  EXPECT_TRUE(as_svg["c"][0][2].empty()) << as_svg;  // the SVG keeps its own size
  json as_png = picture_image(chart, false);
  EXPECT_EQ(as_png["c"][2][0].get<std::string>().rfind("data:image/png;base64,", 0), 0u);
  EXPECT_EQ(as_png["c"][0][2], json::parse(R"([["width","160.0mm"]])"));
  EXPECT_EQ(text_of(as_png["c"][1]), "Scores of Sam");

  Block plain_picture = picture(kPng, {plain("A poster")});
  EXPECT_EQ(picture_image(plain_picture, true)["c"][2][0].get<std::string>().rfind(
                "data:image/png;base64,", 0),
            0u);
  // Bytes that are not SVG are never taken for it.
  Block not_svg = drawing("<html><script>alert(1)</script></html>", kPng, 0, {plain("x")});
  EXPECT_EQ(
      picture_image(not_svg, true)["c"][2][0].get<std::string>().rfind("data:image/png;base64,", 0),
      0u);
}
