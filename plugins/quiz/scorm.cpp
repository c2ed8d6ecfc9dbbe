// SCORM 1.2 and SCORM 2004 4th edition packages: imsmanifest.xml (one organization, one item,
// the self-check page as its SCO; each handout an asset resource), the page, scorm.js and the
// handouts, stored in a zip from the SDK. Titles are XML-escaped text; the passing score is the
// item's adlcp:masteryscore (1.2) or its primary objective's imsss:minNormalizedMeasure (2004),
// which the LMS hands the SCO as cmi.student_data.mastery_score / cmi.scaled_passing_score.
#include "scorm.hpp"

#include <coachkit/escape.hpp>
#include <coachkit/zip.hpp>

namespace quiz {

namespace {

namespace escape = coachkit::escape;

// One asset resource per handout, and the SCO's dependency on it (its page links to each);
// identifiers from the handout's name, so they are stable too.
struct Assets {
  std::string dependencies, resources;
};
Assets assets_of(const std::string& id, const std::vector<coachkit::UsedOutput>& handouts,
                 const char* type_attribute) {
  Assets out;
  for (const coachkit::UsedOutput& h : handouts) {
    const std::string href = escape::xml_attribute(h.name);
    const std::string asset = id + "-asset-" + hex(hash(h.name));
    out.dependencies += "      <dependency identifierref=\"" + asset + "\"/>\n";
    out.resources += "    <resource identifier=\"" + asset + "\" type=\"webcontent\" " +
                     type_attribute + "=\"asset\" href=\"" + href + "\">\n      <file href=\"" +
                     href + "\"/>\n    </resource>\n";
  }
  return out;
}

std::string manifest_12(const std::string& id, const std::string& title, double passing,
                        const Assets& assets) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<manifest identifier=\"" +
         id +
         "\" version=\"1.0\" xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" "
         "xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
         "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
         "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\">\n"
         "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n"
         "  </metadata>\n"
         "  <organizations default=\"" +
         id + "-org\">\n    <organization identifier=\"" + id + "-org\">\n      <title>" + title +
         "</title>\n      <item identifier=\"" + id + "-item\" identifierref=\"" + id +
         "-sco\" isvisible=\"true\">\n        <title>" + title +
         "</title>\n        <adlcp:masteryscore>" + number_text(passing) +
         "</adlcp:masteryscore>\n      </item>\n    </organization>\n  </organizations>\n"
         "  <resources>\n    <resource identifier=\"" +
         id +
         "-sco\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"index.html\">\n"
         "      <file href=\"index.html\"/>\n      <file href=\"scorm.js\"/>\n" +
         assets.dependencies + "    </resource>\n" + assets.resources +
         "  </resources>\n</manifest>\n";
}

std::string manifest_2004(const std::string& id, const std::string& title, double passing,
                          const Assets& assets) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<manifest identifier=\"" +
         id +
         "\" version=\"1\" xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" "
         "xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\" "
         "xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\" "
         "xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\" "
         "xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
         "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
         "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
         "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
         "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd\">\n"
         "  <metadata>\n    <schema>ADL SCORM</schema>\n"
         "    <schemaversion>2004 4th Edition</schemaversion>\n  </metadata>\n"
         "  <organizations default=\"" +
         id + "-org\">\n    <organization identifier=\"" + id + "-org\">\n      <title>" + title +
         "</title>\n      <item identifier=\"" + id + "-item\" identifierref=\"" + id +
         "-sco\" isvisible=\"true\">\n        <title>" + title +
         "</title>\n        <imsss:sequencing>\n          <imsss:objectives>\n"
         "            <imsss:primaryObjective objectiveID=\"" +
         id +
         "-passed\" satisfiedByMeasure=\"true\">\n"
         "              <imsss:minNormalizedMeasure>" +
         number_text(passing / 100) +
         "</imsss:minNormalizedMeasure>\n            </imsss:primaryObjective>\n"
         "          </imsss:objectives>\n        </imsss:sequencing>\n      </item>\n"
         "    </organization>\n  </organizations>\n  <resources>\n    <resource identifier=\"" +
         id +
         "-sco\" type=\"webcontent\" adlcp:scormType=\"sco\" href=\"index.html\">\n"
         "      <file href=\"index.html\"/>\n      <file href=\"scorm.js\"/>\n" +
         assets.dependencies + "    </resource>\n" + assets.resources +
         "  </resources>\n</manifest>\n";
}

}  // namespace

