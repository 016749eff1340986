// <descent-cnn>'s transfer-learning panel in Chromium: pre-training on digits 0–4 and the runs on a
// few examples of 5–9 (from scratch, random conv blocks frozen, pre-trained with 0, 1, 2 blocks
// frozen) show the test accuracies the core computes — the numbers of tests/wasm/cnn-transfer-job.test.js,
// which drives the same TransferJob in node — and the same again for the same seed; Cancel stops the
// runs and frees their sessions, so does removing the widget; a bad attribute is refused with a
// message and the panel still runs; the button works from the keyboard.
//
//   node --test --test-concurrency=1 tests/e2e/cnn-transfer.test.js
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, openPageWithWidget, waitForSettled } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

async function openWidget(attributes = {}, options = {}) {
  const opened = await openPageWithWidget(browser, baseUrl, { tag: 'descent-cnn', id: 'cnn', attributes, ...options });
  await opened.page.waitForFunction(
    () => Boolean(document.getElementById('cnn')?.run) && document.getElementById('cnn').drawn,
    null,
    { timeout: 60000 },
  );
  await waitForSettled(opened.page, '#cnn');
  return opened;
}

const text = (page, role) => page.locator(`#cnn [data-role=${role}]`).textContent();
const table = (page) =>
  page.evaluate(() =>
    [...document.getElementById('cnn').parts['transfer-table'].rows].map((row) =>
      [...row.cells].map((cell) => cell.textContent),
    ),
  );
const runButton = (page) => page.locator('#cnn [data-role=transfer-controls]').getByRole('button');

async function runTransfer(page, t) {
  await page.evaluate(() => {
    const { run } = document.getElementById('cnn').transfer;
    run.longestFrameMs = 0;
  });
  await runButton(page).click();
  await page.waitForFunction(() => !document.getElementById('cnn').transfer.run.playing, null, { timeout: 180000 });
  const longest = await page.evaluate(() => document.getElementById('cnn').transfer.run.longestFrameMs);
  t?.diagnostic(`longest transfer frame ${longest.toFixed(1)} ms`);
  return table(page);
}

// Seed 1, the default network, pre-trained 3 epochs on 0–4, 10 examples of each of 5–9, 5 epochs.
const TEN_PER_CLASS = [
  ['run', '10 per class'],
  ['from scratch', '33.8 %'],
  ['random conv blocks, frozen', '33.4 %'],
  ['pre-trained, all fine-tuned', '68.0 %'],
  ['pre-trained, block 1 frozen', '67.4 %'],
  ['pre-trained, all conv blocks frozen', '64.8 %'],
];

test('transfer: pre-trained on 0–4, fine-tuned on 10 examples of 5–9, the core’s accuracies, reproducible', async (t) => {
  const { page, context, problems } = await openWidget({ 'transfer-per-class': '10' });
  assert.match(await text(page, 'transfer-status'), /^Press Run transfer: pre-train on 0-4, then learn 5-9/);
  assert.deepEqual(await runButton(page).textContent(), 'Run transfer');
  assert.deepEqual(await runTransfer(page, t), TEN_PER_CLASS);
  assert.equal(
    await text(page, 'transfer-status'),
    'Pre-trained on 0-4: test accuracy 97.6 % (500 digits). ' +
      '5-9, 10 per class, 5 epochs: from scratch 33.8 %, best pre-trained 68.0 % (pre-trained, all fine-tuned). Done.',
  );
  // The jobs' sessions are all freed once done.
  assert.equal(await page.evaluate(() => document.getElementById('cnn').transfer.run.handle), null);
  // The same seed, the same numbers; the widget's own network is untouched.
  assert.deepEqual(await runTransfer(page), TEN_PER_CLASS);
  assert.match(await text(page, 'status'), /^Untrained/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('transfer: Cancel keeps the finished runs and frees the sessions; keyboard; a bad value is refused', async () => {
  const { page, context, problems } = await openWidget({ 'transfer-per-class': '2,10', 'transfer-epochs': '3' });
  // From the keyboard: focus the button, press Enter; the button becomes Cancel.
  await runButton(page).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('cnn').transfer.view?.results.pretrain, null, {
    timeout: 60000,
  });
  assert.equal(await runButton(page).textContent(), 'Cancel');
  assert.equal(await page.locator('#cnn [data-role=transfer-progress]').isVisible(), true);
  const job = await page.evaluateHandle(() => document.getElementById('cnn').transfer.run.handle);
  await page.keyboard.press('Enter');
  assert.equal(await runButton(page).textContent(), 'Run transfer');
  assert.equal(await job.evaluate((j) => j.isDeleted()), true);
  const status = await text(page, 'transfer-status');
  assert.match(
    status,
    /^Pre-trained on 0-4: test accuracy 97\.6 % \(500 digits\)\. .*Cancelled after \d+ of 10 runs\.$/,
  );
  assert.equal(await page.locator('#cnn [data-role=transfer-progress]').isVisible(), false);
  // A bad value: a short message, the panel keeps its last good setting and still runs.
  await page.evaluate(() => document.getElementById('cnn').setAttribute('transfer-target', '5-12'));
  await waitForSettled(page, '#cnn');
  assert.match(await text(page, 'error'), /transfer-target: give digits 0 to 9 like 0-4 or 5,6,7, got "5-12"/);
  await page.evaluate(() => document.getElementById('cnn').setAttribute('transfer-per-class', '0'));
  await waitForSettled(page, '#cnn');
  assert.match(await text(page, 'error'), /transfer-per-class: give 1 to 5 counts of 1 to 500/);
  await page.evaluate(() => {
    const widget = document.getElementById('cnn');
    widget.setAttribute('transfer-target', '5,6');
    widget.setAttribute('transfer-per-class', '5');
    widget.setAttribute('transfer-pretrain-epochs', '1');
    widget.setAttribute('transfer-epochs', '2');
  });
  await waitForSettled(page, '#cnn');
  assert.equal(await text(page, 'error'), '');
  const rows = await runTransfer(page);
  assert.equal(rows.length, 6);
  assert.ok(
    rows.slice(1).every(([, cell]) => /^\d+\.\d %$/.test(cell)),
    JSON.stringify(rows),
  );
  assert.match(await text(page, 'transfer-status'), /5,6, 5 per class, 2 epochs: from scratch [\d.]+ %/);
  // Removing the widget while the runs go on frees the job's sessions.
  const freed = await page.evaluate(() => {
    const widget = document.getElementById('cnn');
    widget.transfer.start();
    const running = widget.transfer.run.handle;
    widget.remove();
    return running.isDeleted();
  });
  assert.equal(freed, true);
  assert.deepEqual(problems, []);
  await context.close();
});
