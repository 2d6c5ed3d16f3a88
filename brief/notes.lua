-- Pandoc filter, run after citeproc. It makes the HTML that WeasyPrint lays out:
-- notes become inline spans (CSS `float: footnote` puts them at the foot of the page),
-- prose pieces get markers so the generator can place each one, and anything that could
-- reach outside the brief (images, non-web links) is reduced to its text.

local function safe(url)
  local lower = url:lower()
  return lower:match("^https?://") or lower:match("^mailto:") or url:match("^#")
end

function Note(el)
  return pandoc.Span(pandoc.utils.blocks_to_inlines(el.content), {class = "footnote"})
end

function Image(el)
  return pandoc.Span(el.caption)
end

function Link(el)
  if not safe(el.target) then
    return el.content
  end
end

-- Markers carry only plain ids, so an attribute written in prose cannot inject markup.
local function plain(id)
  return id and id:match("^[%w%-:]+$") and id or nil
end

-- Keep a note call on the line of the word (and punctuation) it follows.
function Inlines(inlines)
  local out = pandoc.Inlines{}
  for i, el in ipairs(inlines) do
    local prev = out[#out]
    local is_call = el.t == "Cite" or (el.t == "Span" and el.classes:includes("footnote"))
    if is_call and prev and prev.t == "Str" then
      out[#out] = pandoc.Span({prev, el}, {class = "nobr"})
    else
      out:insert(el)
    end
  end
  return out
end

function Div(el)
  local key = plain(el.attributes["piece"])
  if key then
    local blocks = {pandoc.RawBlock("html", "<!--piece:" .. key .. "-->")}
    for _, block in ipairs(el.content) do table.insert(blocks, block) end
    table.insert(blocks, pandoc.RawBlock("html", "<!--/piece-->"))
    return blocks
  end
  local chart = plain(el.attributes["chart"])
  if chart then
    local blocks = {pandoc.RawBlock("html", '<figure class="chart" id="fig-' .. chart .. '">'),
                    pandoc.RawBlock("html", "<!--chart:" .. chart .. "-->")}
    for _, block in ipairs(el.content) do table.insert(blocks, block) end
    table.insert(blocks, pandoc.RawBlock("html", "</figure>"))
    return blocks
  end
end
