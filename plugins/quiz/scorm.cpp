// SCORM 1.2 and SCORM 2004 4th edition packages: imsmanifest.xml (one organization, one item,
// the self-check page as its SCO), the page and scorm.js, stored in a zip from the SDK. Titles
// are XML-escaped text; the passing score is the item's adlcp:masteryscore (1.2) or its primary
// objective's imsss:minNormalizedMeasure (2004), which the LMS hands the SCO as
// cmi.student_data.mastery_score / cmi.scaled_passing_score.
#include "scorm.hpp"

#include <coachkit/escape.hpp>
#include <coachkit/zip.hpp>

namespace quiz {

namespace {

namespace escape = coachkit::escape;

std::string manifest_12(const std::string& id, const std::string& title, double passing) {
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
         "      <file href=\"index.html\"/>\n      <file href=\"scorm.js\"/>\n"
         "    </resource>\n  </resources>\n</manifest>\n";
}

std::string manifest_2004(const std::string& id, const std::string& title, double passing) {
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
         "      <file href=\"index.html\"/>\n      <file href=\"scorm.js\"/>\n"
         "    </resource>\n  </resources>\n</manifest>\n";
}

}  // namespace

std::string scorm_zip(const coachkit::Pack& pack, const Version& version, const std::string& title,
                      ScormEdition edition, double passing_percent, std::uint64_t seed,
                      std::int64_t source_date) {
  const bool v12 = edition == ScormEdition::V12;
  // Stable for a seed: the same pack, version and seed give the same identifiers.
  const std::string id =
      "ck-" + hex(hash(pack.id + "/" + version.name + "/" + std::to_string(seed) +
                       (v12 ? "/scorm12" : "/scorm2004")));
  const std::string shown = escape::xml_text(title + " (version " + version.letter + ")");
  const std::string language = pack.language.empty() ? "en" : pack.language;
  const std::string config = "{\"edition\":" + escape::json(v12 ? "1.2" : "2004") +
                             ",\"passing\":" + number_text(passing_percent) +
                             ",\"language\":" + escape::json(language) +
                             ",\"pack\":" + escape::json(pack.id) + "}";
  return coachkit::zip::stored_archive(
      {{"imsmanifest.xml",
        v12 ? manifest_12(id, shown, passing_percent) : manifest_2004(id, shown, passing_percent)},
       {"index.html", self_check_html(pack, version, title, config)},
       {"scorm.js", scorm_runtime_script()}},
      source_date);
}

}  // namespace quiz
