-- Pandoc filter, run before citeproc, on content only: every attribute Markdown can write is cut
-- down to what the templates use, whatever validation let through. Kept: the classes the
-- templates style (from the generator, as metadata), an id on a heading, the generator's own
-- piece and figure markers and its Sources block (#refs). Dropped: event handlers, style, any
-- other key=value (Pandoc would write it as data-*), other classes and ids. A table's column
-- alignments and widths, which Pandoc writes as style attributes, become align-* classes.

local allowed = {}
local markers = {}

local function clean(el)
  local classes = pandoc.List{}
  for _, class in ipairs(el.classes) do
    if allowed[class] then classes:insert(class) end
  end
  el.classes = classes
  local kept = {}
  for key, value in pairs(el.attributes) do
    if markers[key] and value:match("^%d+$") then kept[key] = value end
  end
  el.attributes = kept
  local own_id = el.t == "Header" or (el.t == "Div" and el.identifier == "refs")
  if not own_id then el.identifier = "" end
  return el
end

local ALIGN_CLASS = {AlignLeft = "align-left", AlignRight = "align-right", AlignCenter = "align-center"}

local function Table(tbl)
  clean(tbl)
  local aligns, specs = {}, pandoc.List{}
  for i, spec in ipairs(tbl.colspecs) do
    aligns[i] = spec[1]
    specs:insert({pandoc.AlignDefault, pandoc.ColWidthDefault})
  end
  tbl.colspecs = specs
  local function align(rows)
    for _, row in ipairs(rows) do
      local column = 1
      for _, cell in ipairs(row.cells) do
        local alignment = cell.alignment ~= pandoc.AlignDefault and cell.alignment or aligns[column]
        cell.alignment = pandoc.AlignDefault
        if ALIGN_CLASS[alignment] then cell.classes:insert(ALIGN_CLASS[alignment]) end
        column = column + cell.col_span
      end
    end
  end
  align(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do
    align(body.head)
    align(body.body)
  end
  align(tbl.foot.rows)
  return tbl
end

function Pandoc(doc)
  for class in pandoc.utils.stringify(doc.meta["content-classes"]):gmatch("[^,]+") do
    allowed[class] = true
  end
  markers[pandoc.utils.stringify(doc.meta["piece-attribute"])] = true
  markers[pandoc.utils.stringify(doc.meta["figure-attribute"])] = true
  return doc:walk({Span = clean, Div = clean, Link = clean, Code = clean, CodeBlock = clean,
                   Header = clean, Figure = clean, Table = Table})
end
