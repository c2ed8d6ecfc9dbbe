// What the preview server sends besides the output files themselves: the index of every output
// (grouped by kind, the participant's and trainer's editions side by side, the last problems
// above them), the small script that makes a served page reload itself and show problems, and
// the media type of each file. Content is untrusted: every text is escaped, and the script
// builds its banner from text nodes only.
#pragma once

#include "build/output_log.hpp"
#include "serve/preview_builder.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace coachkit::serve {

// The index page. `building`: a rebuild is under way (said at the top).
std::string index_page(const std::map<std::string, FileIdentity>& outputs,
                       const std::vector<PreviewProblem>& problems, std::uint64_t generation,
                       bool building);

// `html` with the live-reload script added before </body> (at the end without one), and a
// Content-Security-Policy <meta> (the self-check page has one) allowing the script's connection
// back to this server. The page's own bytes are otherwise untouched.
std::string with_live_reload(std::string html, std::uint64_t generation);

// The problems as the script reads them: [{"where":…,"message":…,"quoted":…}, …].
std::string problems_json(const std::vector<PreviewProblem>& problems);

// "text/html; charset=utf-8", "application/pdf", … ("application/octet-stream" when unknown).
std::string media_type(const std::string& path);

}  // namespace coachkit::serve
