// The digits data file (build-scripts/data/digits.mjs), built into a temporary folder and read back
// with the front end's own decoder (www/js/data/digits.js): 6,000 real MNIST images, 500 and 100 of
// each digit, grey levels with MNIST's statistics, no test image in the training set, the same bytes
// on every build, and a classic script that only registers its payload.
//
//   node --test tests/data/
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const vm = require('node:vm');

const root = path.join(__dirname, '..', '..');
const buildStep = path.join(root, 'build-scripts', 'data', 'digits.mjs');
const load = (file) => import(path.join(root, 'build-scripts', 'data', file));

// MNIST's published mean pixel intensity on 0..1 (the usual normalisation constant).
const MNIST_MEAN = 0.1307 * 255;

// The front end's data modules, bundled for node (the www/js files are browser ES modules).
async function loadFrontEnd() {
  const esbuild = require('esbuild');
  const entry = `export { decodeDigits } from './www/js/data/digits.js';`;
  const { outputFiles } = await esbuild.build({
    stdin: { contents: entry, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return import('data:text/javascript;base64,' + Buffer.from(outputFiles[0].text).toString('base64'));
}

// Runs data/digits.js as a page would, in a context of its own; returns what it registered.
function runDataScript(text) {
  const context = vm.createContext({});
  vm.runInContext(text, context, { filename: 'data/digits.js' });
  return vm.runInContext('globalThis.DescentData', context);
}

let built; // {text, again} — the file of two separate runs of the build step
let digits; // the decoded digits
let source; // the package's images, one array per digit (readSource)

test.before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'descent-digits-'));
  try {
    const outputs = ['first', 'second'].map((name) => path.join(dir, name, 'data', 'digits.js'));
    await Promise.all(outputs.map((out) => promisify(execFile)(process.execPath, [buildStep, '--out', out])));
    const [text, again] = outputs.map((out) => fs.readFileSync(out, 'utf8'));
    built = { text, again };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const { decodeDigits } = await loadFrontEnd();
  digits = await decodeDigits(runDataScript(built.text).digits);
  source = (await load('digits.mjs')).readSource();
});

test('two builds write the same bytes', () => {
  assert.ok(built.text.length > 1e6);
  assert.ok(built.text === built.again, 'data/digits.js differs between two builds');
});

test('a classic script, pure ASCII, that registers one payload and credits MNIST', () => {
  assert.match(built.text, /^\/\*\n/);
  assert.doesNotMatch(built.text, /[^\t\n\x20-\x7e]/);
  assert.match(built.text, /Yann LeCun, Corinna Cortes and\n \* Christopher J\.C\. Burges/);
  assert.match(built.text, /Creative Commons Attribution-ShareAlike\n \* 3\.0 licence/);
  // After the comment: one statement, whose right-hand side is plain JSON (no code).
  const body = built.text.slice(built.text.indexOf('*/\n') + 3);
  const prefix = '(globalThis.DescentData = globalThis.DescentData || {})["digits"] = ';
  assert.ok(body.startsWith(prefix) && body.endsWith(';\n'), body.slice(0, 120));
  const payload = JSON.parse(body.slice(prefix.length, -2));
  assert.deepEqual(Object.keys(runDataScript(built.text)), ['digits']);
  assert.deepEqual(
    { ...payload, deflated: typeof payload.deflated },
    {
      format: 1,
      credit: payload.credit,
      width: 28,
      height: 28,
      classes: 10,
      train: 5000,
      test: 1000,
      bytes: 6000 * 785,
      deflated: 'string',
    },
  );
  assert.match(payload.credit, /^MNIST handwritten digits, by Yann LeCun, .*CC BY-SA 3\.0/);
});

const countPerClass = (labels) => {
  const counts = new Array(10).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
};

