// State of <descent-playground>: the attribute/URL schema and the translation of
// a state into the core's createPlayground config.
import { hideEntry } from '../../ui/state-schema.js';

export const DATASETS = [
  { value: 'circle', label: 'Circle' },
  { value: 'xor', label: 'XOR (exclusive or)' },
  { value: 'blobs', label: 'Gaussian (two blobs)' },
  { value: 'spirals', label: 'Spiral' },
  { value: 'moons', label: 'Two moons' },
  { value: 'multiblobs', label: 'Multi-class blobs' },
  { value: 'csv', label: 'Imported CSV (your own points)' },
];

export const FEATURES = ['x1', 'x2', 'x1_squared', 'x2_squared', 'x1_times_x2', 'sin_x1', 'sin_x2'];

export const LOSSES = [
  { value: 'auto', label: 'Automatic (BCE for 2 classes, softmax cross-entropy for more)' },
  { value: 'binary_cross_entropy', label: 'Binary cross-entropy (sigmoid output)' },
  { value: 'cross_entropy', label: 'Cross-entropy (softmax output)' },
  { value: 'mse', label: 'Mean squared error' },
];

// The controls a teacher can hide with hide="…" (classroom setups).
export const HIDEABLE = ['csv', 'dataset', 'noise', 'features', 'layers', 'activation', 'lr', 'optimizer', 'loss', 'regularization', 'data-settings', 'advanced', 'export', 'network', 'chart', 'confusion'];

const MAX_LAYERS = 10;
const MAX_NEURONS = 32;

// "4,2" ↔ [4, 2]; "" or "none" is no hidden layer (a linear model of the features). Not called
// "hidden": that is HTML's attribute for hiding an element.
const LAYERS_ENTRY = {
  name: 'layers',
  type: 'custom',
  defaultValue: [4, 2],
  parse(text) {
    if (text === '' || text === 'none') return { value: [] };
    const parts = text.split(',').map((part) => part.trim());
    const widths = parts.map(Number);
    if (parts.length > MAX_LAYERS) return { error: `layers: at most ${MAX_LAYERS} hidden layers, got ${parts.length}` };
    if (!widths.every((w) => Number.isInteger(w) && w >= 1 && w <= MAX_NEURONS)) {
      return { error: `layers: expected neurons per layer as whole numbers 1–${MAX_NEURONS} separated by commas (e.g. "4,2"), got "${text}"` };
    }
    return { value: widths };
  },
  format: (widths) => (widths.length ? widths.join(',') : 'none'),
};

const FEATURES_ENTRY = {
  name: 'features',
  type: 'custom',
  defaultValue: ['x1', 'x2'],
  parse(text) {
    const names = text.split(',').map((part) => part.trim()).filter(Boolean);
    const unknown = names.filter((name) => !FEATURES.includes(name));
    if (unknown.length) return { error: `features: "${unknown.join(', ')}" not known. Valid: ${FEATURES.join(', ')}` };
    if (names.length === 0) return { error: 'features: choose at least one input feature' };
    return { value: FEATURES.filter((name) => names.includes(name)) };
  },
  format: (names) => names.join(','),
};

// The learner's own training points, "x1,x2,class;x1,x2,class" (click the plot to add one).
const ADDED_ENTRY = {
  name: 'added',
  type: 'custom',
  defaultValue: [],
  parse(text) {
    if (text === '') return { value: [] };
    const points = text.split(';').map((point) => point.split(',').map((part) => Number(part.trim())));
    const bad = points.findIndex((p) => p.length !== 3 || !p.every(Number.isFinite) || !Number.isInteger(p[2]) || p[2] < 0);
    if (bad >= 0) return { error: `added: point ${bad + 1} must be "x1,x2,class" (class a whole number ≥ 0), in "${text}"` };
    return { value: points };
  },
  format: (points) => points.map((p) => p.join(',')).join(';'),
};

