-- Pandoc filter, run after citeproc. It makes the HTML that WeasyPrint lays out:
-- notes become inline spans (CSS `float: footnote` puts them at the foot of the page), the
-- generator's pieces and figures become markers it can find again (the attribute names come
-- from the generator as metadata; the HTML around them is the templates' business), and
-- anything that could reach outside the brief (images, non-web links) is reduced to its text.

local piece_attribute, figure_attribute, note_id_prefix, call_id_prefix
local note_count = 0

local function safe(url)
  local lower = url:lower()
  return lower:match("^https?://") or lower:match("^mailto:") or url:match("^#")
end

-- A note is its call, a link to the note (#note-N), and the note itself, which starts with
-- its number as a link back to the call (#call-N): a reader (and a screen reader) can follow
-- both ways, and the PDF stage finds each note's call by these targets. The numbers are
-- written here, in document order, the order CSS would count them in. The note's id also lets
-- the generator count the notes on each page.
local function Note(el)
  note_count = note_count + 1
  local n = tostring(note_count)
  local call = pandoc.Link(n, "#" .. note_id_prefix .. n, "", {id = call_id_prefix .. n, class = "fn-ref"})
  -- The space after the number is inside the link, so the number and the space are one run
  -- of text in the PDF and text extraction reads "9. Human", not "9.Human".
  local back = pandoc.Link({pandoc.Str(n .. "."), pandoc.Space()}, "#" .. call_id_prefix .. n, "", {class = "fn-back"})
  local text = pandoc.Inlines{back}
  text:extend(pandoc.utils.blocks_to_inlines(el.content))
  return pandoc.Span({call, pandoc.Span(text, {id = note_id_prefix .. n, class = "footnote"})}, {class = "fn"})
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
    local is_call = el.t == "Cite" or (el.t == "Span" and el.classes:includes("fn"))
    if is_call and prev and prev.t == "Str" then
      out[#out] = pandoc.Span({prev, el}, {class = "nobr"})
    else
      out:insert(el)
    end
  end
  return out
end

local function marked(name, number, content)
  local blocks = {pandoc.RawBlock("html", "<!--" .. name .. ":" .. number .. "-->")}
  for _, block in ipairs(content) do table.insert(blocks, block) end
  table.insert(blocks, pandoc.RawBlock("html", "<!--/" .. name .. ":" .. number .. "-->"))
  return blocks
end

local function Div(el)
  for name, attribute in pairs({piece = piece_attribute, figure = figure_attribute}) do
    local number = el.attributes[attribute]
    if number and number:match("^%d+$") then
      return marked(name, number, el.content)
    end
  end
end

function Pandoc(doc)
  piece_attribute = pandoc.utils.stringify(doc.meta["piece-attribute"])
  figure_attribute = pandoc.utils.stringify(doc.meta["figure-attribute"])
  note_id_prefix = pandoc.utils.stringify(doc.meta["note-id-prefix"])
  call_id_prefix = pandoc.utils.stringify(doc.meta["call-id-prefix"])
  -- Notes first, in document order, so their numbers follow the reading order.
  doc = doc:walk({Inlines = punctuation_inside_quotes})
  doc = doc:walk({Note = Note})
  doc = doc:walk({Image = Image, Link = Link, Inlines = Inlines})
  return doc:walk({Div = Div})
end
