// <descent-architectures> in Chromium: the totals it shows are the published figures (read from
// its DOM: the readout and the table's last row), the table's rows add up to them, the compare
// box, the charts and the keyboard, the URL state, bad attributes, and a 360 px phone.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, openPageWithWidget, waitForResult } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

async function openWidget(attributes = {}, options = {}) {
  const opened = await openPageWithWidget(browser, baseUrl, {
    tag: 'descent-architectures',
    id: 'arch',
    attributes,
    ...options,
  });
  await settled(opened.page);
  return opened;
}

const settled = (page) => waitForResult(page, 'arch');

const text = (page, role) => page.locator(`#arch [data-role=${role}]`).textContent();
const picture = (page, role) => page.locator(`#arch [data-role=${role}]`).evaluate((canvas) => canvas.toDataURL());
const count = (shown) => Number(shown.replace(/,/g, ''));

// What the table shows: every row's parameters and multiply-adds, and the totals row.
const tableNumbers = (page) =>
  page.locator('#arch').evaluate((widget) => {
    const table = widget.shadowRoot.querySelector('[data-role=table]');
    const column = (selector) => [...table.querySelectorAll(selector)].map((cell) => cell.textContent);
    return {
      parameters: column('tbody td.parameters'),
      multiplyAdds: column('tbody td.multiply-adds'),
      totalParameters: table.querySelector('tfoot td.total-parameters').textContent,
      totalMultiplyAdds: table.querySelector('tfoot td.total-multiply-adds').textContent,
    };
  });

const setAttributes = async (page, attributes) => {
  await page.locator('#arch').evaluate((widget, attributes) => {
    for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
  }, attributes);
  await settled(page);
};

// The papers' and torchvision's parameter counts (LeNet-5's from the seeds' layer-by-layer sum).
const PUBLISHED = [
  ['vgg16', 'VGG-16', '138,357,544'],
  ['resnet50', 'ResNet-50', '25,557,032'],
  ['resnet18', 'ResNet-18', '11,689,512'],
  ['alexnet', 'AlexNet', '61,100,840'],
  ['mobilenet', 'MobileNet v1', '4,231,976'],
  ['lenet5', 'LeNet-5', '61,706'],
];

