-- Pandoc filter, run after citeproc. It turns the brief's one Markdown document into data
-- that any output can place: each piece of the reading order as HTML in which a note call or
-- a figure's place is a mark (MARK, "note:N" or "figure:N", MARK), each note's text by its
-- number, and each Sources entry by its source id. The document it returns is one raw block
-- holding that data as JSON. The markup around notes, figures and entries belongs to each
-- output's templates. Anything that could reach outside the brief (images, non-web links) is
-- reduced to its text.

local piece_attribute, figure_attribute, mark
local note_count = 0
local notes = {}

local function safe(url)
  local lower = url:lower()
  return lower:match("^https?://") or lower:match("^mailto:") or url:match("^#")
end

-- A note becomes a mark where it is called; its text is kept, by number, for the outputs.
-- The numbers are given here, in document order: the reading order.
-- A link to a Sources entry keeps the role Pandoc's writer gives it inside a citation, which
-- the note's text, written on its own, is no longer part of (a citation inside the note still
-- has its own, so the walk does not enter one).
local biblioref = {
  traverse = "topdown",
  Cite = function(cite) return cite, false end,
  Link = function(link)
    if link.target:match("^#ref%-") then link.attributes.role = "doc-biblioref" end
    return link
  end,
}

local function Note(el)
  note_count = note_count + 1
  local text = pandoc.Plain(pandoc.utils.blocks_to_inlines(el.content))
  notes[tostring(note_count)] = text:walk(biblioref)
  return pandoc.RawInline("html", mark .. "note:" .. note_count .. mark)
end

local function Image(el)
  return pandoc.Span(el.caption)
end

local function Link(el)
  if not safe(el.target) then
    return el.content
  end
end

-- The last Str inside an inline (a link, a span), found depth first from the end.
local function last_str(el)
  if el.t == "Str" then return el end
  local content = el.content
  if el.t == "Quoted" or not content then return nil end
  for i = #content, 1, -1 do
    local found = last_str(content[i])
    if found then return found end
  end
end

-- A citation linked to its Sources entry ends its link after a closing quotation mark, and
-- citeproc cannot move the full stop or comma that follows inside the mark across the link's
-- edge, as American style wants: "Title." That is done here.
local function punctuation_inside_quotes(inlines)
  for i = #inlines - 1, 1, -1 do
    local link, after = inlines[i], inlines[i + 1]
    if link.t == "Link" and after.t == "Str" and after.text:match("^[.,]") then
      local last = last_str(link)
      if last and last.text:match("”$") then
        last.text = last.text:sub(1, -4) .. after.text:sub(1, 1) .. "”"
        after.text = after.text:sub(2)
        if after.text == "" then inlines:remove(i + 1) end
      end
    end
  end
  return inlines
end

-- Keep a note call on the line of the word (and punctuation) it follows.
local function Inlines(inlines)
  local out = pandoc.Inlines{}
  for _, el in ipairs(inlines) do
    local prev = out[#out]
    local is_call = el.t == "Cite" or (el.t == "RawInline" and el.text:sub(1, #mark) == mark)
    if is_call and prev and prev.t == "Str" then
      out[#out] = pandoc.Span({prev, el}, {class = "nobr"})
    else
      out:insert(el)
    end
  end
  return out
end

local function html(blocks)
  return pandoc.write(pandoc.Pandoc(blocks), "html5", {wrap_text = "wrap-none"})
end

-- A piece of prose sits under a heading of level 1 (a chapter's title, "Key findings", ...):
-- its headings never skip a level (PDF/UA and WCAG read levels as the outline), so a callout's
-- `### Title` right after the chapter's title is a level 2, after a `## Subsection` a level 3.
local function without_skipped_levels(blocks)
  local above = 1
  return blocks:walk({
    traverse = "topdown",
    Header = function(header)
      header.level = math.min(header.level, above + 1)
      above = header.level
      return header
    end,
  })
end

local function number_of(el, attribute)
  local number = el.attributes[attribute]
  if number and number:match("^%d+$") then return number end
end

function Pandoc(doc)
  piece_attribute = pandoc.utils.stringify(doc.meta["piece-attribute"])
  figure_attribute = pandoc.utils.stringify(doc.meta["figure-attribute"])
  mark = pandoc.utils.stringify(doc.meta["mark"])
  -- Notes first, in document order, so their numbers follow the reading order.
  doc = doc:walk({Inlines = punctuation_inside_quotes})
  doc = doc:walk({Note = Note})
  doc = doc:walk({Image = Image, Link = Link, Inlines = Inlines})
  local pieces, sources = {}, {}
  -- A figure inside a piece leaves its mark there; its caption and source are pieces of their own.
  local function take_figure(el)
    local number = number_of(el, figure_attribute)
    if not number then return nil end
    for _, inner in ipairs(el.content) do
      local index = inner.t == "Div" and number_of(inner, piece_attribute)
      if index then pieces[index] = html(inner.content) end
    end
    return pandoc.RawBlock("html", mark .. "figure:" .. number .. mark)
  end
  local function take_entry(el)
    if el.classes:includes("csl-entry") and el.identifier:match("^ref%-") then
      -- An entry is one paragraph: its text, without the <p> the outputs' list items give it.
      local text = pandoc.Plain(pandoc.utils.blocks_to_inlines(el.content))
      table.insert(sources, {id = el.identifier:sub(5), html = html({text})})
    end
  end
  for _, block in ipairs(doc.blocks) do
    local index = block.t == "Div" and number_of(block, piece_attribute)
    if index then
      local content = pandoc.Pandoc(without_skipped_levels(block.content)):walk({Div = take_figure})
      content:walk({Div = take_entry})
      pieces[index] = html(content.blocks)
    end
  end
  local rendered = {}
  for number, text in pairs(notes) do rendered[number] = html({text}) end
  return pandoc.Pandoc({pandoc.RawBlock("html", pandoc.json.encode(
    {pieces = pieces, notes = rendered, sources = sources}))})
end
