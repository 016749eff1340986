// <descent-sgd> in Chromium: renders from file:// (on a 360 px phone too), its controls rerun the
// core, the transport walks through the iterations, its state round-trips through the URL, and
// bad attributes give a message instead of a blank widget.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, openPageWithWidget, waitForResult } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

const settled = (page) => waitForResult(page, 'sgd');

async function openWidget(attributes = {}, options = {}) {
  const opened = await openPageWithWidget(browser, baseUrl, { tag: 'descent-sgd', id: 'sgd', attributes, ...options });
  await opened.page.locator('#sgd').scrollIntoViewIfNeeded();
  await settled(opened.page);
  return opened;
}

const text = (page, role) => page.locator(`#sgd [data-role=${role}]`).textContent();

test('renders from file:// on a 360 px phone: the batch-8 run ends in the wide minimum', async () => {
  const { page, context, problems } = await openWidget({}, { viewport: { width: 360, height: 800 } });
  assert.match(await text(page, 'readout'), /^BATCH 8 \| After 1920 iterations: \(w, b\)=\(-0\.798, -0\.022\)/);
  assert.match(
    await text(page, 'status'),
    /^ended in the wide minimum \(L = 0\.0141\) after 60 epochs \(1920 iterations\)/,
  );
  assert.match(await text(page, 'counters'), /iterations per epoch: N\/B = 256\/8 → 32/);
  const widths = await page
    .locator('#sgd')
    .evaluate((el) =>
      ['plot', 'chart'].map((role) => el.shadowRoot.querySelector(`[data-role=${role}]`).getBoundingClientRect().width),
    );
  for (const width of widths) assert.ok(width > 200 && width <= 360, `canvas width ${width}`);
  // The map has been painted (not a blank canvas): sample its middle row.
  const painted = await page.locator('#sgd').evaluate((el) => {
    const canvas = el.shadowRoot.querySelector('[data-role=plot]');
    const data = canvas.getContext('2d').getImageData(0, Math.round(canvas.height / 2), canvas.width, 1).data;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return colours.size;
  });
  assert.ok(painted > 20, `only ${painted} colours in the map's middle row`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('controls rerun the core: full batch ends in the sharp minimum, sorted batches of 32 do not settle', async () => {
  const { page, context, problems } = await openWidget();
  await page.locator('#sgd select[name=batch]').selectOption('all');
  await page.waitForFunction(() => document.getElementById('sgd').getAttribute('batch') === 'all');
  await settled(page);
  assert.match(
    await text(page, 'status'),
    /^ended in the sharp minimum \(L = 0\.0545\) after 60 epochs \(60 iterations\)/,
  );
  await page.locator('#sgd select[name=batch]').selectOption('32');
  await settled(page);
  assert.match(await text(page, 'status'), /^ended in the sharp minimum/);
  await page.locator('#sgd').getByLabel('Shuffle every epoch').uncheck();
  await page.waitForFunction(() => document.getElementById('sgd').getAttribute('shuffle') === 'false');
  await settled(page);
  assert.match(await text(page, 'status'), /^not in either minimum after 60 epochs \(480 iterations\)/);
  assert.match(await text(page, 'counters'), /shuffle: off \(sorted\)/);
  // The stability table shows the core's growth factors for this batch.
  await page.locator('#sgd summary', { hasText: 'Why a minimum holds' }).click();
  assert.match(await text(page, 'stability-table'), /sharp.*1\.621.*6\.760.*0\.950 \(stays\).*25/s);
  assert.deepEqual(problems, []);
  await context.close();
});

test('transport: reset, step and play walk through the iterations', async () => {
  const { page, context, problems } = await openWidget({ batch: '32' });
  const button = (name) => page.locator('#sgd button', { hasText: name }).first();
  await button('Reset').click();
  assert.match(await text(page, 'counters'), /total iterations: 0 \/ 480/);
  await page.locator('#sgd button[title="One step forward"]').click();
  await page.locator('#sgd button[title="One step forward"]').click();
  assert.match(await text(page, 'counters'), /epoch: 1 \/ 60.*iteration in epoch: 2 \/ 8.*total iterations: 2 \/ 480/s);
  assert.match(await text(page, 'readout'), /After 2 iterations/);
  await button('Play').click();
  await page.waitForFunction(() => document.getElementById('sgd').shownStep > 10, null, { timeout: 10000 });
  await button('Pause').click();
  const shown = await page.evaluate(() => document.getElementById('sgd').shownStep);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.getElementById('sgd').shownStep), shown);
  assert.deepEqual(problems, []);
  await context.close();
});

test('URL state round-trips: the hash sets the widget, and a control writes the hash', async () => {
  const { page, context, problems } = await openWidget(
    { 'sync-url': '' },
    { hash: '#sgd.batch=1&sgd.seed=3&sgd.epochs=5' },
  );
  assert.equal(await page.evaluate(() => document.getElementById('sgd').getAttribute('batch')), '1');
  assert.match(await text(page, 'readout'), /^BATCH 1 \| After 1280 iterations/);
  await page.locator('#sgd select[name=batch]').selectOption('128');
  await page.waitForFunction(() => location.hash.includes('sgd.batch=128'));
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /sgd\.seed=3/);
  assert.match(hash, /sgd\.epochs=5/);
  await context.close();
  // The same hash in a fresh page gives the same run.
  const again = await openWidget({ 'sync-url': '' }, { hash });
  assert.match(await text(again.page, 'readout'), /^BATCH 128 \| After 10 iterations/);
  assert.deepEqual([...problems, ...again.problems], []);
  await again.context.close();
});

test('bad attributes give a clear message and the defaults, not a blank widget', async () => {
  const { page, context } = await openWidget({ batch: 'zero', lr: '-3', start: '1,2,3' });
  const error = await text(page, 'error');
  assert.match(error, /batch: expected a whole number of points ≥ 1 or "all", got "zero"/);
  assert.match(error, /lr: -3 is out of range/);
  assert.match(error, /start: expected "x" or "x,y" numbers/);
  assert.match(await text(page, 'status'), /^ended in the wide minimum/);
  await page.evaluate(() => document.getElementById('sgd').setAttribute('batch', '999'));
  await page.waitForFunction(() =>
    document.getElementById('sgd').parts.error.textContent.includes('more points than the data set has'),
  );
  assert.match(await text(page, 'status'), /^ended in the sharp minimum/);
  await context.close();
});
