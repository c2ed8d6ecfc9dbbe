// Turns a Document into pandoc's JSON AST. Every string becomes Str and Space nodes, so pandoc
// writes content as literal text in every format; nothing here is ever parsed as markup.
#pragma once

#include <coachkit/document.hpp>

#include <string>
#include <vector>

namespace coachkit {

// pandoc-types' API version, e.g. {1, 22, 2, 1} (pandoc 2.17) or {1, 23, 1} (pandoc 3.x);
// read from the installed pandoc.
using PandocApiVersion = std::vector<int>;

// `html_head`, when given, is trusted HTML from the theme (a <style> element), placed in the
// document's header-includes; it is never built from content. `for_markdown` escapes what
// pandoc's Markdown writer would otherwise let a reader take as an entity or a link.
std::string to_pandoc_json(const Document& document, const PandocApiVersion& api,
                           const std::string& html_head = {}, bool for_markdown = false);

}  // namespace coachkit
