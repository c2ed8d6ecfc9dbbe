-- coachkit's pandoc batches: one pandoc process renders many documents of one format and theme.
--
-- Run as a Lua filter of the command line a single document would get (pandoc --from json
-- --standalone --to WRITER [option] [--reference-doc=...]), so PANDOC_WRITER_OPTIONS carries
-- exactly what that command line gives the writer: the template, the reference document, the
-- slide level, the table of contents' depth. pandoc 2.17 writes each document with
-- pandoc.write(doc, FORMAT, PANDOC_WRITER_OPTIONS), byte for byte what the command line writes.
--
-- The document pandoc reads on its standard input is a placeholder whose metadata names
--   coachkit-batch-inputs: every document's pandoc JSON, one after the other;
--   coachkit-batch-list:   per document, NUL-terminated fields: its length in bytes, the file
--                          to write, and its package identifier ("" for none: EPUB's only);
--   coachkit-batch-result: a line per document, in order, written the moment it ends: "ok"
--                          once its file is whole and closed, else "failed " and the reason.
-- One document's failure ends that document only. The placeholder itself comes out empty.

local function read_file(path)
  local file = assert(io.open(path, "rb"))
  local bytes = file:read("a")
  file:close()
  return bytes
end

local function setting(meta, name)
  return pandoc.utils.stringify(meta[name])
end

function Pandoc(placeholder)
  local meta = placeholder.meta
  local inputs = read_file(setting(meta, "coachkit-batch-inputs"))
  local list = read_file(setting(meta, "coachkit-batch-list"))
  local fields = {}
  for field in list:gmatch("([^%z]*)%z") do
    fields[#fields + 1] = field
  end
  local results = assert(io.open(setting(meta, "coachkit-batch-result"), "wb"))
  local offset = 1
  for i = 1, #fields - 2, 3 do
    local length, output, identifier = tonumber(fields[i]), fields[i + 1], fields[i + 2]
    local input = inputs:sub(offset, offset + length - 1)
    offset = offset + length
    local ok, problem = pcall(function()
      -- Each document starts from what a process of its own would have: no media of another.
      pandoc.mediabag.empty()
      local doc = pandoc.read(input, "json")
      if identifier ~= "" then
        doc.meta.identifier = identifier
      end
      local bytes = pandoc.write(doc, FORMAT, PANDOC_WRITER_OPTIONS)
      local file = assert(io.open(output, "wb"))
      assert(file:write(bytes))
      assert(file:close())
    end)
    if ok then
      results:write("ok\n")
    else
      results:write("failed ", (tostring(problem):gsub("[\r\n]+", " ")), "\n")
    end
    results:flush()
  end
  results:close()
  return pandoc.Pandoc({}, {})
end
