// The alt text of a DOCX's pictures. pandoc 2.17 writes an embedded image's source as the
// picture's own description (pic:cNvPr descr), so Word and LibreOffice offered a whole base64
// string as the alt text of a chart or a poster's preview: each becomes its image's words.
#pragma once

#include <string>
#include <vector>

namespace coachkit {

// The words of each image of a pandoc JSON document whose source is a data: URI, in order.
std::vector<std::string> embedded_image_descriptions(const std::string& pandoc_json);

// Sets the description of the i-th picture pandoc described by its data: URI in
// word/document.xml to `descriptions[i]`; true when one changed.
bool describe_docx_pictures(const std::vector<std::string>& descriptions,
                            std::string* document_xml);

}  // namespace coachkit
