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
  const opened = await openPageWithWidget(browser, baseUrl, {
    tag: 'descent-playground',
    id: 'pg',
    attributes,
    ...options,
  });
  // Built (or, for bad settings, its error shown): the core answered once.
  await opened.page.waitForFunction(
    () => {
      const widget = document.getElementById('pg');
      return Boolean(widget?.state) && !widget.updateQueued && widget.drawn;
    },
    null,
    { timeout: 30000 },
  );
  return opened;
}

const text = (page, role) => page.locator(`#pg [data-role=${role}]`).textContent();
const plotPixels = (page) =>
  page.evaluate(() => document.getElementById('pg').shadowRoot.querySelector('[data-role=plot]').toDataURL());

for (const [index, [kind]] of siteUrls('http://x', 'embed-example.html').entries()) {
  test(`Play trains, the field redraws and the accuracy is the core's (${kind})`, async () => {
    const { page, context, problems } = await openWidget(
      { dataset: 'xor', features: 'x1,x2,x1_times_x2' },
      { url: index },
    );
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
      return {
        epoch: widget.epoch,
        mine: widget.frame.accuracy.test,
        core: frame.accuracy.test,
        loss: frame.trainLoss[frame.epoch - 1],
      };
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
  for (const part of [
    'pg.dataset=multiblobs',
    'pg.layers=6%2C5%2C3',
    'pg.features=x1%2Cx2%2Cx1_squared',
    'pg.optimizer=adam',
  ])
    assert.ok(hash.includes(part), hash);
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
  const { page, context, problems } = await openWidget({
    layers: '4,x',
    optimizer: 'warp',
    dataset: 'multiblobs',
    loss: 'binary_cross_entropy',
  });
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
  const { page, context, problems } = await openWidget(
    { hide: 'optimizer,advanced,export' },
    { viewport: { width: 360, height: 740 } },
  );
  assert.equal(await page.locator('#pg').getByLabel('Optimizer').isVisible(), false);
  assert.equal(await page.locator('#pg [data-role=export]').isVisible(), false);
  assert.equal(await page.locator('#pg').getByLabel('Activation').isVisible(), true);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
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
    return {
      state: widget.state.added,
      x: train.x[last],
      y: train.y[last],
      label: train.label[last],
      hash: location.hash,
    };
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
  await page.waitForFunction(() =>
    /has class 7/.test(document.getElementById('pg').shadowRoot.querySelector('[data-role=error]').textContent),
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('a pasted CSV becomes the data set; a bad one is explained and the widget keeps working', async () => {
  const { page, context, problems } = await openWidget({ 'sync-url': '' });
  const shadow = page.locator('#pg');
  await shadow.locator('summary', { hasText: 'import a CSV' }).click();
  const before = await plotPixels(page);
  let csv = 'u,v,label\n';
  for (let i = 0; i < 30; i++)
    csv += `${((i * 7) % 11) / 5 - 1},${((i * 5) % 13) / 6 - 1},${(i * 7) % 11 < 5 ? 0 : 1}\n`;
  // Three feature columns: the core's message, nothing changes.
  await shadow.getByLabel('CSV text').fill('a,b,c,y\n1,2,3,0\n1,2,3,1\n1,2,3,0\n1,2,3,1\n');
  await shadow.locator('button', { hasText: 'Use this CSV' }).click();
  assert.equal(
    await text(page, 'csv-message'),
    "CSV: the CSV has 3 feature columns (a, b, c) besides the class column 'y': the playground needs exactly 2 (x₁, x₂), with the class column last",
  );
  await shadow.getByLabel('CSV text').fill('u,v,label\n1,2,0\n1,oops,1\n');
  await shadow.locator('button', { hasText: 'Use this CSV' }).click();
  assert.equal(await text(page, 'csv-message'), "CSV: line 3, column 'v': 'oops' is not a number");
  assert.equal(await page.evaluate(() => document.getElementById('pg').config.dataset), 'circle');
  // A good one: 30 points, half of them test points, and the field is the core's for them.
  await shadow.getByLabel('CSV text').fill(csv);
  await shadow.locator('button', { hasText: 'Use this CSV' }).click();
  await page.waitForFunction(() => document.getElementById('pg').config.dataset === 'csv');
  assert.match(await text(page, 'csv-message'), /^Imported 30 points, 2 classes \(u, v → label\)/);
  const layout = await page.evaluate(() => {
    const { layout } = document.getElementById('pg');
    return { points: layout.train.x.length + layout.test.x.length, train: layout.train.x.length };
  });
  assert.deepEqual(layout, { points: 30, train: 15 });
  const imported = await plotPixels(page);
  assert.notEqual(imported, before, 'the field and points redraw');
  await shadow.locator('button', { hasText: 'Step' }).click();
  await page.waitForFunction(() => document.getElementById('pg').epoch === 1);
  assert.notEqual(await plotPixels(page), imported, 'the field redraws after training');
  assert.ok((await page.evaluate(() => location.hash)).includes('pg.dataset=csv'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('click a link, type a weight, Enter: the core sets it and the unit pictures redraw', async () => {
  const { page, context, problems } = await openWidget({});
  const network = page.locator('#pg [data-role=network]');
  await network.scrollIntoViewIfNeeded();
  // The middle of the link x1 → layer 1 neuron 1 (from the widget's own geometry).
  const point = await page.evaluate(() => {
    const widget = document.getElementById('pg');
    const [from, to] = [widget.geometry.units[0], widget.geometry.units[2]];
    return { x: (from.x + from.size + to.x) / 2, y: (from.y + to.y + from.size) / 2 };
  });
  const networkPixels = () =>
    page.evaluate(() => document.getElementById('pg').shadowRoot.querySelector('[data-role=network]').toDataURL());
  await network.click({ position: point });
  const input = page.locator('#pg [data-role=weight-input]');
  await input.waitFor({ state: 'visible' });
  assert.equal(await text(page, 'weight-name'), 'Weight x₁ → layer 1 neuron 1');
  const shown = await page.evaluate(() => document.getElementById('pg').frame.parameters[0]);
  assert.equal(Number(await input.inputValue()), Number(shown.toPrecision(4)));
  const pictures = await networkPixels();
  const field = await plotPixels(page);
  await input.fill('abc');
  await input.press('Enter');
  assert.equal(await text(page, 'weight-message'), '“abc” is not a number');
  await input.fill('250');
  await input.press('Enter');
  assert.equal(await text(page, 'weight-message'), 'a weight or bias must be a number between -100 and 100');
  assert.equal(await page.evaluate(() => document.getElementById('pg').frame.parameters[0]), shown);
  await input.fill('-4.5');
  await input.press('Enter');
  await page.waitForFunction(() => document.getElementById('pg').frame.parameters[0] === -4.5);
  assert.equal(await text(page, 'weight-message'), '');
  assert.notEqual(await networkPixels(), pictures, 'the unit pictures and links redraw');
  assert.notEqual(await plotPixels(page), field, 'the decision field redraws');
  // The core agrees, and training goes on from the edited weight.
  assert.equal(await page.evaluate(() => document.getElementById('pg').playground.linkParameter(0, 0, 0).value), -4.5);
  await page.locator('#pg button', { hasText: 'Step' }).click();
  await page.waitForFunction(() => document.getElementById('pg').epoch === 1);
  assert.notEqual(await page.evaluate(() => document.getElementById('pg').frame.parameters[0]), -4.5);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the weights can be edited from the keyboard: a focused unit, Enter or B, then ‹ › through links and biases', async () => {
  const { page, context, problems } = await openWidget({});
  const network = page.locator('#pg [data-role=network]');
  await network.focus();
  for (let i = 0; i < 3; i++) await network.press('ArrowDown'); // units 0, 1 (features), 2: layer 1 neuron 1
  await network.press('b');
  assert.equal(await text(page, 'weight-name'), 'Bias of layer 1 neuron 1');
  await page.locator('#pg [data-role=weight-input]').press('Escape'); // back to the diagram, no unit focused
  for (let i = 0; i < 3; i++) await network.press('ArrowDown');
  await network.press('Enter');
  assert.equal(await text(page, 'weight-name'), 'Weight x₁ → layer 1 neuron 1');
  assert.equal(
    await page.evaluate(
      () =>
        document.activeElement === document.getElementById('pg') &&
        document.getElementById('pg').shadowRoot.activeElement.dataset.role,
    ),
    'weight-input',
  );
  await page.locator('#pg button[aria-label="Next weight or bias"]').click();
  assert.equal(await text(page, 'weight-name'), 'Weight x₁ → layer 1 neuron 2');
  await page.locator('#pg button[aria-label="Previous weight or bias"]').click();
  await page.locator('#pg button[aria-label="Previous weight or bias"]').click();
  // Before the first parameter comes the last one: the output unit's bias, then its last link.
  assert.equal(await text(page, 'weight-name'), 'Bias of output');
  await page.locator('#pg button[aria-label="Previous weight or bias"]').click();
  assert.equal(await text(page, 'weight-name'), 'Weight layer 2 neuron 2 → output');
  // After layer 1's 2×4 weights, ‹ › reach its 4 biases before layer 2's weights.
  await page.evaluate(() => document.getElementById('pg').editParameter({ kind: 'link', layer: 0, from: 1, to: 3 }));
  await page.locator('#pg button[aria-label="Next weight or bias"]').click();
  assert.equal(await text(page, 'weight-name'), 'Bias of layer 1 neuron 1');
  const input = page.locator('#pg [data-role=weight-input]');
  await input.fill('1.25');
  await input.press('Enter');
  const index = await page.evaluate(() => document.getElementById('pg').playground.biasParameter(0, 0).index);
  assert.equal(index, 8);
  assert.equal(await page.evaluate((i) => document.getElementById('pg').frame.parameters[i], index), 1.25);
  await input.press('Escape');
  assert.equal(await page.locator('#pg [data-role=weight-editor]').isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a CSV file chosen from disk is read in the page (FileReader) and used, from file:// too', async () => {
  const { page, context, problems } = await openWidget({}, { url: 0 });
  assert.ok(page.url().startsWith('file://'), page.url());
  await page.locator('#pg summary', { hasText: 'import a CSV' }).click();
  const rows = ['x1,x2,class', '0,0,0', '0,1,1', '1,0,1', '1,1,0', '0.1,0.1,0', '0.1,0.9,1', '0.9,0.1,1', '0.9,0.9,0'];
  await page
    .locator('#pg [data-role=csv-file]')
    .setInputFiles({ name: 'xor.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\r\n')}\r\n`) });
  await page.waitForFunction(() => document.getElementById('pg').config?.dataset === 'csv');
  assert.equal(await text(page, 'csv-message'), 'Imported 8 points, 2 classes (x1, x2 → class).');
  // The file's text lands in the text box (which turns \r\n into \n, as HTML text areas do).
  assert.equal(await page.locator('#pg [data-role=csv-text]').inputValue(), `${rows.join('\n')}\n`);
  const counts = await page.evaluate(() => {
    const { layout } = document.getElementById('pg');
    return [layout.train.x.length, layout.test.x.length];
  });
  assert.deepEqual(counts, [4, 4]);
  assert.deepEqual(problems, []);
  await context.close();
});

// Where to click the diagram, from the widget's own geometry: a bias marker sits on its unit's
// lower left corner; a link's middle lies halfway between the facing edges of its two units.
const biasMarkerPoint = (page, unit) =>
  page.evaluate((u) => {
    const { x, y, size } = document.getElementById('pg').geometry.units[u];
    return { x, y: y + size };
  }, unit);
const linkMiddle = (page, fromUnit, toUnit) =>
  page.evaluate(
    ([a, b]) => {
      const [from, to] = [
        document.getElementById('pg').geometry.units[a],
        document.getElementById('pg').geometry.units[b],
      ];
      return { x: (from.x + from.size + to.x) / 2, y: (from.y + to.y + from.size) / 2 };
    },
    [fromUnit, toUnit],
  );
const parameterAt = (page, index) => page.evaluate((i) => document.getElementById('pg').frame.parameters[i], index);

test('click a bias marker, type a value, Enter: the core sets that bias and the field redraws', async () => {
  const { page, context, problems } = await openWidget({});
  const network = page.locator('#pg [data-role=network]');
  await network.scrollIntoViewIfNeeded();
  // Units: 2 features, layer 1's 4, layer 2's 2, the output: unit 7 is layer 2 neuron 2.
  await network.click({ position: await biasMarkerPoint(page, 7) });
  const input = page.locator('#pg [data-role=weight-input]');
  await input.waitFor({ state: 'visible' });
  assert.equal(await text(page, 'weight-name'), 'Bias of layer 2 neuron 2');
  const index = await page.evaluate(() => document.getElementById('pg').playground.biasParameter(1, 1).index);
  assert.equal(Number(await input.inputValue()), await parameterAt(page, index));
  const field = await plotPixels(page);
  await input.fill('1e3');
  await input.press('Enter');
  assert.equal(await text(page, 'weight-message'), 'a weight or bias must be a number between -100 and 100');
  await input.fill('two');
  await input.press('Enter');
  assert.equal(await text(page, 'weight-message'), '“two” is not a number');
  assert.equal(await parameterAt(page, index), 0, 'biases start at 0 and the bad values left it');
  await input.fill('2.5');
  await input.press('Enter');
  assert.equal(await text(page, 'weight-message'), '');
  assert.equal(await parameterAt(page, index), 2.5);
  assert.notEqual(await plotPixels(page), field, 'the decision field redraws');
  // The output unit's bias too.
  await network.click({ position: await biasMarkerPoint(page, 8) });
  assert.equal(await text(page, 'weight-name'), 'Bias of output');
  await input.fill('-3');
  await input.press('Enter');
  assert.equal(await page.evaluate(() => document.getElementById('pg').playground.biasParameter(2, 0).value), -3);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the output column: click a link into the output unit, set its weight, the field redraws', async () => {
  const { page, context, problems } = await openWidget({});
  const network = page.locator('#pg [data-role=network]');
  await network.scrollIntoViewIfNeeded();
  assert.deepEqual(await page.evaluate(() => document.getElementById('pg').geometry.columns), [2, 4, 2, 1]);
  await network.click({ position: await linkMiddle(page, 6, 8) }); // layer 2 neuron 1 → output
  const input = page.locator('#pg [data-role=weight-input]');
  await input.waitFor({ state: 'visible' });
  assert.equal(await text(page, 'weight-name'), 'Weight layer 2 neuron 1 → output');
  const index = await page.evaluate(() => document.getElementById('pg').playground.linkParameter(2, 0, 0).index);
  assert.equal(index, 22);
  const field = await plotPixels(page);
  await input.fill('-5');
  await input.press('Enter');
  assert.equal(await parameterAt(page, index), -5);
  assert.notEqual(await plotPixels(page), field, 'the decision field redraws');
  // Three classes: one output unit per class, named by class.
  await page.evaluate(() => document.getElementById('pg').setAttribute('dataset', 'multiblobs'));
  await page.waitForFunction(() => document.getElementById('pg').layout.classCount === 3);
  assert.deepEqual(await page.evaluate(() => document.getElementById('pg').geometry.columns), [2, 4, 2, 3]);
  await network.click({ position: await biasMarkerPoint(page, 10) });
  assert.equal(await text(page, 'weight-name'), 'Bias of output class 2');
  await network.click({ position: await linkMiddle(page, 7, 10) }); // bottom to bottom: no link crosses its middle
  assert.equal(await text(page, 'weight-name'), 'Weight layer 2 neuron 2 → output class 2');
  assert.deepEqual(problems, []);
  await context.close();
});
