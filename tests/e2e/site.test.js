// The built site in Chromium: pages load from file:// and from a local server,
// the widget renders and shows the core's numbers, nothing reaches the network.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPage, waitForWidget, readoutOf } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

test('the two-line embed snippet alone shows the seed setup', async () => {
  for (const [how, url] of siteUrls(baseUrl, 'embed-example.html')) {
    const { page, context, problems } = await openPage(browser);
    await page.goto(url);
    await waitForWidget(page);
    const readout = await page.locator(readoutOf()).textContent();
    assert.match(readout, /^ADAM \| After 12 steps: θ=\d+\.\d{3}, f=\d+\.\d{3} \(minimum f=3\)$/, `${how}: ${readout}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

for (const page of ['index.html', 'lessons/gradient-descent.html', 'embed.html', 'embed-example.html']) {
  test(`${page} loads from file:// and the local server with a working widget`, async () => {
    for (const [how, url] of siteUrls(baseUrl, page)) {
      const { page: tab, context, problems } = await openPage(browser);
      await tab.goto(url);
      await waitForWidget(tab);
      const readout = await tab.locator(readoutOf()).first().textContent();
      assert.match(readout, /^[A-Z]+ \| After \d+ steps?: (θ|\(x, y\))=.*, f=-?\d+\.\d{3}/, `${how}: ${readout}`);
      assert.deepEqual(problems, [], `${how} ${page}`);
      await context.close();
    }
  });
}

test('the lesson carries its maths as MathML made at build time (KaTeX, no CDN)', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(siteUrls(baseUrl, 'lessons/gradient-descent.html')[0][1]);
  assert.ok((await page.locator('.katex > math').count()) > 5);
  // Typeset by the browser: a fraction is taller than a line of text.
  const fraction = await page.locator('mfrac').first().boundingBox();
  assert.ok(fraction && fraction.height > 25, `mfrac box ${JSON.stringify(fraction)}`);
  assert.equal(await page.locator('.katex-error').count(), 0);
  await waitForWidget(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the home page fits a 360 px wide phone without sideways scrolling', async () => {
  for (const pagePath of ['index.html', 'lessons/gradient-descent.html']) {
    const { page, context, problems } = await openPage(browser, { viewport: { width: 360, height: 740 } });
    await page.goto(siteUrls(baseUrl, pagePath)[1][1]);
    await waitForWidget(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${pagePath} overflows by ${overflow}px`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a widget never scrolled into view is drawn for the printout', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(siteUrls(baseUrl, 'lessons/gradient-descent.html')[0][1]);
  const widget = page.locator('descent-gd');
  assert.equal(await widget.evaluate((el) => el.renderCount > 0 && Boolean(el.run)), false, 'off screen: not started');
  await page.pdf(); // prints: fires beforeprint
  await page.waitForFunction(() => Boolean(document.querySelector('descent-gd').run));
  assert.match(await page.locator(readoutOf()).textContent(), /^[A-Z]+ \| After \d+ steps?:/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Copy link" gives an address that opens the widget set up the same way', async () => {
  const { page, context, problems } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  await page.goto(siteUrls(baseUrl, 'lessons/gradient-descent.html')[1][1]);
  await waitForWidget(page);
  await page.locator('descent-gd').evaluate((el) => {
    el.setAttribute('optimizer', 'momentum');
    el.setAttribute('lr', '0.07');
  });
  await page.locator(readoutOf()).filter({ hasText: 'MOMENTUM' }).waitFor();
  const readout = await page.locator(readoutOf()).textContent();
  await page.locator('descent-gd button.copy-link').click();
  await page.locator('descent-gd .copy-note').filter({ hasText: 'Link copied' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#.*gd\.optimizer=momentum/, link);
  const other = await context.newPage();
  await other.goto(link);
  await waitForWidget(other);
  assert.equal(await other.locator(readoutOf()).textContent(), readout);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embed page: code blocks can be scrolled from the keyboard, theming is documented', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 360, height: 740 } });
  await page.goto(siteUrls(baseUrl, 'embed.html')[0][1]);
  const blocks = await page.locator('pre').evaluateAll((pres) => pres.map((pre) => pre.tabIndex));
  assert.ok(blocks.length > 10, `${blocks.length} code blocks`);
  assert.deepEqual(new Set(blocks), new Set([0]));
  for (const property of [
    '--descent-text',
    '--descent-background',
    '--descent-accent',
    '--descent-panel',
    '--descent-border',
  ])
    assert.equal(await page.locator('#theming td code', { hasText: property }).count(), 1, property);
  assert.deepEqual(problems, []);
  await context.close();
});