export const PLAYGROUND_SCHEMA = [
  { name: 'dataset', type: 'id', defaultValue: 'circle', choices: DATASETS.map((d) => d.value) },
  { name: 'classes', type: 'integer', defaultValue: 3, min: 2, max: 8 },
  { name: 'points', type: 'integer', defaultValue: 500, min: 10, max: 2000 },
  { name: 'noise', type: 'number', defaultValue: 0.1, min: 0, max: 1 },
  { name: 'train-ratio', type: 'number', defaultValue: 0.5, min: 0.1, max: 0.9 },
  FEATURES_ENTRY,
  LAYERS_ENTRY,
  { name: 'activation', type: 'id', defaultValue: 'tanh' },
  { name: 'loss', type: 'id', defaultValue: 'auto', choices: LOSSES.map((l) => l.value) },
  { name: 'optimizer', type: 'id', defaultValue: 'sgd' },
  { name: 'lr', type: 'number', defaultValue: 0.03, min: 1e-5, max: 10 },
  { name: 'schedule', type: 'id', defaultValue: 'constant' },
  { name: 'batch-size', type: 'integer', defaultValue: 10, min: 1, max: 2000 },
  { name: 'l1', type: 'number', defaultValue: 0, min: 0, max: 1 },
  { name: 'l2', type: 'number', defaultValue: 0, min: 0, max: 1 },
  { name: 'init', type: 'id', defaultValue: 'xavier_uniform' },
  { name: 'batch-norm', type: 'boolean', defaultValue: false },
  { name: 'dropout', type: 'number', defaultValue: 0, min: 0, max: 0.9 },
  { name: 'max-epochs', type: 'integer', defaultValue: 1000, min: 1, max: 100000 },
  { name: 'target-loss', type: 'number', defaultValue: 0, min: 0, max: 10 },
  { name: 'seed', type: 'integer', defaultValue: 1, min: 0, max: Number.MAX_SAFE_INTEGER },
  ADDED_ENTRY,
  // dataset="csv": the points as CSV text (header x1,x2,class; see the embed page).
  { name: 'csv', type: 'custom', defaultValue: '', parse: (text) => ({ value: text }), format: (text) => text },
  // Epochs trained at once when the playground is built (a lesson's "after 300 epochs" picture).
  { name: 'pretrain', type: 'integer', defaultValue: 0, min: 0, max: 5000 },
  // Epochs trained per animation frame while playing.
  { name: 'speed', type: 'integer', defaultValue: 1, min: 1, max: 50 },
  hideEntry(HIDEABLE),
];

export const STATE_ATTRIBUTES = PLAYGROUND_SCHEMA.map((entry) => entry.name);

// Names the core does not know fall back to the default, with a message.
export function checkNames(state, catalog, playgroundCatalog, errors) {
  const known = {
    activation: playgroundCatalog.activations,
    optimizer: catalog.optimizers.map((o) => o.id),
    schedule: catalog.schedules.map((s) => s.id),
    init: playgroundCatalog.initializers,
  };
  for (const [name, valid] of Object.entries(known)) {
    if (valid.includes(state[name])) continue;
    const fallback = PLAYGROUND_SCHEMA.find((entry) => entry.name === name).defaultValue;
    errors.push(`${name}: "${state[name]}" is not known — using ${fallback}. Valid: ${valid.join(', ')}`);
    state[name] = fallback;
  }
}

// The class count the data set will have (`csvClasses`: the imported CSV's, which the core counts).
export const classCountOf = (state, csvClasses = 2) => (state.dataset === 'multiblobs' ? state.classes : state.dataset === 'csv' ? csvClasses : 2);

// The config createPlayground expects.
export function toCoreConfig(state, csvClasses = 2) {
  const loss = state.loss === 'auto' ? (classCountOf(state, csvClasses) === 2 ? 'binary_cross_entropy' : 'cross_entropy') : state.loss;
  return {
    dataset: state.dataset,
    classCount: state.classes,
    points: state.points,
    noise: state.noise,
    trainFraction: state['train-ratio'],
    features: state.features,
    hidden: state.layers,
    activation: state.activation,
    initializer: state.init,
    batchNorm: state['batch-norm'],
    dropout: state.dropout,
    loss,
    optimizer: state.optimizer,
    lr: state.lr,
    schedule: state.schedule,
    batchSize: state['batch-size'],
    l1: state.l1,
    l2: state.l2,
    maxEpochs: state['max-epochs'],
    targetLoss: state['target-loss'],
    seed: state.seed,
    addedPoints: state.added.flat(),
    ...(state.dataset === 'csv' ? { csv: state.csv } : {}),
  };
}
