// The two transports of DescentWidget in Chromium: a live run (the training widgets) stops
// training when its widget is scrolled off screen or the tab is hidden and resumes when it is
// back, never runs two frame loops, and deletes each core object exactly once (on replacement
// and on removal); a replay pauses in a hidden tab too. The longest frame of each live-run
// widget is printed as a diagnostic (a timed assertion would be flaky on a shared machine).
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, openPageWithWidget } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

// A long regularization run: hundreds of frames of training.
const LONG_REGULARIZATION = { capacity: 'custom', width: '256', depth: '4', epochs: '2000' };

async function openWidget(tag, attributes, options = {}) {
  const opened = await openPageWithWidget(browser, baseUrl, { tag, id: 'w', attributes, ...options });
  // Room to scroll the widget off screen.
  await opened.page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.id = 'spacer';
    spacer.style.height = '4000px';
    document.body.append(spacer);
  });
  await opened.page.waitForFunction(() => Boolean(document.getElementById('w')?.config), null, { timeout: 30000 });
  return opened;
}

const waitFrames = (page, count = 10) =>
  page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const next = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
        next(n);
      }),
    count,
  );

// Sets what document.visibilityState says and tells the page, as a browser does when the tab
// is hidden or shown again.
const setTabVisibility = (page, state) =>
  page.evaluate((value) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => value === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);

// Progress of the widget's live run: epochs (regularization), entries (dynamics), epochs (playground),
// steps (rnn).
const progressOf = (page) =>
  page.evaluate(() => {
    const widget = document.getElementById('w');
    return (
      widget.partial?.epochsCompleted ??
      widget.run?.epochsCompleted ??
      widget.trace?.entries.length ??
      widget.epoch ??
      widget.run?.steps
    );
  });

// Waits until the progress passes `after`.
const waitForProgress = (page, after) =>
  page.waitForFunction(
    (old) => {
      const widget = document.getElementById('w');
      const now =
        widget.partial?.epochsCompleted ??
        widget.run?.epochsCompleted ??
        widget.trace?.entries.length ??
        widget.epoch ??
        widget.run?.steps;
      return now > old;
    },
    after,
    { timeout: 30000 },
  );

// Checks that the progress stays put for a while (a frame already requested may still run first).
async function assertStopped(page, what) {
  await waitFrames(page, 3);
  await page.waitForTimeout(100);
  const before = await progressOf(page);
  await waitFrames(page, 20);
  await page.waitForTimeout(300);
  assert.equal(await progressOf(page), before, `${what}: the run went on`);
  assert.equal(
    await page.evaluate(() => document.getElementById('w').liveRun.frameHandle),
    0,
    `${what}: a frame is still requested`,
  );
  return before;
}

