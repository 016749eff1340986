// Lesson bodies: maths turned into MathML by KaTeX at build time, then Markdown to HTML.
import katex from 'katex';
import { Marked } from 'marked';

import { fail, lineAt } from './util.mjs';

// Pulls $...$ and $$...$$ out of the Markdown (skipping code) and renders them with KaTeX,
// leaving placeholders that Markdown cannot touch. Inline maths follows the usual rule: the
// opening $ is not followed by a space, the closing $ is not preceded by a space nor followed
// by a digit, and it stays within one paragraph and before any code span; anything else is a
// literal dollar sign (write \$ to force one).
export function extractMath(body, file, firstLine) {
  const rendered = [];
  let out = '';
  let i = 0;
  const n = body.length;
  const atLineStart = (index) => index === 0 || body[index - 1] === '\n';

  const render = (tex, display, startIndex) => {
    const line = firstLine + lineAt(body, startIndex) - 1;
    let html;
    try {
      html = katex.renderToString(tex, {
        displayMode: display,
        throwOnError: true,
        strict: 'warn',
        // MathML only: every current browser typesets MathML Core and screen readers read it. KaTeX's
        // HTML rendering as well tripled a lesson's size (~300 KB) and its layout cost ~100 ms at load.
        output: 'mathml',
      });
    } catch (error) {
      const offset = typeof error.position === 'number' ? error.position : 0;
      const errorLine = line + lineAt(tex, Math.min(offset, tex.length)) - 1;
      fail(
        `${file}:${errorLine}: KaTeX cannot render ${display ? '$$' : '$'}${tex}${display ? '$$' : '$'}\n  ${error.message}`,
      );
    }
    rendered.push({ html, display });
    return `DESCENTMATH${rendered.length - 1}X`;
  };

  while (i < n) {
    // Fenced code block: copy through to the closing fence untouched.
    if (atLineStart(i)) {
      const fence = /^ {0,3}(`{3,}|~{3,})/.exec(body.slice(i, i + 200));
      if (fence) {
        const marker = fence[1];
        let end = body.indexOf('\n', i);
        while (end >= 0) {
          const next = body.indexOf('\n', end + 1);
          const line = body.slice(end + 1, next < 0 ? n : next);
          if (line.trim().startsWith(marker[0].repeat(marker.length))) {
            end = next < 0 ? n : next;
            break;
          }
          end = next;
        }
        const stop = end < 0 ? n : end;
        out += body.slice(i, stop);
        i = stop;
        continue;
      }
    }
    const ch = body[i];
    if (ch === '\\' && i + 1 < n) {
      out += body.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '`') {
      // Inline code span: a run of backticks closed by a run of the same length.
      let run = 1;
      while (body[i + run] === '`') run += 1;
      const ticks = '`'.repeat(run);
      let close = body.indexOf(ticks, i + run);
      while (close >= 0 && body[close + run] === '`') close = body.indexOf(ticks, close + run + 1);
      const stop = close < 0 ? i + run : close + run;
      out += body.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '$' && body[i + 1] === '$') {
      const close = body.indexOf('$$', i + 2);
      if (close < 0) fail(`${file}:${firstLine + lineAt(body, i) - 1}: '$$' display maths is never closed`);
      const tex = body.slice(i + 2, close);
      if (tex.trim() === '') fail(`${file}:${firstLine + lineAt(body, i) - 1}: empty $$ $$ block`);
      out += render(tex, true, i);
      i = close + 2;
      continue;
    }
    if (ch === '$') {
      const close = findInlineClose(body, i);
      if (close < 0) {
        out += ch;
        i += 1;
        continue;
      }
      out += render(body.slice(i + 1, close), false, i);
      i = close + 1;
      continue;
    }
    out += ch;
    i += 1;
  }
  return { markdown: out, rendered };
}

function findInlineClose(body, open) {
  const first = body[open + 1];
  if (first === undefined || /\s/.test(first) || first === '$') return -1;
  for (let k = open + 1; k < body.length; k += 1) {
    const c = body[k];
    if (c === '\\') {
      k += 1;
      continue;
    }
    if (c === '\n' && body[k + 1] === '\n') return -1; // paragraph ended
    if (c === '`') return -1; // a code span starts: this $ was a literal dollar
    if (c === '$') {
      if (/\s/.test(body[k - 1]) || /\d/.test(body[k + 1] ?? '')) continue;
      return k;
    }
  }
  return -1;
}

export function restoreMath(html, rendered) {
  const pick = (index) => rendered[Number(index)];
  return (
    html
      .replace(/<p>\s*DESCENTMATH(\d+)X\s*<\/p>/g, (whole, index) =>
        pick(index).display ? `<div class="math-display">${pick(index).html}</div>` : whole,
      )
      // Inline maths with punctuation stuck to it, e.g. "($\eta$)." — keep them on one line.
      .replace(/([([]+)?DESCENTMATH(\d+)X([.,;:!?)\]]+)?/g, (whole, before, index, after) => {
        const math = pick(index);
        if (math.display || (!before && !after)) return math.html;
        return `<span class="nowrap">${before ?? ''}${math.html}${after ?? ''}</span>`;
      })
  );
}

// ---------------------------------------------------------------- lessons: Markdown

function slugifyHeading(text) {
  return (
    text
      .replace(/<[^>]*>/g, '')
      .replace(/DESCENTMATH\d+X/g, '')
      .replace(/&[a-z#0-9]+;/gi, '')
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[\s_]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '') || 'section'
  );
}

export function makeMarkdownRenderer() {
  let usedIds = new Map();
  const marked = new Marked({ gfm: true, breaks: false });
  marked.use({
    renderer: {
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        const base = slugifyHeading(inner);
        const count = usedIds.get(base) ?? 0;
        usedIds.set(base, count + 1);
        const id = count === 0 ? base : `${base}-${count + 1}`;
        return `<h${depth} id="${id}"><a class="anchor" href="#${id}" aria-hidden="true" tabindex="-1">#</a>${inner}</h${depth}>\n`;
      },
    },
  });
  // The page's top-level blocks, one HTML string each (blank ones dropped), so the build can
  // group them (live-sections.mjs) without parsing HTML back.
  return (markdown) => {
    usedIds = new Map();
    const tokens = marked.lexer(markdown);
    return tokens.map((token) => marked.parser([token])).filter((html) => html.trim() !== '');
  };
}
