// State of <descent-loss>: the attribute/URL schema of the loss-function explorer and the
// parsing of its lists (outlier points, softmax outputs, distributions).

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
  const points = text.split(';').map((pair) => pair.split(',').map((part) => (part.trim() === '' ? NaN : Number(part))));
  if (points.length > MAX_OUTLIERS) return { error: `outliers: at most ${MAX_OUTLIERS} points, got ${points.length}` };
  for (const point of points) {
    if (point.length !== 2 || !point.every(Number.isFinite)) return { error: `outliers: expected "x,y" pairs separated by ";", got "${text}"` };
    const [x, y] = point;
    if (x < FIT_X_RANGE[0] || x > FIT_X_RANGE[1] || y < FIT_Y_RANGE[0] || y > FIT_Y_RANGE[1]) {
      return { error: `outliers: (${x}, ${y}) is outside x ∈ [${FIT_X_RANGE}], y ∈ [${FIT_Y_RANGE}]` };
    }
  }
  return { value: points };
}

const formatOutliers = (points) => points.map(([x, y]) => `${Number(x.toPrecision(3))},${Number(y.toPrecision(3))}`).join(';');

// "0.1,0.7,0.2" → [0.1, 0.7, 0.2]: 2–8 finite entries ≥ 0 (the core checks the rest, e.g. > 0).
function numberList(name) {
  return {
    parse(text) {
      const values = text.split(',').map((part) => (part.trim() === '' ? NaN : Number(part)));
      if (values.length < 2 || values.length > 8 || !values.every((v) => Number.isFinite(v) && v >= 0)) {
        return { error: `${name}: expected 2 to 8 numbers ≥ 0 separated by commas, got "${text}"` };
      }
      return { value: values };
    },
    format: (values) => values.join(','),
  };
}

export const LOSS_SCHEMA = [
  { name: 'view', type: 'id', defaultValue: 'regression', choices: VIEWS.map((v) => v.value) },
  { name: 'huber-delta', type: 'number', defaultValue: 1, min: 0.05, max: 10 },
  { name: 'outliers', type: 'custom', defaultValue: [[2.5, -4]], parse: parseOutliers, format: formatOutliers },
  { name: 'points', type: 'integer', defaultValue: 15, min: 5, max: 60 },
  { name: 'seed', type: 'integer', defaultValue: 1, min: 0, max: Number.MAX_SAFE_INTEGER },
  { name: 'target', type: 'integer', defaultValue: 1, min: 0, max: 1 },
  { name: 'logit', type: 'number', defaultValue: -4, min: -10, max: 10 },
  { name: 'focal-gamma', type: 'number', defaultValue: 2, min: 0, max: 5 },
  { name: 'probs', type: 'custom', defaultValue: [0.1, 0.7, 0.2], ...numberList('probs') },
  { name: 'class', type: 'integer', defaultValue: 1, min: 0, max: 7 },
  { name: 'p', type: 'custom', defaultValue: [0.1, 0.6, 0.3], ...numberList('p') },
  { name: 'q', type: 'custom', defaultValue: [0.3, 0.3, 0.4], ...numberList('q') },
];

export const STATE_ATTRIBUTES = LOSS_SCHEMA.map((entry) => entry.name);

// Which controls each view shows.
export const VIEW_CONTROLS = {
  regression: ['huber-delta', 'points', 'seed', 'outliers'],
  classification: ['target', 'logit', 'focal-gamma'],
  categorical: ['probs', 'class'],
  kl: ['p', 'q'],
};

export const OUTLIER_FORMAT = formatOutliers;
