// The transfer panel's part of <descent-cnn>'s schema (state.js adds it): the classes to pre-train
// on and to fine-tune on, the examples per class of the fine-tuning runs, and the epochs of each.
// All view-only: they do not change the widget's own network, only what the panel trains.
import { shortText } from '../../ui/state-schema.js';

// The digits' training set has 500 images of each class (data/digits.js).
const TRAIN_PER_CLASS = 500;
const MAX_SWEEP = 5; // examples-per-class values in one comparison

// [0, 1, 2, 3, 4, 7] → "0-4,7": runs of three or more as ranges.
export function classesText(classes) {
  const parts = [];
  for (let i = 0; i < classes.length;) {
    let j = i;
    while (j + 1 < classes.length && classes[j + 1] === classes[j] + 1) j++;
    if (j - i >= 2) parts.push(`${classes[i]}-${classes[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(classes[k]));
    i = j + 1;
  }
  return parts.join(',');
}

// "0-4", "5,6,7,8,9", "0,2,4-6": digits 0 – (classes − 1), each once, sorted.
function classList(name, classes) {
  return {
    parse(text) {
      const parts = String(text)
        .split(',')
        .map((part) => part.trim());
      const chosen = new Set();
      for (const part of parts) {
        const match = /^(\d)(?:\s*-\s*(\d))?$/.exec(part);
        const [from, to] = [Number(match?.[1]), Number(match?.[2] ?? match?.[1])];
        if (!match || from > to || to >= classes)
          return {
            error: `${name}: give digits 0 to ${classes - 1} like 0-4 or 5,6,7, got "${shortText(text)}"`,
          };
        for (let k = from; k <= to; k++) {
          if (chosen.has(k)) return { error: `${name}: digit ${k} is listed twice` };
          chosen.add(k);
        }
      }
      if (chosen.size < 2) return { error: `${name}: give at least 2 digits, got "${shortText(text)}"` };
      return { value: [...chosen].sort((a, b) => a - b) };
    },
    format: classesText,
  };
}

// "2,10,50": examples per class, 1 – 500 each, at most MAX_SWEEP values, sorted.
const perClassList = {
  parse(text) {
    const parts = String(text)
      .split(',')
      .map((part) => part.trim());
    const values = parts.map(Number);
    if (parts.length > MAX_SWEEP || !values.every((n, k) => /^\d+$/.test(parts[k]) && n >= 1 && n <= TRAIN_PER_CLASS))
      return {
        error: `transfer-per-class: give 1 to ${MAX_SWEEP} counts of 1 to ${TRAIN_PER_CLASS} (e.g. 2,10,50), got "${shortText(text)}"`,
      };
    return { value: [...new Set(values)].sort((a, b) => a - b) };
  },
  format: (values) => values.join(','),
};

export function transferSchema(catalog) {
  const { limits } = catalog;
  const classes = limits.classes ?? 10;
  return [
    {
      name: 'transfer-source',
      viewOnly: true,
      type: 'custom',
      defaultValue: [0, 1, 2, 3, 4],
      ...classList('transfer-source', classes),
      label: 'Pre-train on digits',
      hint: 'e.g. 0-4',
      description:
        'The digits the network is pre-trained on, with all their training images: `0-4`, or a list like `0,2,4,6,8`.',
      values: '`0-4`, `1,3,5-7`…',
      defaultText: '`0-4`',
      group: 'Transfer',
    },
    {
      name: 'transfer-target',
      viewOnly: true,
      type: 'custom',
      defaultValue: [5, 6, 7, 8, 9],
      ...classList('transfer-target', classes),
      label: 'Fine-tune on digits',
      hint: 'e.g. 5-9',
      description:
        'The new digits: each run trains on a few of their training images and is tested on all their test images.',
      values: '`5-9`, `1,3,5-7`…',
      defaultText: '`5-9`',
      group: 'Transfer',
    },
    {
      name: 'transfer-per-class',
      viewOnly: true,
      type: 'custom',
      defaultValue: [2, 10, 50],
      ...perClassList,
      label: 'Examples per class',
      hint: 'e.g. 2,10,50',
      description: `Training images of each new digit (the first ones), 1 – ${TRAIN_PER_CLASS}; up to ${MAX_SWEEP} values, compared side by side.`,
      values: '`2,10,50`',
      defaultText: '`2,10,50`',
      group: 'Transfer',
    },
    {
      name: 'transfer-pretrain-epochs',
      viewOnly: true,
      type: 'integer',
      defaultValue: 3,
      min: 1,
      max: limits.maxEpochs,
      sliderMax: 20,
      label: 'Pre-training epochs',
      description: 'Passes over the pre-training digits.',
      group: 'Transfer',
    },
    {
      name: 'transfer-epochs',
      viewOnly: true,
      type: 'integer',
      defaultValue: 5,
      min: 1,
      max: limits.maxEpochs,
      sliderMax: 50,
      label: 'Fine-tuning epochs',
      description: 'Passes over the few new examples, for every run (from scratch or pre-trained).',
      group: 'Transfer',
    },
  ];
}