test('the regularization explorer stops training off screen and resumes when scrolled back', async () => {
  const { page, context, problems } = await openWidget('descent-regularization', LONG_REGULARIZATION);
  await waitForProgress(page, 20);
  await page.evaluate(() => document.getElementById('spacer').scrollIntoView({ block: 'end' }));
  const stopped = await assertStopped(page, 'off screen');
  assert.ok(stopped < 2000, `the run finished before it could be scrolled away (${stopped})`);
  assert.notEqual(
    await page.evaluate(() => document.getElementById('w').training),
    null,
    'the core object is kept while paused',
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  await waitForProgress(page, stopped);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a hidden tab pauses a live run (regularization, playground) and a replay (gd); showing it resumes them', async () => {
  // Regularization: the training itself.
  {
    const { page, context, problems } = await openWidget('descent-regularization', LONG_REGULARIZATION);
    await waitForProgress(page, 20);
    await setTabVisibility(page, 'hidden');
    const stopped = await assertStopped(page, 'hidden tab');
    await setTabVisibility(page, 'visible');
    await waitForProgress(page, stopped);
    assert.deepEqual(problems, []);
    await context.close();
  }
  // Playground: Play trains until the tab is hidden, and goes on playing when it is shown.
  {
    const { page, context, problems } = await openWidget('descent-playground', { dataset: 'spirals', layers: '8,8' });
    await page.locator('#w button', { hasText: 'Play' }).click();
    await waitForProgress(page, 3);
    await setTabVisibility(page, 'hidden');
    const stopped = await assertStopped(page, 'hidden tab');
    assert.equal(await page.evaluate(() => document.getElementById('w').playing), true, 'still playing, only paused');
    await setTabVisibility(page, 'visible');
    await waitForProgress(page, stopped);
    assert.deepEqual(problems, []);
    await context.close();
  }
  // Gradient descent's replay: the step shown stays while hidden.
  {
    const { page, context, problems } = await openWidget('descent-gd', { steps: '200', speed: '30' });
    await page.locator('#w button', { hasText: /^Reset$/ }).click();
    await page.locator('#w button', { hasText: /Play$/ }).click();
    await page.waitForFunction(() => document.getElementById('w').shownStep >= 2);
    await setTabVisibility(page, 'hidden');
    await waitFrames(page, 3);
    const shown = await page.evaluate(() => document.getElementById('w').shownStep);
    await page.waitForTimeout(400);
    assert.equal(await page.evaluate(() => document.getElementById('w').shownStep), shown);
    await setTabVisibility(page, 'visible');
    await page.waitForFunction((old) => document.getElementById('w').shownStep > old, shown);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

// Counts, in the page, every core object each create function makes and every delete() of one.
const countHandles = (page, { create, key, className }) =>
  page.evaluate(
    ({ create, key, className }) => {
      const widget = document.getElementById('w');
      const { core } = widget;
      const made = [];
      const deletes = new Map();
      const originalCreate = core[create];
      core[create] = (...args) => {
        const answer = originalCreate.apply(core, args);
        if (answer.ok) made.push(answer[key]);
        return answer;
      };
      const prototype = core[className].prototype;
      const originalDelete = prototype.delete;
      prototype.delete = function countedDelete() {
        deletes.set(this, (deletes.get(this) ?? 0) + 1);
        return originalDelete.call(this);
      };
      window.handleCounts = () => ({
        made: made.length,
        deletedOnce: made.filter((handle) => deletes.get(handle) === 1).length,
        deletedTwice: made.filter((handle) => deletes.get(handle) > 1).length,
        open: widget.liveRun.constructor.openHandles,
      });
    },
    { create, key, className },
  );

const handleCounts = (page) => page.evaluate(() => window.handleCounts());

const WIDGETS = [
  {
    tag: 'descent-regularization',
    create: 'createRegularizationRun',
    key: 'run',
    className: 'RegularizationTraining',
    attributes: LONG_REGULARIZATION,
    change: ['width', '200'],
    handle: 'training',
  },
  {
    tag: 'descent-dynamics',
    create: 'createDynamicsProbe',
    key: 'probe',
    className: 'DynamicsProbe',
    attributes: { depth: '30', width: '128', steps: '500' },
    change: ['depth', '29'],
    handle: 'probe',
  },
  {
    tag: 'descent-playground',
    create: 'createPlayground',
    key: 'playground',
    className: 'Playground',
    attributes: { dataset: 'spirals', layers: '8,8' },
    change: ['layers', '8,6'],
    handle: 'playground',
    play: true,
  },
  {
    tag: 'descent-rnn',
    create: 'createRnnSession',
    key: 'session',
    className: 'RnnSession',
    attributes: { speed: '30' },
    change: ['units', '12'],
    handle: 'session',
  },
];

for (const { tag, create, key, className, attributes, change, handle, play } of WIDGETS) {
  test(`<${tag}>: each core object is deleted exactly once (replaced, removed, moved), none made off the page, one frame loop at a time`, async () => {
    const { page, context, problems } = await openWidget(tag, attributes);
    await countHandles(page, { create, key, className });
    if (play) await page.locator('#w button', { hasText: 'Play' }).click();
    await waitForProgress(page, 1);
    // Every frame the live run asks for, with the frame's time: two loops would both run in one frame.
    await page.evaluate(() => {
      const { liveRun } = document.getElementById('w');
      const frame = liveRun.frame.bind(liveRun);
      window.advanceFrames = [];
      liveRun.frame = (generation) => {
        window.advanceFrames.push(document.timeline.currentTime);
        return frame(generation);
      };
    });
    // Replaced several times in a row, and once more after a frame.
    await page.evaluate(([name, value]) => {
      const widget = document.getElementById('w');
      widget.setAttribute('seed', '7');
      widget.update();
      widget.setAttribute('seed', '8');
      widget.update();
      widget.setAttribute(name, value);
    }, change);
    await waitFrames(page, 5);
    await page.evaluate(() => document.getElementById('w').setAttribute('seed', '9'));
    await waitFrames(page, 20);
    let counts = await handleCounts(page);
    assert.ok(counts.made >= 4, `${counts.made} made`);
    assert.equal(counts.deletedTwice, 0);
    // Every replaced object is deleted; the current one is kept while it trains.
    const current = await page.evaluate((name) => (document.getElementById('w')[name] === null ? 0 : 1), handle);
    assert.deepEqual([counts.deletedOnce, counts.open], [counts.made - current, current]);
    const frames = await page.evaluate(() => window.advanceFrames);
    assert.ok(frames.length >= 2, `${frames.length} training frames`);
    assert.equal(new Set(frames).size, frames.length, 'two live-run frames in one animation frame: two loops');
    // Removed mid-training: deleted; put back: trained again from a new object; removed again.
    const removed = await page.evaluate((name) => {
      window.widget = document.getElementById('w');
      const training = window.widget[name] !== null;
      window.widget.remove();
      return { training, handle: window.widget[name] };
    }, handle);
    assert.deepEqual(removed, { training: true, handle: null });
    counts = await handleCounts(page);
    assert.deepEqual([counts.deletedOnce, counts.deletedTwice, counts.open], [counts.made, 0, 0]);
    // A change while off the page makes no core object; the widget builds one when it is back.
    const madeBefore = counts.made;
    await page.evaluate(() => window.widget.setAttribute('seed', '11'));
    await waitFrames(page, 3);
    assert.equal((await handleCounts(page)).made, madeBefore);
    await page.evaluate(() => document.body.prepend(window.widget));
    await page.waitForFunction((name) => window.widget[name] !== null, handle);
    assert.equal(await page.evaluate(() => window.widget.state.seed), 11);
    await waitForProgress(page, 0);
    await page.evaluate(() => window.widget.remove());
    counts = await handleCounts(page);
    assert.equal(counts.made, madeBefore + 1);
    assert.deepEqual([counts.deletedOnce, counts.deletedTwice, counts.open], [counts.made, 0, 0]);
    assert.equal(await page.evaluate(() => window.widget.liveRun.frameHandle), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a failing advance deletes the core object once, stops the loop and shows the message; a new setup trains again', async () => {
  const { page, context, problems } = await openWidget('descent-regularization', LONG_REGULARIZATION);
  await countHandles(page, { create: 'createRegularizationRun', key: 'run', className: 'RegularizationTraining' });
  await page.evaluate(() => document.getElementById('w').setAttribute('seed', '5'));
  await waitForProgress(page, 5);
  await page.evaluate(() => {
    const { liveRun } = document.getElementById('w');
    const advance = liveRun.hooks.advance;
    liveRun.hooks.advance = () => {
      liveRun.hooks.advance = advance; // fails once
      throw new Error('the core ran out of memory (simulated)');
    };
  });
  await page.waitForFunction(() => document.getElementById('w').training === null);
  assert.equal(await page.locator('#w [data-role=error]').textContent(), 'the core ran out of memory (simulated)');
  assert.equal(await page.evaluate(() => document.getElementById('w').liveRun.frameHandle), 0);
  let counts = await handleCounts(page);
  assert.deepEqual([counts.made, counts.deletedOnce, counts.deletedTwice, counts.open], [1, 1, 0, 0]);
  await page.evaluate(() => document.getElementById('w').setAttribute('seed', '6'));
  await page.waitForFunction(() => document.getElementById('w').training !== null);
  await waitForProgress(page, 5);
  assert.equal(await page.locator('#w [data-role=error]').textContent(), '');
  await page.evaluate(() => document.getElementById('w').remove());
  counts = await handleCounts(page);
  assert.deepEqual([counts.made, counts.deletedOnce, counts.deletedTwice, counts.open], [2, 2, 0, 0]);
  assert.deepEqual(problems, []);
  await context.close();
});

// Not a timed assertion (the machine is shared): prints, per widget, the time of its live-run
// frames (advance + render) and the long tasks (> 50 ms) the page reported.
test('diagnostic: the longest live-run frame and the long tasks while training', async (t) => {
  const cases = [
    ['descent-regularization', LONG_REGULARIZATION],
    ['descent-dynamics', { depth: '30', width: '128', steps: '500' }],
    ['descent-playground', { dataset: 'spirals', layers: '8,8', speed: '10' }, true],
    ['descent-rnn', { task: 'adding', length: '50' }],
  ];
  for (const [tag, attributes, play] of cases) {
    const { page, context, problems } = await openWidget(tag, attributes);
    await page.evaluate(() => {
      window.longTasks = [];
      new PerformanceObserver((list) =>
        window.longTasks.push(...list.getEntries().map((entry) => entry.duration)),
      ).observe({ type: 'longtask' });
      const { liveRun } = document.getElementById('w');
      const frame = liveRun.frame.bind(liveRun);
      window.liveFrames = [];
      liveRun.frame = (generation) => {
        const start = performance.now();
        frame(generation);
        window.liveFrames.push(performance.now() - start);
      };
    });
    if (play) await page.locator('#w button', { hasText: 'Play' }).click();
    await page.waitForTimeout(3000);
    const figures = await page.evaluate(() => {
      const tasks = window.longTasks;
      const frames = [...window.liveFrames].sort((a, b) => a - b);
      const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))].toFixed(1);
      return (
        `${frames.length} frames of ${at(0.5)} ms median, ${at(0.95)} ms 95th percentile, ${at(1)} ms longest; ` +
        `${tasks.length} long tasks, longest ${tasks.length ? Math.max(...tasks).toFixed(0) : 0} ms`
      );
    });
    t.diagnostic(`${tag} ${JSON.stringify(attributes)}: ${figures}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