for (const [index, origin] of [
  [0, 'file://'],
  [1, 'http://127.0.0.1'],
]) {
  test(`from ${origin}: the totals shown are the published figures, and the rows add up to them`, async () => {
    const { page, context, problems } = await openWidget({}, { url: index });
    for (const [id, name, parameters] of PUBLISHED) {
      await setAttributes(page, { network: id });
      const readout = await text(page, 'readout');
      assert.ok(readout.startsWith(`${name}: `), `${id}: ${readout}`);
      assert.ok(readout.includes(`| ${parameters} parameters (`), `${id}: ${readout}`);
      const shown = await tableNumbers(page);
      assert.equal(shown.totalParameters, parameters, `${id}: the table's total`);
      const rows = shown.parameters.map(count);
      assert.ok(rows.length > 5, `${id}: ${rows.length} rows`);
      assert.equal(
        rows.reduce((sum, value) => sum + value, 0),
        count(parameters),
        `${id}: rows' parameters`,
      );
      assert.equal(
        shown.multiplyAdds.map(count).reduce((sum, value) => sum + value, 0),
        count(shown.totalMultiplyAdds),
        `${id}: rows' multiply-adds`,
      );
      assert.ok(readout.includes(`| ${shown.totalMultiplyAdds} multiply-adds (`), `${id}: ${readout}`);
    }
    // MobileNet v1's ≈ 569 M multiply-adds (the paper: 569 million).
    await setAttributes(page, { network: 'mobilenet' });
    assert.match(await text(page, 'readout'), /\| 568,740,352 multiply-adds \(568\.7 M\)$/);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("the picked layer: VGG-16's fc6 holds three quarters of its parameters, conv1_2 sees 5×5", async () => {
  const { page, context, problems } = await openWidget();
  // By default the layer with the most parameters.
  assert.equal(
    await text(page, 'status'),
    'Layer 19, fc6 (dense) → 4096×1×1: 102,764,544 parameters (74.3%), 102,760,448 multiply-adds (0.7%), receptive field 404×404 pixels, jump 32',
  );
  assert.equal(await page.locator('#arch tr.picked td.name').textContent(), 'fc6');
  // Picked by name (the table's), by a click on a row, and by the keyboard on a chart.
  await setAttributes(page, { layer: 'conv1_2' });
  assert.match(
    await text(page, 'status'),
    /^Layer 2, conv1_2 \(conv\) → 64×224×224: 36,928 parameters .* receptive field 5×5 pixels, jump 1$/,
  );
  await page.locator('#arch tbody tr[data-index="0"]').click();
  await settled(page);
  assert.equal(await page.locator('#arch').getAttribute('layer'), 'conv1_1');
  const chart = page.locator('#arch canvas[data-role=macs]');
  await chart.focus();
  await page.keyboard.press('ArrowRight');
  await settled(page);
  assert.equal(await page.locator('#arch').getAttribute('layer'), 'conv1_2');
  await page.keyboard.press('End');
  await settled(page);
  assert.equal(await page.locator('#arch').getAttribute('layer'), 'fc8');
  // The layer select, from the keyboard too.
  const select = page.locator('#arch select[name=layer]');
  await select.selectOption('pool5');
  await settled(page);
  assert.match(await text(page, 'status'), /^Layer 18, pool5 \(maxpool\) → 512×7×7: 0 parameters/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('compare mode shows both totals side by side, and the controls change the pictures', async () => {
  const { page, context, problems } = await openWidget({ network: 'vgg16', compare: 'resnet50' });
  const readout = await text(page, 'readout');
  assert.ok(
    readout.endsWith(
      '| ResNet-50: 25,557,032 parameters, 4,089,184,256 multiply-adds | ratio 5.41× the parameters, 3.78× the multiply-adds',
    ),
    readout,
  );
  const compare = await page
    .locator('#arch [data-role=compare]')
    .evaluate((box) => [...box.querySelectorAll('tr')].map((row) => [...row.cells].map((cell) => cell.textContent)));
  assert.deepEqual(compare[0], ['Totals', 'VGG-16', 'ResNet-50', 'ratio']);
  assert.deepEqual(compare[1], ['Parameters', '138,357,544', '25,557,032', '5.41×']);
  assert.deepEqual(compare[2], ['Multiply-adds', '15,470,264,320', '4,089,184,256', '3.78×']);
  // The selects: another network (the picked layer resets), the scale, no comparison.
  const change = async (role, action) => {
    const before = await picture(page, role);
    await action();
    await settled(page);
    assert.notEqual(await picture(page, role), before, `${role} did not change`);
  };
  await change('plot', () => page.locator('#arch select[name=scale]').selectOption('log'));
  await change('macs', () => page.locator('#arch select[name=network]').selectOption('googlenet'));
  assert.match(await text(page, 'readout'), /^GoogLeNet \/ Inception v1: 81 layers \| 6,998,552 parameters/);
  await page.locator('#arch select[name=compare]').selectOption('none');
  await settled(page);
  assert.equal(await page.locator('#arch [data-role=compare]').isHidden(), true);
  assert.doesNotMatch(await text(page, 'readout'), /ratio/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the state round-trips through the URL', async () => {
  const { page, context, problems } = await openWidget(
    { 'sync-url': '' },
    { hash: '#arch.network=resnet18&arch.layer=layer4.1.conv2&arch.scale=log' },
  );
  assert.equal(await page.locator('#arch').getAttribute('network'), 'resnet18');
  assert.match(await text(page, 'status'), /^Layer 28, layer4\.1\.conv2 \(conv\+bn\) → 512×7×7: 2,360,320 parameters/);
  await page.locator('#arch select[name=compare]').selectOption('mobilenet');
  await settled(page);
  assert.match(await page.evaluate(() => location.hash), /arch\.compare=mobilenet/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad attribute gives a short message and the widget stays usable', async () => {
  const { page, context, problems } = await openWidget({ network: 'vgg99', scale: 'cubic', layer: 'no such!' });
  const errors = await text(page, 'error');
  assert.match(errors, /network: "vgg99" is not one of lenet5, alexnet, vgg16/);
  assert.match(errors, /scale: "cubic" is not one of linear, log/);
  assert.match(errors, /layer: "no such!" is not a layer name/);
  assert.ok(
    errors.split('\n').every((line) => line.length < 160),
    errors,
  );
  assert.match(await text(page, 'readout'), /^VGG-16: 21 layers \| 138,357,544 parameters/); // the default
  // A well-formed name the network does not have.
  await setAttributes(page, { network: 'lenet5', scale: 'log', layer: 'fc6' });
  assert.equal(await text(page, 'error'), 'layer: "fc6" is not a layer of LeNet-5; picking the largest instead');
  assert.match(await text(page, 'status'), /^Layer 5, C5 \(conv\) → 120×1×1: 48,120 parameters/);
  await setAttributes(page, { layer: 'C1' });
  assert.equal(await text(page, 'error'), '');
  assert.match(
    await text(page, 'status'),
    /^Layer 1, C1 \(conv\) → 6×28×28: 156 parameters .* receptive field 5×5 pixels/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('fits a 360 px phone: the page does not scroll sideways, the table scrolls in its box', async () => {
  const { page, context, problems } = await openWidget(
    { network: 'resnet50', compare: 'alexnet' },
    { viewport: { width: 360, height: 740 } },
  );
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `page scrolls sideways to ${overflow}px`);
  const box = await page.locator('#arch [data-role=table-box]').evaluate((element) => ({
    scrolls: element.scrollWidth > element.clientWidth,
    focusable: element.tabIndex === 0,
  }));
  assert.deepEqual(box, { scrolls: true, focusable: true });
  assert.equal(await page.locator('#arch [data-role=scroll-hint]').isVisible(), true);
  assert.deepEqual(problems, []);
  await context.close();
});
