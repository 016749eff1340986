// Shared set-up for the end-to-end tests: Debian's Chromium driven by
// playwright-core, the built site served from file:// and from a loopback
// server, and a record of console errors and of every network request.
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const test = require('node:test');
const { launchChromium } = require('../chromium.js');

// DESCENT_SITE_DIR lets a developer test a site built elsewhere (e.g. a second build tree).
const siteRoot = path.resolve(process.env.DESCENT_SITE_DIR ?? path.join(__dirname, '..', '..', 'build', 'site'));

async function startServer() {
  const { startStaticServer } = await import('../../build-scripts/static-server.mjs');
  const server = await startStaticServer(siteRoot, 0);
  return { server, baseUrl: `http://127.0.0.1:${server.address().port}` };
}

// Registers hooks that start Chromium and the loopback server before a test
// file's tests and stop them after; onReady receives {browser, server, baseUrl}.
function useBrowserAndServer(onReady) {
  let session = {};
  test.before(async () => {
    session = { browser: await launchChromium(), ...(await startServer()) };
    onReady(session);
  });
  test.after(async () => {
    await session.browser?.close();
    session.server?.close();
  });
}

// Base URLs for a page of the site, one per way users open it.
function siteUrls(baseUrl, page) {
  return [
    ['file://', pathToFileURL(path.join(siteRoot, page)).href],
    ['http://127.0.0.1', `${baseUrl}/${page}`],
  ];
}

// A fresh page that records console errors, page errors and requests that leave the machine.
// Other options (e.g. hasTouch) go to the browser context.
async function openPage(
  browser,
  {
    viewport = { width: 1100, height: 900 },
    reducedMotion = 'no-preference',
    colorScheme = 'light',
    ...contextOptions
  } = {},
) {
  const context = await browser.newContext({ viewport, reducedMotion, colorScheme, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    const local = ['file:', 'data:', 'blob:', 'about:'].includes(url.protocol) || url.hostname === '127.0.0.1';
    if (!local) problems.push(`network request left the machine: ${request.url()}`);
  });
  return { page, context, problems };
}

const readoutOf = (widgetSelector = 'descent-gd') => `${widgetSelector} [data-role=readout]`;

// Widgets start when visible, so bring the widget on screen first.
async function waitForWidget(page, widgetSelector = 'descent-gd') {
  await page.locator(widgetSelector).first().scrollIntoViewIfNeeded();
  await page.locator(readoutOf(widgetSelector)).filter({ hasText: 'After' }).first().waitFor({ timeout: 20000 });
}

// Resolves once the widget with id ID has its first result: a run, no update queued, and its
// picture drawn (`drawn`: the first picture shown, no drawing still spread over frames).
async function waitForResult(page, id, { timeout = 30000 } = {}) {
  await page.waitForFunction(
    (id) => {
      const widget = document.getElementById(id);
      return Boolean(widget?.run) && !widget.updateQueued && widget.drawn;
    },
    id,
    { timeout },
  );
}

// Resolves once the widget at `widgetSelector` has settled: no update queued and no render (its
// renderCount, counted by the base class) across two animation frames — so a locator for a node
// it draws finds the node that stays, not one the next render (e.g. after a resize) replaces.
async function waitForSettled(page, widgetSelector, { timeout = 20000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const quiet = await page.evaluate(
      (selector) =>
        new Promise((resolve) => {
          const widget = document.querySelector(selector);
          const before = widget?.renderCount;
          const frame = () => new Promise((next) => requestAnimationFrame(next));
          frame()
            .then(frame)
            .then(() =>
              resolve(Boolean(widget?.state) && !widget.updateQueued && widget.drawn && widget.renderCount === before),
            );
        }),
      widgetSelector,
    );
    if (quiet) return;
    if (Date.now() > deadline) throw new Error(`${widgetSelector} did not settle within ${timeout} ms`);
  }
}

// Opens the two-line embed page (siteUrls' entry `url`: 0 file://, 1 the server) with `hash`
// appended, and puts a <tag id=id> with these attributes at the top of its body; the caller waits
// for the widget its own way.
async function openPageWithWidget(browser, baseUrl, { tag, id, attributes = {}, url = 0, hash = '', ...options }) {
  const opened = await openPage(browser, options);
  await opened.page.goto(siteUrls(baseUrl, 'embed-example.html')[url][1] + hash);
  await opened.page.evaluate(
    ({ tag, id, attributes }) => {
      const widget = document.createElement(tag);
      if (id) widget.id = id; // without an id the widget's URL keys have no prefix
      for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
      document.body.prepend(widget);
    },
    { tag, id, attributes },
  );
  return opened;
}

// A lesson's "try this" button (its data-apply parsed as `settings`) pressed once its widget
// (id `target`) has started; resolves when the widget holds exactly those settings and has a
// result for them (a training widget may then still train).
async function pressApply(page, target, button, settings) {
  await page.locator(`#${target}`).scrollIntoViewIfNeeded();
  await page.waitForFunction((id) => Boolean(document.getElementById(id)?.config), target, { timeout: 60000 });
  await button.click();
  await page.waitForFunction(
    ([id, wantedSettings]) => {
      const el = document.getElementById(id);
      return (
        Object.entries(wantedSettings).every(([name, value]) => el.getAttribute(name) === String(value)) &&
        Boolean(el.run) &&
        !el.updateQueued
      );
    },
    [target, settings],
    { timeout: 30000 },
  );
}

module.exports = {
  useBrowserAndServer,
  siteUrls,
  openPage,
  openPageWithWidget,
  waitForWidget,
  waitForSettled,
  waitForResult,
  pressApply,
  readoutOf,
  siteRoot,
};