test('5,000 training and 1,000 test images, 500 and 100 of each digit, in rounds of ten', () => {
  assert.deepEqual([digits.width, digits.height, digits.classes], [28, 28, 10]);
  for (const [set, count] of [
    [digits.train, 5000],
    [digits.test, 1000],
  ]) {
    assert.equal(set.count, count);
    assert.ok(set.pixels instanceof Uint8Array && set.labels instanceof Uint8Array);
    assert.equal(set.pixels.length, count * 784);
    assert.equal(set.labels.length, count);
    assert.deepEqual(countPerClass(set.labels), new Array(10).fill(count / 10));
    for (let round = 0; round < count; round += 10) {
      const digitsInRound = [...set.labels.subarray(round, round + 10)].sort();
      assert.deepEqual(digitsInRound, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], `images ${round}..${round + 9}`);
    }
  }
});

test("grey levels 0..255 with MNIST's statistics", () => {
  const meanOf = (arrays) => {
    let sum = 0;
    let count = 0;
    for (const array of arrays) {
      for (const value of array) sum += value;
      count += array.length;
    }
    return sum / count;
  };
  // The package's 10,000 images and the 6,000 shipped are close to the full set's published mean.
  const sourceMean = meanOf(source);
  assert.ok(Math.abs(sourceMean - MNIST_MEAN) < 0.5, `source mean ${sourceMean} vs ${MNIST_MEAN}`);
  for (const set of [digits.train, digits.test]) {
    const mean = meanOf([set.pixels]);
    assert.ok(Math.abs(mean - MNIST_MEAN) < 1.5, `mean ${mean} vs ${MNIST_MEAN}`);
    let zeros = 0;
    let max = 0;
    for (const value of set.pixels) {
      if (value === 0) zeros++;
      if (value > max) max = value;
    }
    assert.equal(max, 255);
    // About 80 % of an MNIST image is background.
    const background = zeros / set.pixels.length;
    assert.ok(background > 0.75 && background < 0.85, `background ${background}`);
    for (let image = 0; image < set.count; image++) {
      const ink = set.pixels.subarray(image * 784, (image + 1) * 784).filter((value) => value > 127).length;
      assert.ok(ink >= 10, `image ${image} has only ${ink} dark pixels`);
    }
  }
});

test("every image is one of the package's, unchanged; no test image is in the training set", () => {
  const key = (pixels, image) => Buffer.from(pixels.subarray(image * 784, (image + 1) * 784)).toString('base64');
  const inPackage = new Map();
  source.forEach((grey, digit) => {
    for (let image = 0; image < grey.length / 784; image++) inPackage.set(key(grey, image), digit);
  });
  assert.equal(inPackage.size, 10000, 'the package has no two equal images');
  const seen = new Set();
  for (const set of [digits.train, digits.test]) {
    for (let image = 0; image < set.count; image++) {
      const pixels = key(set.pixels, image);
      assert.equal(inPackage.get(pixels), set.labels[image], `image ${image}: in the package, with its label`);
      assert.ok(!seen.has(pixels), `image ${image} appears twice`);
      seen.add(pixels);
    }
  }
  assert.equal(seen.size, 6000);
});

test("SplitMix64 gives the reference generator's numbers", async () => {
  const { SplitMix64 } = await load('splitmix64.mjs');
  const rng = new SplitMix64(1234567);
  const outputs = [1, 2, 3, 4, 5].map(() => rng.next().toString());
  assert.deepEqual(outputs, [
    '6457827717110365317',
    '3203168211198807973',
    '9817491932198370423',
    '4593380528125082431',
    '16408922859458223821',
  ]);
});

test("the decoder's messages for a file of another format or damaged bytes", async () => {
  const { decodeDigits } = await loadFrontEnd();
  const payload = runDataScript(built.text).digits;
  await assert.rejects(decodeDigits({ ...payload, format: 2 }), {
    message:
      'data/digits.js is in format 2, this descent.js reads format 1: copy the data/ folder that comes with this descent.js',
  });
  await assert.rejects(decodeDigits({ ...payload, train: 4999 }), /^Error: data\/digits.js is damaged: 4710000 bytes/);
  await assert.rejects(decodeDigits({ ...payload, deflated: payload.deflated.slice(0, 4000) }), {
    message: /^data\/digits.js could not be unpacked: /,
  });
});
