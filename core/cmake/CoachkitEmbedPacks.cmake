# cmake -DPACKS="folder|folder" -DOUTPUT_DIR=dir -P CoachkitEmbedPacks.cmake
#
# Writes OUTPUT_DIR/coachkit_embedded_packs.cpp, defining coachkit_embedded_packs(): one
# ProvidedPack per folder, holding every *.toml file under it by its path inside the folder.
# The text is written as byte values, so no content can end a string literal early.

string(REPLACE "|" ";" folders "${PACKS}")
set(code "// Written by coachkit_add_plugin(... PACKS ...) from the pack folders; do not edit.\n")
string(APPEND code "#include \"coachkit_embedded_packs.hpp\"\n\n#include <string>\n#include <utility>\n\nnamespace {\n\n")
set(builders)
set(index 0)
foreach(folder ${folders})
  file(GLOB_RECURSE files RELATIVE ${folder} ${folder}/*.toml)
  list(SORT files)
  set(pack "  {\n    coachkit::ProvidedPack pack;\n")
  foreach(file ${files})
    file(READ ${folder}/${file} hex HEX)
    string(LENGTH "${hex}" hex_length)
    math(EXPR size "${hex_length} / 2")
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
    # Keep lines short: a line break after every 16 bytes.
    string(REGEX REPLACE "(('[^']*',){16})" "\\1\n    " bytes "${bytes}")
    string(APPEND code "const char kFile${index}[] = {\n    ${bytes}'\\0'};\n\n")
    string(APPEND pack "    pack.files.push_back({\"${file}\", std::string(kFile${index}, ${size})});\n")
    math(EXPR index "${index} + 1")
  endforeach()
  string(APPEND pack "    packs.push_back(std::move(pack));\n  }\n")
  string(APPEND builders "${pack}")
endforeach()
string(APPEND code "}  // namespace\n\ncoachkit::ProvidedPackList coachkit_embedded_packs() {\n")
string(APPEND code "  coachkit::ProvidedPackList packs;\n${builders}  return packs;\n}\n")
file(WRITE ${OUTPUT_DIR}/coachkit_embedded_packs.cpp "${code}")
