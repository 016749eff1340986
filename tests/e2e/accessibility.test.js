// Accessibility of the built site (issue #17), from file://:
// - axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules, plus best practice) on the home page, the
//   embed page and every lesson, at 1280 px and on a 360 px phone with a touch screen, once every
//   widget has drawn and every <details> (in the page and in the widgets) is open, so the panels
//   are checked too. axe reads open shadow roots. The only exclusions are FALSE_POSITIVES below.
// - Target size on the phone: every pointer target at least 24 × 24 CSS px (target-size.js says
//   how it is measured and which exceptions of WCAG 2.5.8 it applies).
// - The skip link every widget starts with moves focus past the widget.
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPage, siteRoot } = require('./browser.js');
const { undersizedTargets } = require('./target-size.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

// Results axe reports that are not faults of the page, each with why. `selector` picks the exact
// elements; `onlyMath` further requires that all the element's text be MathML.
const FALSE_POSITIVES = [
  {
    rule: 'empty-table-header',
    selector: 'th',
    onlyMath: true,
    reason:
      'the header holds only maths, typeset as MathML (KaTeX at build time); axe 4.14 takes <math> for ' +
      'embedded content with no text (its subtreeText stops at "embedded" content), while Chromium ' +
      'exposes the formula to screen readers as a math node inside the column header',
  },
];

const lessonDir = path.join(siteRoot, 'lessons');
const PAGES = [
  'index.html',
  'embed.html',
  ...(fs.existsSync(lessonDir) ? fs.readdirSync(lessonDir) : [])
    .filter((name) => name.endsWith('.html'))
    .sort()
    .map((name) => `lessons/${name}`),
];

const VIEWS = [
  { name: '1280 px', options: { viewport: { width: 1280, height: 900 } } },
  { name: '360 px touch', options: { viewport: { width: 360, height: 740 }, hasTouch: true }, phone: true },
];

// Brings each widget of the page on screen (they start when visible) and waits until it has drawn
// (or shows why it cannot), then opens every <details> and lays out the whole page: the lessons'
// text blocks use content-visibility: auto, and axe would measure a block never shown by its size
// guess (it then reports a "scrolling region" with no contents laid out) and skip its colours.
async function renderEverything(page) {
  const total = await page.evaluate(
    () => [...document.querySelectorAll('*')].filter((element) => 'renderCount' in element).length,
  );
  for (let index = 0; index < total; index++) {
    await page.evaluate(
      (index) =>
        new Promise((resolve, reject) => {
          const widget = [...document.querySelectorAll('*')].filter((element) => 'renderCount' in element)[index];
          widget.scrollIntoView();
          const started = performance.now();
          const check = () => {
            const failed = widget.shadowRoot.querySelector('[data-role=error]')?.textContent;
            if ((widget.state && widget.drawn && !widget.updateQueued) || failed) resolve();
            else if (performance.now() - started > 30000) reject(new Error(`${widget.localName} did not draw`));
            else requestAnimationFrame(check);
          };
          check();
        }),
      index,
    );
  }
  await page.evaluate(async () => {
    const all = (root) =>
      [...root.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e, ...all(e.shadowRoot)] : [e]));
    for (const element of all(document)) if (element.localName === 'details') element.open = true;
    const style = document.createElement('style');
    style.textContent = '* { content-visibility: visible !important; }';
    document.head.append(style);
    // Two frames: layout, then the resize observers (tab stops on boxes that now overflow).
    for (let frame = 0; frame < 3; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
  });
  return total;
}

// axe's violations, less the false positives, as lines: rule (impact) target — summary.
async function axeViolations(page) {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  return page.evaluate(
    async ({ tags, falsePositives }) => {
      // preload: false — axe would fetch the style sheets again, which file:// refuses (a console
      // error); only css-orientation-lock reads them, and the site locks no orientation.
      const result = await window.axe.run(document, {
        preload: false,
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'], // details of the passes are not needed: faster
      });
      // A target is a selector, or a list of them: one per shadow root on the way down.
      const elementOf = (target) =>
        (Array.isArray(target) ? target : [target]).reduce(
          (root, selector) => (root?.shadowRoot ?? root)?.querySelector(selector),
          document,
        );
      const textOutsideMath = (element) => {
        const copy = element.cloneNode(true);
        for (const math of copy.querySelectorAll('math')) math.remove();
        return copy.textContent.trim();
      };
      const excused = (rule, element) =>
        falsePositives.some(
          (fp) =>
            fp.rule === rule &&
            element?.matches(fp.selector) &&
            (!fp.onlyMath || (element.querySelector('math') && textOutsideMath(element) === '')),
        );
      const lines = [];
      for (const violation of result.violations) {
        for (const node of violation.nodes) {
          if (excused(violation.id, elementOf(node.target[0]))) continue;
          const summary = node.failureSummary.replace(/\s+/g, ' ').trim();
          lines.push(`${violation.id} (${node.impact}) ${JSON.stringify(node.target)} — ${violation.help}: ${summary}`);
        }
      }
      return lines;
    },
    { tags: AXE_TAGS, falsePositives: FALSE_POSITIVES },
  );
}

test('the site has a home page, an embed page and lessons', () => {
  assert.ok(PAGES.length > 2, `pages: ${PAGES.join(', ')}`);
});

