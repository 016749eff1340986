// <descent-conv> in Chromium: the feature maps and every written-out sum are the core's, the
// window slides step by step, hovering and the arrow keys pick cells, clicking traces a cell's
// gradient (max pooling to one arg-max, average pooling to the whole window), digits load from
// data/digits.js from file:// and http, drawing and the kernel editor write attributes, bad input
// is reported without breaking the widget, and the phone layout does not overflow.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, openPageWithWidget, waitForResult } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

async function openWidget(attributes = {}, options = {}) {
  const opened = await openPageWithWidget(browser, baseUrl, {
    tag: 'descent-conv',
    id: 'conv',
    attributes,
    ...options,
  });
  await settled(opened.page);
  return opened;
}

const settled = (page) => waitForResult(page, 'conv');

async function setAttributes(page, attributes) {
  await page.evaluate((values) => {
    const widget = document.getElementById('conv');
    for (const [name, value] of Object.entries(values)) widget.setAttribute(name, value);
  }, attributes);
  await page.waitForFunction(() => !document.getElementById('conv').updateQueued);
  await settled(page);
}

const text = (page, role) => page.locator(`#conv [data-role=${role}]`).textContent();

// The terms of the written-out sum, parsed back: [[input, weight], …] and the total.
function parseSum(readout) {
  const match = /z = (.*) = (−?[\d.]+)/.exec(readout);
  const number = (s) => Number(s.replace(/[()]/g, '').replace('−', '-'));
  const terms = match[1].split(' + ').map((term) => term.split('·').map(number));
  return { terms, total: number(match[2]) };
}

