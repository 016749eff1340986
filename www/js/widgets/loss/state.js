// State of <descent-loss>: the attribute/URL schema of the loss-function explorer and the
// parsing of its lists (outlier points, softmax outputs, distributions).
import { shortText } from '../../ui/state-schema.js';

export const VIEWS = [
  { value: 'regression', label: 'Regression: MSE, MAE, Huber' },
  { value: 'classification', label: 'Binary: BCE vs MSE, focal, hinge' },
  { value: 'categorical', label: 'Categorical cross-entropy' },
  { value: 'kl', label: 'KL divergence, both ways' },
];

export const MAX_OUTLIERS = 5;
export const FIT_X_RANGE = [-3.5, 3.5];
export const FIT_Y_RANGE = [-10, 10];

// "x,y;x,y" → [[x, y], …]: at most MAX_OUTLIERS points inside the fit plot's range ('' = none).
function parseOutliers(text) {
  if (text === '') return { value: [] };
  const points = text
    .split(';')
    .map((pair) => pair.split(',').map((part) => (part.trim() === '' ? NaN : Number(part))));
  if (points.length > MAX_OUTLIERS) return { error: `outliers: at most ${MAX_OUTLIERS} points, got ${points.length}` };
  for (const point of points) {
    if (point.length !== 2 || !point.every(Number.isFinite))
      return { error: `outliers: expected "x,y" pairs separated by ";", got "${shortText(text)}"` };
    const [x, y] = point;
    if (x < FIT_X_RANGE[0] || x > FIT_X_RANGE[1] || y < FIT_Y_RANGE[0] || y > FIT_Y_RANGE[1]) {
      return { error: `outliers: (${x}, ${y}) is outside x ∈ [${FIT_X_RANGE}], y ∈ [${FIT_Y_RANGE}]` };
    }
  }
  return { value: points };
}

const formatOutliers = (points) =>
  points.map(([x, y]) => `${Number(x.toPrecision(3))},${Number(y.toPrecision(3))}`).join(';');

// "0.1,0.7,0.2" → [0.1, 0.7, 0.2]: 2–8 finite entries ≥ 0 (the core checks the rest, e.g. > 0).
function numberList(name) {
  return {
    parse(text) {
      const values = text.split(',').map((part) => (part.trim() === '' ? NaN : Number(part)));
      if (values.length < 2 || values.length > 8 || !values.every((v) => Number.isFinite(v) && v >= 0)) {
        return { error: `${name}: expected 2 to 8 numbers ≥ 0 separated by commas, got "${shortText(text)}"` };
      }
      return { value: values };
    },
    format: (values) => values.join(','),
  };
}

export const LOSS_SCHEMA = [
  {
    name: 'view',
    type: 'id',
    defaultValue: 'regression',
    choices: VIEWS.map((v) => v.value),
    label: 'Loss family',
    description: 'Which family of losses to show.',
  },
  {
    name: 'huber-delta',
    type: 'number',
    defaultValue: 1,
    min: 0.05,
    max: 10,
    label: 'Huber δ',
    hint: 'Where Huber switches from quadratic to linear',
    logScale: true,
    description: "Huber's δ: quadratic below, linear above.",
    group: 'Regression',
  },
  {
    name: 'outliers',
    type: 'custom',
    defaultValue: [[2.5, -4]],
    parse: parseOutliers,
    format: formatOutliers,
    label: 'Outliers "x,y;x,y"',
    hint: 'Drag them on the plot, or focus the plot and use the arrow keys (N: next, A: add, Delete: remove)',
    description: 'Points added to the data set, drawn red and draggable.',
    group: 'Regression',
    values: '`x,y;x,y` (up to 5; x in −3.5 – 3.5, y in −10 – 10), or empty',
    defaultText: '`2.5,-4`',
  },
  {
    name: 'points',
    type: 'integer',
    defaultValue: 15,
    min: 5,
    max: 60,
    label: 'Ordinary points',
    description: 'Ordinary points near y = 0.5x + 1 (noise σ = 0.3).',
    group: 'Regression',
  },
  {
    name: 'seed',
    type: 'integer',
    defaultValue: 1,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    label: 'Noise seed',
    control: 'text',
    description: "Seed of the points' noise.",
    group: 'Regression',
  },
  {
    name: 'target',
    type: 'integer',
    defaultValue: 1,
    min: 0,
    max: 1,
    label: 'True label y',
    description: 'The true label (hinge uses it as −1 or +1).',
    group: 'Binary classification',
  },
  {
    name: 'logit',
    type: 'number',
    defaultValue: -4,
    min: -10,
    max: 10,
    label: 'Logit z (probe)',
    description: 'The probe: losses and gradients read out at this logit.',
    group: 'Binary classification',
  },
  {
    name: 'focal-gamma',
    type: 'number',
    defaultValue: 2,
    min: 0,
    max: 5,
    label: 'Focal γ',
    description: 'Focal loss γ (0 gives BCE).',
    group: 'Binary classification',
  },
  {
    name: 'probs',
    type: 'custom',
    defaultValue: [0.1, 0.7, 0.2],
    ...numberList('probs'),
    label: 'Softmax output p',
    hint: 'Comma-separated, normalised by the core',
    description: 'The softmax output (normalised by the core).',
    group: 'Categorical and KL',
    values: '2 – 8 numbers > 0',
    defaultText: '`0.1,0.7,0.2`',
  },
  {
    // Not `class`: that is the global HTML attribute (a page's class="card" would set it).
    name: 'true-class',
    type: 'integer',
    defaultValue: 1,
    min: 0,
    max: 7,
    label: 'True class (from 0)',
    control: 'text',
    description:
      'The true class, counted from 0. (Named `true-class`, not `class`: `class` is the global HTML attribute, so `<descent-loss class="card">` keeps its CSS class.)',
    group: 'Categorical and KL',
  },
  {
    name: 'p',
    type: 'custom',
    defaultValue: [0.1, 0.6, 0.3],
    ...numberList('p'),
    label: 'Distribution P',
    description: 'The distribution P of KL(P‖Q) and KL(Q‖P).',
    group: 'Categorical and KL',
    values: '2 – 8 numbers ≥ 0 each, as many in both',
    defaultText: '`0.1,0.6,0.3`, `0.3,0.3,0.4`',
  },
  {
    name: 'q',
    type: 'custom',
    defaultValue: [0.3, 0.3, 0.4],
    ...numberList('q'),
    label: 'Distribution Q',
    description: 'The distribution Q (as many numbers as `p`).',
    group: 'Categorical and KL',
    values: '2 – 8 numbers ≥ 0 each, as many in both',
    defaultText: '`0.1,0.6,0.3`, `0.3,0.3,0.4`',
  },
];

export const STATE_ATTRIBUTES = LOSS_SCHEMA.map((entry) => entry.name);

// Which controls each view shows.
export const VIEW_CONTROLS = {
  regression: ['huber-delta', 'points', 'seed', 'outliers'],
  classification: ['target', 'logit', 'focal-gamma'],
  categorical: ['probs', 'true-class'],
  kl: ['p', 'q'],
};

export const OUTLIER_FORMAT = formatOutliers;
