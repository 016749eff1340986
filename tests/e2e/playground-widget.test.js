// <descent-playground> in Chromium: the accuracy shown is the core's, Play trains and the decision
// field redraws while training, controls rebuild the network, the URL round-trips, bad input is
// reported without breaking the widget, the core object is freed on removal, and it works from
// file:// and from a server with no network request.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPageWithWidget } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

async function openWidget(attributes = {}, options = {}) {
  const opened = await openPageWithWidget(browser, baseUrl, { tag: 'descent-playground', id: 'pg', attributes, ...options });
  // Built (or, for bad settings, its error shown): the core answered once.
  await opened.page.waitForFunction(() => {
    const widget = document.getElementById('pg');
    return Boolean(widget?.state) && !widget.updateQueued;
  }, null, { timeout: 30000 });
  return opened;
}

const text = (page, role) => page.locator(`#pg [data-role=${role}]`).textContent();
const plotPixels = (page) => page.evaluate(() => document.getElementById('pg').shadowRoot.querySelector('[data-role=plot]').toDataURL());

for (const [index, [kind]] of siteUrls('http://x', 'embed-example.html').entries()) {
  test(`Play trains, the field redraws and the accuracy is the core's (${kind})`, async () => {
    const { page, context, problems } = await openWidget({ dataset: 'xor', features: 'x1,x2,x1_times_x2' }, { url: index });
    assert.match(await text(page, 'readout'), /^epoch 0: accuracy/);
    const before = await plotPixels(page);
    await page.locator('#pg button', { hasText: 'Play' }).click();
    await page.waitForFunction(() => document.getElementById('pg').epoch >= 3);
    const during = await plotPixels(page);
    assert.notEqual(during, before, 'the decision field redraws while training');
    await page.waitForFunction(() => document.getElementById('pg').epoch >= 30, null, { timeout: 30000 });
    await page.locator('#pg button', { hasText: 'Pause' }).click();
    const shown = await page.evaluate(async () => {
      const widget = document.getElementById('pg');
      const core = await createDescentCore();
      const made = core.createPlayground(widget.config);
      made.playground.advance(widget.epoch);
      const frame = made.playground.frame();
      made.playground.delete();
      return { epoch: widget.epoch, mine: widget.frame.accuracy.test, core: frame.accuracy.test, loss: frame.trainLoss[frame.epoch - 1] };
    });
    assert.equal(shown.mine, shown.core);
    const readout = await text(page, 'readout');
    assert.ok(readout.includes(`epoch ${shown.epoch}:`), readout);
    assert.ok(readout.includes(`training loss ${shown.loss.toFixed(3)}`), readout);
    assert.ok(shown.core >= 0.9, `xor with x₁x₂ separates: ${shown.core}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('controls rebuild the network and the state goes to the URL and back', async () => {
  const { page, context, problems } = await openWidget({ 'sync-url': '' });
  const shadow = page.locator('#pg');
  await shadow.getByLabel('Data set').selectOption('multiblobs');
  await page.waitForFunction(() => document.getElementById('pg').layout.classCount === 3);
  await shadow.getByLabel('Hidden layers (neurons each, e.g. 4,2; none)').fill('6,5,3');
  await shadow.getByLabel('Hidden layers (neurons each, e.g. 4,2; none)').press('Enter');
  await page.waitForFunction(() => Array.from(document.getElementById('pg').layout.layerWidths).join() === '2,6,5,3,3');
  await shadow.locator('input[id^=descent-feature-x1_squared]').check();
  await page.waitForFunction(() => document.getElementById('pg').layout.layerWidths[0] === 3);
  await shadow.getByLabel('Optimizer').selectOption('adam');
  await page.waitForFunction(() => document.getElementById('pg').config.optimizer === 'adam');
  assert.equal(await page.evaluate(() => document.getElementById('pg').config.loss), 'cross_entropy');
  const hash = await page.evaluate(() => location.hash);
  for (const part of ['pg.dataset=multiblobs', 'pg.layers=6%2C5%2C3', 'pg.features=x1%2Cx2%2Cx1_squared', 'pg.optimizer=adam']) assert.ok(hash.includes(part), hash);
  // The confusion matrix has a row per class.
  assert.equal(await page.locator('#pg table.confusion tr').count(), 4);
  await context.close();
  const reopened = await openWidget({ 'sync-url': '' }, { hash });
  const config = await reopened.page.evaluate(() => document.getElementById('pg').config);
  assert.equal(config.dataset, 'multiblobs');
  assert.deepEqual(config.hidden, [6, 5, 3]);
  assert.deepEqual(config.features, ['x1', 'x2', 'x1_squared']);
  assert.deepEqual(problems, []);
  assert.deepEqual(reopened.problems, []);
  await reopened.context.close();
});

test('bad attributes and typed values are reported and the widget keeps working', async () => {
  const { page, context, problems } = await openWidget({ layers: '4,x', optimizer: 'warp', dataset: 'multiblobs', loss: 'binary_cross_entropy' });
  const error = await text(page, 'error');
  assert.match(error, /layers: expected neurons per layer/);
  assert.match(error, /optimizer: "warp" is not known/);
  assert.match(error, /binary cross-entropy needs two classes/);
  // No playground could be built; fixing the loss builds one, and it trains.
  assert.equal(await page.evaluate(() => document.getElementById('pg').frame), null);
  await page.evaluate(() => document.getElementById('pg').setAttribute('loss', 'auto'));
  await page.waitForFunction(() => document.getElementById('pg').layout?.classCount === 3);
  await page.locator('#pg [data-role=plot]').scrollIntoViewIfNeeded();
  await page.locator('#pg button', { hasText: 'Step' }).click();
  await page.waitForFunction(() => document.getElementById('pg').epoch === 1);
  const lr = page.locator('#pg').getByLabel('Learning rate', { exact: true });
  await lr.fill('-3');
  await lr.press('Enter');
  assert.match(await text(page, 'error'), /lr: -3 is out of range/);
  assert.equal(await page.evaluate(() => document.getElementById('pg').config.lr), 0.03);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a huge learning rate is reported as a divergence, and removal frees the core object', async () => {
  const { page, context, problems } = await openWidget({ loss: 'mse', activation: 'relu', lr: '10', speed: '50' });
  await page.locator('#pg button', { hasText: 'Play' }).click();
  await page.waitForFunction(() => document.getElementById('pg').frame.finished, null, { timeout: 30000 });
  assert.match(await text(page, 'status'), /diverged/);
  const freed = await page.evaluate(() => {
    const widget = document.getElementById('pg');
    widget.remove();
    return widget.playground === null;
  });
  assert.equal(freed, true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('hide= removes controls for a classroom, and a phone-sized page has no horizontal scroll', async () => {
  const { page, context, problems } = await openWidget({ hide: 'optimizer,advanced,export' }, { viewport: { width: 360, height: 740 } });
  assert.equal(await page.locator('#pg').getByLabel('Optimizer').isVisible(), false);
  assert.equal(await page.locator('#pg [data-role=export]').isVisible(), false);
  assert.equal(await page.locator('#pg').getByLabel('Activation').isVisible(), true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('clicking the plot adds a training point of the chosen class, kept in the URL', async () => {
  const { page, context, problems } = await openWidget({ 'sync-url': '' });
  const before = await page.evaluate(() => document.getElementById('pg').layout.train.x.length);
  await page.locator('#pg summary', { hasText: 'Data:' }).click();
  await page.locator('#pg').getByLabel('Class of clicked points').selectOption('1');
  const plot = page.locator('#pg [data-role=plot]');
  const box = await plot.boundingBox();
  await plot.click({ position: { x: box.width / 2 + 4, y: box.height / 2 - 4 } });
  await page.waitForFunction((n) => document.getElementById('pg').layout.train.x.length === n + 1, before);
  const added = await page.evaluate(() => {
    const widget = document.getElementById('pg');
    const { train } = widget.layout;
    const last = train.x.length - 1;
    return { state: widget.state.added, x: train.x[last], y: train.y[last], label: train.label[last], hash: location.hash };
  });
  assert.equal(added.state.length, 1);
  assert.equal(added.label, 1);
  assert.equal(added.x, added.state[0][0]);
  assert.equal(added.y, added.state[0][1]);
  assert.ok(Math.abs(added.x) < 0.3 && Math.abs(added.y) < 0.3, `near the centre: ${added.x}, ${added.y}`);
  assert.ok(added.hash.includes('pg.added='), added.hash);
  await page.locator('#pg button', { hasText: 'Remove added points' }).click();
  await page.waitForFunction((n) => document.getElementById('pg').layout.train.x.length === n, before);
  await page.evaluate(() => document.getElementById('pg').setAttribute('added', '0,0,7'));
  await page.waitForFunction(() => /has class 7/.test(document.getElementById('pg').shadowRoot.querySelector('[data-role=error]').textContent));
  assert.deepEqual(problems, []);
  await context.close();
});