for (const pagePath of PAGES) {
  for (const view of VIEWS) {
    test(`${pagePath} at ${view.name}: axe finds no violation${view.phone ? ', every target ≥ 24 px' : ''}`, async () => {
      const { page, context, problems } = await openPage(browser, view.options);
      await page.goto(siteUrls(baseUrl, pagePath)[0][1]);
      await renderEverything(page);
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `${pagePath} at ${view.name}:\n${violations.join('\n')}`);
      if (view.phone) {
        const undersized = await page.evaluate(undersizedTargets, 24);
        // WCAG 2.5.8 lets an undersized target pass by spacing; issue #17 asks more of a phone:
        // every target at least 24 px, except links inside sentences.
        const offenders = undersized
          .filter((entry) => entry.exception !== 'inline')
          .map((entry) => `${entry.target}: ${entry.size}${entry.exception === 'none' ? ' (fails WCAG 2.5.8)' : ''}`);
        assert.deepEqual(offenders, [], `${pagePath}: targets under 24 × 24 px:\n${offenders.join('\n')}`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('the target-size measure finds crowded small targets, in shadow roots too', async () => {
  const { page, context } = await openPage(browser, { viewport: { width: 360, height: 740 }, hasTouch: true });
  await page.setContent(`
    <style>body { margin: 0; font: 16px/1.5 sans-serif; } input { margin: 0; } .hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }</style>
    <a class="hidden" href="#main">Skip</a>
    <div><input type="checkbox" id="a" style="width: 13px; height: 13px"><input type="checkbox" id="b" style="width: 13px; height: 13px"></div>
    <div style="margin-top: 40px"><input type="range" id="lone-slider" style="width: 200px; height: 16px"></div>
    <p style="margin-top: 40px">A sentence with <a href="#x" id="inline">a link</a> in it.</p>
    <button id="big" style="width: 30px; height: 30px">B</button>
    <div id="host" style="margin-top: 40px"></div>`);
  await page.evaluate(() => {
    const root = document.getElementById('host').attachShadow({ mode: 'open' });
    root.innerHTML =
      '<button id="s1" style="all: unset; width: 10px; height: 10px"></button><button id="s2" style="all: unset; width: 10px; height: 10px"></button>';
  });
  const found = await page.evaluate(undersizedTargets, 24);
  const byId = Object.fromEntries(
    found.map((entry) => [
      entry.target
        .split(' › ')
        .pop()
        .match(/#([\w-]+)/)[1],
      entry.exception,
    ]),
  );
  assert.deepEqual(byId, { a: 'none', b: 'none', 'lone-slider': 'spacing', inline: 'inline', s1: 'none', s2: 'none' });
  await context.close();
});

// The widget's own shadow root's focused element, or the page's.
const focusedPath = (page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    const inner = active?.shadowRoot?.activeElement;
    return inner
      ? { host: active.id, className: inner.className, text: inner.textContent }
      : { host: null, id: active?.id ?? null };
  });

test('Tab into a widget meets "Skip the … widget" first; it moves focus past the widget', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1000, height: 800 } });
  await page.goto(siteUrls(baseUrl, 'embed-example.html')[0][1]);
  // Two widgets in a row, a link after them, then the page ends with a third widget.
  await page.evaluate(() => {
    document.body.innerHTML = `
      <button id="before">before</button>
      <descent-gd id="first"></descent-gd>
      <descent-neuron id="second"></descent-neuron>
      <p>Text after the widgets, <a id="after" href="#after">a link</a>.</p>
      <descent-backprop id="last"></descent-backprop>`;
  });
  for (const id of ['first', 'second', 'last']) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.waitForFunction((id) => document.getElementById(id).drawn, id, { timeout: 20000 });
  }
  const tabStops = await page.evaluate(
    () => document.getElementById('first').shadowRoot.querySelectorAll('button, input, select, [tabindex="0"]').length,
  );
  assert.ok(tabStops > 10, `the first widget has ${tabStops} tab stops`);

  await page.focus('#before');
  await page.keyboard.press('Tab');
  assert.deepEqual(await focusedPath(page), {
    host: 'first',
    className: 'skip-widget',
    text: 'Skip the Gradient descent widget',
  });
  const shown = await page.evaluate(() =>
    document.getElementById('first').shadowRoot.activeElement.getBoundingClientRect().toJSON(),
  );
  assert.ok(shown.width > 100 && shown.height >= 24, `focused, the link shows: ${JSON.stringify(shown)}`);
  assert.ok(shown.top >= 0 && shown.bottom <= 800, `focused, the link is on screen: ${JSON.stringify(shown)}`);

  // Straight after a widget comes the next widget, whose first stop is its own skip link.
  await page.keyboard.press('Enter');
  assert.deepEqual(await focusedPath(page), {
    host: 'second',
    className: 'skip-widget',
    text: 'Skip the Backprop through one neuron widget',
  });
  const hidden = await page.evaluate(() =>
    document.getElementById('first').shadowRoot.querySelector('.skip-widget').getBoundingClientRect().toJSON(),
  );
  assert.ok(hidden.width <= 1 && hidden.height <= 1, `unfocused, the link is hidden: ${JSON.stringify(hidden)}`);

  await page.keyboard.press('Enter');
  assert.deepEqual(await focusedPath(page), { host: null, id: 'after' });
  assert.equal(new URL(page.url()).hash, '', 'the skip link does not change the address');

  // Nothing to reach after the last widget: focus rests on its end, past every control.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.deepEqual(await focusedPath(page), {
    host: 'last',
    className: 'skip-end',
    text: 'End of the Backprop calculator widget',
  });
  assert.deepEqual(problems, []);
  await context.close();
});
