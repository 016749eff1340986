// Handwritten digits for the widgets: 6,000 MNIST images (28 x 28, grey levels 0..255), a
// training set of 5,000 and a test set of 1,000, 500 and 100 of each digit. They live in
// data/digits.js next to descent.js (made by build-scripts/data/digits.mjs, which describes the
// split and the bytes), not in descent.js, and are loaded the first time a widget asks:
//
//   const digits = await loadDigits();
//   // {width: 28, height: 28, classes: 10, credit,
//   //  train: {count: 5000, pixels: Uint8Array(5000·784), labels: Uint8Array(5000)},
//   //  test:  {count: 1000, pixels: Uint8Array(1000·784), labels: Uint8Array(1000)}}
//
// Image i's pixels are pixels.subarray(i·784, (i + 1)·784), row by row; labels[i] is its digit.
// Each set comes in rounds of ten, one image of each digit per round, so its first 10·k images
// hold k of each digit. Every caller gets the same arrays: copy (slice) before changing them.
// `credit` names the data's authors and licence (CC BY-SA 3.0), for a widget to show.
// The page's own scripts reach this as Descent.loadDigits() (main.js).
import { dataScriptPath, loadDataScript } from './data-script.js';
import { unpackBytes } from './packed-bytes.js';

const NAME = 'digits';
const FORMAT = 1;

let digits = null;

// A promise of the digits; concurrent and later calls share one load. A failed load is not kept,
// so a later call tries again.
export function loadDigits() {
  if (!digits) {
    const load = loadDataScript(NAME).then(decodeDigits);
    load.catch(() => {
      if (digits === load) digits = null;
    });
    digits = load;
  }
  return digits;
}

// The data script's payload (format 1, build-scripts/data/digits.mjs) → the digits.
export async function decodeDigits(payload) {
  const file = dataScriptPath(NAME);
  if (!payload || payload.format !== FORMAT) {
    throw new Error(
      `${file} is in format ${payload?.format}, this descent.js reads format ${FORMAT}: ` +
        'copy the data/ folder that comes with this descent.js',
    );
  }
  const { width, height, classes, train, test } = payload;
  const size = width * height;
  if ((train + test) * (size + 1) !== payload.bytes) {
    throw new Error(`${file} is damaged: ${payload.bytes} bytes cannot hold ${train + test} images of ${size} pixels`);
  }
  let bytes;
  try {
    bytes = await unpackBytes(payload.deflated, payload.bytes);
  } catch (error) {
    throw new Error(`${file} could not be unpacked: ${error.message}`);
  }
  let at = 0;
  const take = (length) => bytes.subarray(at, (at += length));
  const set = (count) => Object.freeze({ count, pixels: take(count * size), labels: take(count) });
  const trainSet = set(train);
  const testSet = set(test);
  return Object.freeze({ width, height, classes, credit: payload.credit, train: trainSet, test: testSet });
}