for (const [index, origin] of [
  [0, 'file://'],
  [1, 'http://127.0.0.1'],
]) {
  test(`from ${origin}: a Sobel kernel on a vertical bar, the sums and maps the core's`, async () => {
    const { page, context, problems } = await openWidget(
      { image: 'vertical-bar', kernels: 'sobel-x', cell: '7,4' },
      { url: index },
    );
    assert.match(
      await text(page, 'shapes'),
      /^1×16×16 → conv 1@3×3 → 1×14×14 \| 9 weights, 1,764 multiply-adds \| W_out = ⌊\(16 \+ 2·0 − 1·\(3 − 1\) − 1\)\/1⌋ \+ 1 = 14$/,
    );
    const readout = await text(page, 'readout');
    assert.match(readout, /^Filter 1 at \(7, 4\): z = /);
    // The left edge of the bar: brightness rises to the right, Sobel x answers positively.
    const { terms, total } = parseSum(readout);
    assert.equal(terms.length, 9);
    const added = terms.reduce((sum, [input, weight]) => sum + input * weight, 0);
    assert.ok(Math.abs(added - total) < 0.01, `${added} vs ${total}`);
    assert.ok(total > 1, readout);
    // The shown maps are a second core's, bit for bit.
    const same = await page.evaluate(async () => {
      const widget = document.getElementById('conv');
      const core = await createDescentCore();
      const image = core.proceduralImage({ shape: 'vertical-bar', size: 16, jitter: 0, noise: 0, seed: 1 }).pixels;
      const again = core.exploreConvolution({
        channels: 1,
        height: 16,
        width: 16,
        image,
        filters: 1,
        convolution: { kernel: 3 },
        kernels: [-1, 0, 1, -2, 0, 2, -1, 0, 1],
      });
      return again.featureMaps.every((value, i) => value === widget.run.conv.featureMaps[i]);
    });
    assert.ok(same);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the window slides one position per step, and hovering or the arrow keys pick a cell', async () => {
  const { page, context, problems } = await openWidget({ image: 'cross', kernels: 'box-blur' });
  await page.locator('#conv').getByRole('button', { name: 'Reset' }).click();
  assert.match(await text(page, 'readout'), /^Filter 1 at \(0, 0\): z = /);
  await page.locator('#conv').getByRole('button', { name: 'Step', exact: true }).click();
  assert.match(await text(page, 'readout'), /^Filter 1 at \(0, 1\): z = /);
  assert.match(await text(page, 'transport'), /step 1 \/ 195/);
  // Scrub: position 20 of a 14-wide map is row 1, column 6.
  await page.locator('#conv [data-role=position]').fill('20');
  assert.match(await text(page, 'readout'), /^Filter 1 at \(1, 6\): z = /);
  // Hover the middle of the map: that cell is explained, the whole map shown.
  const maps = page.locator('#conv canvas.maps').first();
  await maps.scrollIntoViewIfNeeded();
  const point = await page.evaluate(() => {
    const widget = document.getElementById('conv');
    const rect = widget.parts.maps.getBoundingClientRect();
    const { areas, cellSize } = widget.mapsLayout;
    return { x: rect.left + areas[0].left + cellSize * 5.5, y: rect.top + areas[0].top + cellSize * 3.5 };
  });
  await page.mouse.move(point.x, point.y);
  assert.match(await text(page, 'readout'), /^Filter 1 at \(3, 5\): z = /);
  assert.match(await text(page, 'transport'), /step 195 \/ 195/);
  // Click: the cell is chosen and traced; arrow keys move the chosen cell.
  await page.mouse.click(point.x, point.y);
  await settled(page);
  assert.equal(await page.locator('#conv').getAttribute('cell'), '3,5');
  assert.equal(await page.locator('#conv').getAttribute('trace'), '3,5');
  await page.mouse.move(0, 0);
  await maps.focus();
  await page.keyboard.press('ArrowDown');
  await settled(page);
  assert.equal(await page.locator('#conv').getAttribute('cell'), '4,5');
  assert.match(await text(page, 'readout'), /^Filter 1 at \(4, 5\): z = /);
  assert.deepEqual(problems, []);
  await context.close();
});

test('max pooling sends a gradient to one cell, average pooling to its whole window', async () => {
  const { page, context, problems } = await openWidget({
    image: 'square',
    kernels: 'identity',
    pool: 'max',
    trace: '2,2',
  });
  assert.match(
    await text(page, 'gradient-status'),
    /^Cell \(2, 2\) of pooled map 1: 1 of 196 feature-map cells and 1 of 256 input pixels get a non-zero gradient \(max pooling/,
  );
  // The traced cell's value, with the window it pooled (the core's maps and pooled output).
  assert.match(await text(page, 'gradient-status'), /\. Its value: max\((−?[\d.]+, ){3}−?[\d.]+\) = −?[\d.]+$/);
  await setAttributes(page, { pool: 'average' });
  assert.match(
    await text(page, 'gradient-status'),
    /: 4 of 196 feature-map cells and 4 of 256 input pixels .*average pooling/,
  );
  assert.match(await text(page, 'gradient-status'), /\. Its value: mean\(/);
  // ReLU passes nothing back where z ≤ 0: a blank corner of the image traces to nothing.
  await setAttributes(page, { pool: 'none', activation: 'relu', kernels: 'laplacian', trace: '0,0' });
  assert.match(await text(page, 'gradient-status'), /: 0 of 196 feature-map cells and 0 of 256 input pixels/);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [index, origin] of [
  [0, 'file://'],
  [1, 'http://127.0.0.1'],
]) {
  test(`from ${origin}: a handwritten digit loads from data/digits.js`, async () => {
    const { page, context, problems } = await openWidget(
      { image: 'digit', digit: '0', kernels: 'sobel-y' },
      { url: index },
    );
    assert.match(await text(page, 'input-hint'), /^1×28×28, labelled \d$/);
    assert.match(await text(page, 'shapes'), /^1×28×28 → conv 1@3×3 → 1×26×26/);
    // The widget's picture is test digit 0 of the shared loader, pixel for pixel.
    const same = await page.evaluate(async () => {
      const digits = await window.Descent.loadDigits();
      const shown = document.getElementById('conv').run.image.pixels;
      return shown.every((value, i) => value === Math.fround(digits.test.pixels[i] / 255));
    });
    assert.ok(same);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('drawing on the input and editing a kernel write attributes the core then uses', async () => {
  const { page, context, problems } = await openWidget({
    image: 'drawing',
    pixels: `8:${'0'.repeat(64)}`,
    kernels: 'identity',
  });
  const input = page.locator('#conv canvas.input');
  await input.scrollIntoViewIfNeeded();
  const box = await input.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 10, box.y + box.height / 2, { steps: 3 });
  await page.mouse.up();
  await settled(page);
  const pixels = await page.locator('#conv').getAttribute('pixels');
  assert.match(pixels, /^8:[0-9a-f]{64}$/);
  assert.ok(/f/.test(pixels), pixels);
  // The identity kernel copies the drawing: the map holds the drawn levels / 15.
  const copied = await page.evaluate(() => {
    const widget = document.getElementById('conv');
    const maps = widget.run.conv.featureMaps;
    return maps.some((value) => value === 1);
  });
  assert.ok(copied);
  // Keyboard: focus the picture, move the pen to the corner and paint.
  await input.focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowUp');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Space');
  await settled(page);
  assert.equal((await page.locator('#conv').getAttribute('pixels')).slice(2, 3), 'f');
  // Typing a weight turns the kernel into numbers.
  await page.locator('#conv .kernel-grid input').nth(4).fill('2');
  await page.locator('#conv .kernel-grid input').nth(4).press('Enter');
  await settled(page);
  assert.equal(await page.locator('#conv').getAttribute('kernels'), '0 0 0 0 2 0 0 0 0');
  assert.match(await text(page, 'readout'), /·2 \+/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad input gets a short message and leaves the widget working', async () => {
  const { page, context, problems } = await openWidget();
  await setAttributes(page, { kernels: '1 2 3' });
  assert.equal(await text(page, 'error'), 'kernel 1 has 3 numbers; a 3×3 kernel needs 9');
  // Pooling chosen while the kernel is bad: the last good result (no pooling) is drawn as it was.
  await setAttributes(page, { pool: 'max' });
  assert.match(await text(page, 'shapes'), /^1×16×16 → conv 2@3×3 → 2×14×14 \| 18 weights/);
  assert.match(await text(page, 'gradient-status'), /^Cell \(7, 7\) of feature map 1: .* Its value: z = /);
  await setAttributes(page, { pool: 'none' });
  await setAttributes(page, { kernels: 'blurry' });
  assert.match(await text(page, 'error'), /^kernels: "blurry" is not a preset/);
  await setAttributes(page, { kernels: 'sobel-x', kernel: '5' });
  assert.equal(await text(page, 'error'), 'the sobel-x kernel is 3×3 only');
  await setAttributes(page, { image: 'colour-scene', kernel: '3', kernels: 'sobel-x;sobel-y', depthwise: 'true' });
  assert.match(await text(page, 'error'), /needs a multiple of 3 kernels/);
  await setAttributes(page, { kernels: 'sobel-x;sobel-y;laplacian' });
  assert.equal(await text(page, 'error'), '');
  assert.match(await text(page, 'shapes'), /^3×16×16 → conv 3@3×3, groups 3 → 3×14×14 \| 27 weights/);
  await setAttributes(page, { padding: 'lots', field: 'dense3' });
  assert.match(await text(page, 'error'), /padding: expected valid, same or a whole number/);
  assert.match(await text(page, 'error'), /field: "dense3" is not a layer/);
  await setAttributes(page, { padding: '1', field: 'conv9' });
  assert.equal(await text(page, 'error'), 'layer 1: kernel size must be at most 7');
  await setAttributes(page, { padding: 'same', field: 'conv7, conv7, conv7' });
  assert.match(await text(page, 'error'), /layer 3: its window does not fit/);
  // The field shown is still the last good stack's, named as such.
  assert.match(await text(page, 'field-status'), /^conv3, conv3: /);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the receptive field grows through the stack and the costs are the seed's", async () => {
  const { page, context, problems } = await openWidget({ field: 'conv3, pool2, conv3', size: '28' });
  assert.match(
    await text(page, 'field-status'),
    /^conv3, pool2, conv3: output 11×11, field 8×8 pixels, jump 2; cell \(5, 5\) sees rows 10–17, columns 10–17: 64 pixels/,
  );
  const costs = await text(page, 'costs');
  for (const figure of ['1,179,648', '16,384', '294,912', '311,296', '3.79×', '8.84×'])
    assert.ok(costs.includes(figure), figure);
  assert.equal(
    await text(page, 'cost-status'),
    'Standard 3×3: 1,179,648 weights, 924,844,032 multiply-adds | depthwise separable: 133,376 weights, 8.84× cheaper | bottleneck through 64: 311,296 weights, 3.79× cheaper',
  );
  // A lesson's experiments read a widget's readout, status and finish-board: the shapes line and
  // the backward, field and cost lines are among them.
  const shown = await page
    .locator('#conv')
    .evaluate((widget) =>
      ['readout', 'status', 'finish-board']
        .map((role) => widget.shadowRoot.querySelector(`[data-role=${role}]`).textContent)
        .join(' '),
    );
  for (const role of ['shapes', 'gradient-status', 'field-status', 'cost-status'])
    assert.ok(shown.includes(await text(page, role)), role);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a 360 px phone nothing overflows the widget', async () => {
  const { page, context, problems } = await openWidget(
    { image: 'colour-scene', pool: 'max' },
    { viewport: { width: 360, height: 740 } },
  );
  const overflow = await page.evaluate(() => {
    const widget = document.getElementById('conv');
    const limit = widget.getBoundingClientRect().right + 1;
    return [...widget.shadowRoot.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > limit && !element.closest('.table-scroll'))
      .map((element) => element.className || element.tagName);
  });
  assert.deepEqual(overflow, []);
  assert.deepEqual(problems, []);
  await context.close();
});
