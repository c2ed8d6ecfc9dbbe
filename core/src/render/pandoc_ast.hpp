// Turns a Document into pandoc's JSON AST. Every string becomes Str and Space nodes, so pandoc
// writes content as literal text in every format; nothing here is ever parsed as markup. The
// JSON text is written directly, so memory stays a small multiple of the document's size.
#pragma once

#include <coachkit/document.hpp>

#include <string>
#include <vector>

namespace coachkit {

// pandoc-types' API version, e.g. {1, 22, 2, 1} (pandoc 2.17) or {1, 23, 1} (pandoc 3.x);
// read from the installed pandoc.
using PandocApiVersion = std::vector<int>;

// `html_head`, when given, is trusted HTML from the theme (a <style> element), placed in the
// document's header-includes; it is never built from content. `for_markdown` shapes the tree
// for pandoc's GitHub-flavoured Markdown writer: it escapes what that writer would otherwise
// let a viewer take as an entity, a link, a formula or an emoji; puts the title, subtitle and
// authors at the top of the text instead of in front matter; leaves out section Divs; and makes
// each table cell one line, so every table stays a pipe table. `svg_pictures`: a picture that
// has an SVG is drawn from it (the format shows SVG), else from its PNG or JPEG.
std::string to_pandoc_json(const Document& document, const PandocApiVersion& api,
                           const std::string& html_head = {}, bool for_markdown = false,
                           bool svg_pictures = false);

}  // namespace coachkit