ScormPackage scorm_package(const coachkit::Pack& pack, const Version& version,
                           const std::string& title, ScormEdition edition, double passing_percent,
                           std::uint64_t seed) {
  ScormPackage p;
  p.edition = edition;
  const bool v12 = edition == ScormEdition::V12;
  // Stable for a seed: the same pack, version and seed give the same identifiers.
  p.id = "ck-" + hex(hash(pack.id + "/" + version.name + "/" + std::to_string(seed) +
                          (v12 ? "/scorm12" : "/scorm2004")));
  p.title = title + " (version " + version.letter + ")";
  p.passing = passing_percent;
  p.language = pack.language.empty() ? "en" : pack.language;
  p.pack_id = pack.id;
  // The page with an empty configuration, cut where the configuration goes: the last such
  // element is the page's own (content is JSON with < and > escaped, so it cannot hold one).
  const std::string page = self_check_html(pack, version, title, "{}");
  const std::string mark = "id=\"scorm-config\">{}</script>";
  const std::size_t at = page.rfind(mark) + mark.size() - std::string("{}</script>").size();
  p.page_before = page.substr(0, at);
  p.page_after = page.substr(at + 2);
  for (const coachkit::Principle& principle : pack.principles) {
    p.handout_titles["handouts/" + principle.id + ".html"] = principle.title;
    p.handout_titles["handouts/" + principle.id + ".pdf"] = principle.title;
  }
  p.handout_titles[pack.id + "-handout.html"] = pack.title;
  p.handout_titles[pack.id + "-handout.pdf"] = pack.title;
  return p;
}

std::vector<std::string> scorm_handout_patterns(const coachkit::Pack& pack) {
  // The pack's id is letters, digits and '-' (the loader's rule): no pattern character.
  return {"handouts/*.html", "handouts/*.pdf", pack.id + "-handout.html", pack.id + "-handout.pdf"};
}

std::string scorm_zip(const ScormPackage& package,
                      const std::vector<coachkit::UsedOutput>& handouts, std::int64_t source_date) {
  const bool v12 = package.edition == ScormEdition::V12;
  const std::string shown = escape::xml_text(package.title);
  // The handouts, for the page's list of links, in the order the core gives them (by name).
  std::string links = "[";
  for (const coachkit::UsedOutput& h : handouts) {
    auto title = package.handout_titles.find(h.name);
    const bool pdf = h.name.size() > 4 && h.name.compare(h.name.size() - 4, 4, ".pdf") == 0;
    links += (links.size() > 1 ? "," : "") + std::string("{\"href\":") + escape::json(h.name) +
             ",\"title\":" +
             escape::json(title != package.handout_titles.end() ? title->second : h.name) +
             ",\"format\":" + escape::json(pdf ? "PDF" : "web page") + "}";
  }
  links += "]";
  const std::string config = "{\"edition\":" + escape::json(v12 ? "1.2" : "2004") +
                             ",\"passing\":" + number_text(package.passing) +
                             ",\"language\":" + escape::json(package.language) +
                             ",\"pack\":" + escape::json(package.pack_id) +
                             ",\"handouts\":" + links + "}";
  const Assets assets =
      assets_of(package.id, handouts, v12 ? "adlcp:scormtype" : "adlcp:scormType");
  std::vector<coachkit::zip::Entry> entries = {
      {"imsmanifest.xml", v12 ? manifest_12(package.id, shown, package.passing, assets)
                              : manifest_2004(package.id, shown, package.passing, assets)},
      {"index.html", package.page_before + config + package.page_after},
      {"scorm.js", scorm_runtime_script()}};
  for (const coachkit::UsedOutput& h : handouts) entries.push_back({h.name, h.bytes});
  return coachkit::zip::stored_archive(entries, source_date);
}

}  // namespace quiz
