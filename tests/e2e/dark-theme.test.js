// The dark theme: with the system set to dark a lesson page and its widget render dark (computed
// styles, and the plot as the reader sees it: canvas pixels over the widget's background); a host
// page's color-scheme overrides the system either way, also under a strict CSP; a change of the
// system setting or of the page's color-scheme repaints the canvases at once; the site's theme
// switch forces a scheme and keeps it across a reload.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, openPage, siteUrls } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

// WCAG contrast of two [r, g, b] colours (0…255).
function contrast(a, b) {
  const luminance = (rgb) => {
    const [r, g, bl] = rgb.map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}
const isDark = (rgb) => contrast(rgb, [255, 255, 255]) > 10;
const isLight = (rgb) => contrast(rgb, [0, 0, 0]) > 10;

// The widget's look: its box's background and text colour, its colour scheme, and the pixels of one
// canvas composited over that background (what the reader sees) counted by colour.
async function look(page, selector, canvasRole = 'plot') {
  return page.evaluate(
    ({ selector, canvasRole }) => {
      const widget = document.querySelector(selector);
      const box = widget.shadowRoot.querySelector('.widget');
      const rgb = (css) =>
        css
          .match(/[\d.]+/g)
          .slice(0, 3)
          .map(Number);
      const style = getComputedStyle(box);
      const background = rgb(style.backgroundColor);
      const canvas = widget.shadowRoot.querySelector(`[data-role=${canvasRole}]`);
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const counts = new Map();
      for (let i = 0; i < data.length; i += 4) {
        const alpha = data[i + 3] / 255;
        const key = [0, 1, 2].map((c) => Math.round(data[i + c] * alpha + background[c] * (1 - alpha))).join(',');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const colours = [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([key, count]) => [key.split(',').map(Number), count]);
      return {
        scheme: widget.colorScheme,
        renderCount: widget.renderCount,
        background,
        text: rgb(style.color),
        mostCommon: colours[0][0],
        colours,
      };
    },
    { selector, canvasRole },
  );
}

// Pixels (at least `minimum` of them) of exactly `hex` on the canvas.
function pixelsOf(result, hex) {
  const target = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return result.colours.filter(([rgb]) => rgb.every((c, i) => c === target[i])).reduce((n, [, count]) => n + count, 0);
}

async function waitForRun(page, selector) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (s) => {
      const widget = document.querySelector(s);
      return Boolean(widget?.config) && widget.drawn && !widget.updateQueued;
    },
    selector,
    { timeout: 30000 },
  );
}

test('with the system set to dark, a lesson page and its widget render dark', async () => {
  const { page, context, problems } = await openPage(browser, { colorScheme: 'dark' });
  await page.goto(siteUrls(baseUrl, 'lessons/activation-functions.html')[0][1]);
  const pageColours = await page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { background: style.backgroundColor, text: style.color };
  });
  const rgb = (css) => css.match(/\d+/g).slice(0, 3).map(Number);
  assert.ok(isDark(rgb(pageColours.background)), `page background ${pageColours.background}`);
  assert.ok(contrast(rgb(pageColours.text), rgb(pageColours.background)) >= 4.5, `page text ${pageColours.text}`);

  await waitForRun(page, '#act');
  const plot = await look(page, '#act');
  assert.equal(plot.scheme, 'dark');
  assert.ok(isDark(plot.background), `widget background ${plot.background}`);
  assert.ok(contrast(plot.text, plot.background) >= 4.5, `widget text ${plot.text}`);
  // The plot's background (most of its pixels) is the widget's dark background; the curve of f
  // is drawn in the function colour, at ≥ 3:1 against it.
  assert.deepEqual(plot.mostCommon, plot.background);
  assert.ok(pixelsOf(plot, '#2b6cb0') > 200, 'no pixel of the f(z) curve');
  assert.ok(contrast([0x2b, 0x6c, 0xb0], plot.background) >= 3);
  // The tick labels are light: some pixels have 4.5:1 or more against the background.
  assert.ok(
    plot.colours.some(([colour]) => contrast(colour, plot.background) >= 4.5),
    'no light tick label',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

// A host page with its own style sheet (served with a strict CSP: style-src 'self'), holding two
// widgets; `css` is that style sheet.
async function openHostPage(css, options) {
  const opened = await openPage(browser, options);
  const policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
  await opened.page.route(`${baseUrl}/host.css`, (route) =>
    route.fulfill({ status: 200, headers: { 'content-type': 'text/css' }, body: css }),
  );
  await opened.page.route(`${baseUrl}/host.html`, (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy },
      body:
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>' +
        '<link rel="stylesheet" href="/host.css"><script src="/descent.js"></script></head><body>' +
        '<descent-race id="race"></descent-race><div class="aside"><descent-loss id="loss"></descent-loss></div>' +
        '</body></html>',
    }),
  );
  await opened.page.goto(`${baseUrl}/host.html`);
  await waitForRun(opened.page, '#race');
  await waitForRun(opened.page, '#loss');
  return opened;
}

