// Live sections: a lesson widget and the text that uses it, wrapped so the page CSS can dock the
// widget beside that text on a wide screen (a sticky right column) and let a phone pin it.
//
// A lesson's top-level blocks are grouped at build time — no script moves nodes, so nothing jumps
// at load. For each widget with an id:
//   lead  the heading of its section and up to MAX_LEAD plain blocks before the widget;
//   text  what follows it: up to the next h2 or widget, and further on through the last block
//         with a "try" button for it (and that block's explanation, up to the next heading).
// A widget with no text after it stays in the flow as before.
//
//   <section class="lesson-live">
//     <div class="lesson-live-lead">heading, intro</div>
//     <aside class="lesson-live-widget" id="live-ID"><button class="live-pin">…</button>WIDGET</aside>
//     <div class="lesson-live-text">experiments…</div>
//   </section>

const MAX_LEAD = 2;

function describe(html) {
  const heading = /^<h([1-6])\b/.exec(html);
  const widget = /^<(descent-[a-z0-9-]+)\b[^>]*\sid="([^"]+)"[^>]*>\s*<\/\1>\s*$/.exec(html.trim());
  const targets = new Set([...html.matchAll(/<button\b[^>]*\sdata-target="([^"]+)"/g)].map((match) => match[1]));
  return { html, level: heading ? Number(heading[1]) : 0, widgetId: widget ? widget[2] : null, targets };
}

// The pin toggle only shows on narrow screens (site.css); aria-pressed tells its state.
function pinButton(asideId) {
  return `<button type="button" class="live-pin" aria-pressed="false" aria-controls="${asideId}">Pin the widget while reading</button>`;
}

function liveSection(lead, widget, text) {
  const asideId = `live-${widget.widgetId}`;
  const join = (blocks) => blocks.map((block) => block.html.trim()).join('\n');
  return [
    '<section class="lesson-live">',
    lead.length ? `<div class="lesson-live-lead">\n${join(lead)}\n</div>` : '',
    `<aside class="lesson-live-widget" id="${asideId}">\n${pinButton(asideId)}\n${widget.html.trim()}\n</aside>`,
    `<div class="lesson-live-text">\n${join(text)}\n</div>`,
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

// `blocks`: the lesson's top-level HTML blocks in order. Returns the page body.
export function groupLiveSections(blocks) {
  const items = blocks.map(describe);
  const isBreak = (item, maxLevel) => item.widgetId !== null || (item.level > 0 && item.level <= maxLevel);
  const out = [];
  let next = 0; // first block not yet written
  for (let w = 0; w < items.length; w += 1) {
    const widget = items[w];
    if (widget.widgetId === null) continue;
    let nextWidget = items.findIndex((item, index) => index > w && item.widgetId !== null);
    if (nextWidget < 0) nextWidget = items.length;

    let end = w + 1;
    while (end < nextWidget && !isBreak(items[end], 2)) end += 1;
    let lastTry = -1;
    for (let index = w + 1; index < nextWidget; index += 1)
      if (items[index].targets.has(widget.widgetId)) lastTry = index;
    if (lastTry >= end) {
      end = lastTry + 1;
      while (end < nextWidget && !isBreak(items[end], 6)) end += 1;
    }
    if (end === w + 1) continue; // nothing to read beside it

    let start = w;
    for (let index = w - 1; index >= next && w - index <= MAX_LEAD + 1; index -= 1) {
      if (items[index].widgetId !== null) break;
      if (items[index].level > 0) {
        start = index;
        break;
      }
    }
    out.push(...items.slice(next, start).map((item) => item.html));
    out.push(liveSection(items.slice(start, w), widget, items.slice(w + 1, end)) + '\n');
    next = end;
    w = end - 1;
  }
  out.push(...items.slice(next).map((item) => item.html));
  return out.join('');
}