test("a host page's color-scheme overrides the system setting, under a strict CSP", async () => {
  {
    const { page, context, problems } = await openHostPage(':root { color-scheme: dark; }', { colorScheme: 'light' });
    for (const selector of ['#race', '#loss']) {
      const widget = await look(page, selector, selector === '#race' ? 'chart' : 'plot');
      assert.equal(widget.scheme, 'dark', selector);
      assert.ok(isDark(widget.background), `${selector} background ${widget.background}`);
      assert.deepEqual(widget.mostCommon, widget.background, selector);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
  {
    // The system is dark; the page leaves the race to it and forces the loss widget light.
    const { page, context, problems } = await openHostPage('.aside { color-scheme: light; }', { colorScheme: 'dark' });
    const race = await look(page, '#race', 'chart');
    const loss = await look(page, '#loss');
    assert.equal(race.scheme, 'dark');
    assert.equal(loss.scheme, 'light');
    assert.ok(isLight(loss.background), `loss background ${loss.background}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a change of the system setting or of the page repaints the canvases at once', async () => {
  const { page, context, problems } = await openHostPage('', { colorScheme: 'light' });
  // The whole race on the chart: every racer's line at full length.
  await page.evaluate(() => document.getElementById('race').showAll());
  const before = await look(page, '#race', 'chart');
  assert.equal(before.scheme, 'light');
  assert.ok(isLight(before.mostCommon));

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.getElementById('race').colorScheme === 'dark');
  const dark = await look(page, '#race', 'chart');
  assert.ok(dark.renderCount > before.renderCount, 'the race was not drawn again');
  assert.ok(isDark(dark.mostCommon), `chart background ${dark.mostCommon}`);
  // Every racer's line is drawn in a colour of its own at ≥ 3:1 against the dark background.
  const racers = await page.evaluate(() => document.getElementById('race').racers.length);
  const lines = dark.colours.filter(([colour, count]) => count >= 100 && contrast(colour, dark.mostCommon) >= 3);
  assert.ok(racers >= 2 && lines.length >= racers, `${lines.length} line colours for ${racers} racers`);

  // The page (not the system) changes its color-scheme: no media event, the widget still follows.
  await page.evaluate(() => document.documentElement.style.setProperty('color-scheme', 'light'));
  await page.waitForFunction(() => document.getElementById('race').colorScheme === 'light');
  const light = await look(page, '#race', 'chart');
  assert.ok(isLight(light.mostCommon), `chart background ${light.mostCommon}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the site's theme switch forces a scheme and keeps it across a reload", async () => {
  const { page, context, problems } = await openPage(browser, { colorScheme: 'light' });
  await page.goto(siteUrls(baseUrl, 'lessons/activation-functions.html')[1][1]);
  await waitForRun(page, '#act');
  assert.equal(await page.evaluate(() => document.getElementById('act').colorScheme), 'light');
  await page.locator('.theme-switch select').selectOption('dark');
  await page.waitForFunction(() => document.getElementById('act').colorScheme === 'dark');
  const plot = await look(page, '#act');
  assert.ok(isDark(plot.mostCommon), `plot background ${plot.mostCommon}`);

  // Applied in the <head>, before the body is parsed or painted: no flash of the light scheme.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      window.themeAtBody = document.documentElement.dataset.theme ?? 'none';
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  assert.equal(await page.evaluate(() => window.themeAtBody), 'dark');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await page.locator('.theme-switch select').inputValue(), 'dark');
  await waitForRun(page, '#act');
  assert.equal(await page.evaluate(() => document.getElementById('act').colorScheme), 'dark');

  // "System" follows the (light) system again.
  await page.locator('.theme-switch select').selectOption('system');
  await page.waitForFunction(() => document.getElementById('act').colorScheme === 'light');
  assert.deepEqual(problems, []);
  await context.close();
});
