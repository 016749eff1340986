// State of <descent-playground>: the attribute/URL schema and the translation of
// a state into the core's createPlayground config.
import { hideEntry, shortText } from '../../ui/state-schema.js';

// The data sets, features, losses, activations, initialisers and limits are the core's
// (playgroundCatalog()); the schema is made from them (playgroundSchema). The widget adds only
// what is its own: the imported CSV as a data set, the automatic loss, and the words for people.
export const CSV_DATASET = { value: 'csv', label: 'Imported CSV (your own points)' };

const LOSS_LABELS = {
  auto: 'Automatic (BCE for 2 classes, softmax cross-entropy for more)',
  binary_cross_entropy: 'Binary cross-entropy (sigmoid output)',
  cross_entropy: 'Cross-entropy (softmax output)',
  mse: 'Mean squared error',
};

export const datasetOptions = (playgroundCatalog) => [
  ...playgroundCatalog.datasets.map((d) => ({ value: d.id, label: d.label })),
  CSV_DATASET,
];
export const lossOptions = (playgroundCatalog) =>
  ['auto', ...playgroundCatalog.losses].map((id) => ({ value: id, label: LOSS_LABELS[id] ?? id }));

// The controls a teacher can hide with hide="…" (classroom setups).
export const HIDEABLE = [
  'csv',
  'dataset',
  'noise',
  'features',
  'layers',
  'activation',
  'lr',
  'optimizer',
  'loss',
  'regularization',
  'data-settings',
  'advanced',
  'export',
  'network',
  'chart',
  'confusion',
];

// "4,2" ↔ [4, 2]; "" or "none" is no hidden layer (a linear model of the features). Not called
// "hidden": that is HTML's attribute for hiding an element.
const layersEntry = ({ maxHiddenLayers, maxNeurons }) => ({
  name: 'layers',
  label: 'Hidden layers (neurons each, e.g. 4,2; none)',
  description: `Up to ${maxHiddenLayers} hidden layers of 1 – ${maxNeurons} neurons.`,
  group: 'Network and training',
  values: 'neurons per hidden layer, e.g. `4,2`; `none`',
  defaultText: '`4,2`',
  type: 'custom',
  defaultValue: [4, 2],
  parse(text) {
    if (text === '' || text === 'none') return { value: [] };
    const parts = text.split(',').map((part) => part.trim());
    const widths = parts.map(Number);
    if (parts.length > maxHiddenLayers)
      return { error: `layers: at most ${maxHiddenLayers} hidden layers, got ${parts.length}` };
    if (!widths.every((w) => Number.isInteger(w) && w >= 1 && w <= maxNeurons)) {
      return {
        error: `layers: expected neurons per layer as whole numbers 1–${maxNeurons} separated by commas (e.g. "4,2"), got "${shortText(text)}"`,
      };
    }
    return { value: widths };
  },
  format: (widths) => (widths.length ? widths.join(',') : 'none'),
});

// The core's input features, by id.
const featuresEntry = (featureIds) => ({
  name: 'features',
  description: 'Input features computed by the core (sin πx: our data lie in [−1, 1]).',
  group: 'Data',
  values: `comma-separated: ${featureIds.map((id) => `\`${id}\``).join(', ')}`,
  defaultText: '`x1,x2`',
  type: 'custom',
  defaultValue: ['x1', 'x2'],
  parse(text) {
    const names = text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const unknown = names.filter((name) => !featureIds.includes(name));
    if (unknown.length)
      return { error: `features: "${shortText(unknown.join(', '))}" not known. Valid: ${featureIds.join(', ')}` };
    if (names.length === 0) return { error: 'features: choose at least one input feature' };
    return { value: featureIds.filter((name) => names.includes(name)) };
  },
  format: (names) => names.join(','),
});

// The learner's own training points, "x1,x2,class;x1,x2,class" (click the plot to add one).
const ADDED_ENTRY = {
  name: 'added',
  description: 'Your own training points; clicking the plot adds one of the class chosen under Data.',
  group: 'Data',
  values: '`x1,x2,class;…` (up to 500, |x| ≤ 10)',
  defaultText: 'none',
  type: 'custom',
  defaultValue: [],
  parse(text) {
    if (text === '') return { value: [] };
    const points = text.split(';').map((point) => point.split(',').map((part) => Number(part.trim())));
    const bad = points.findIndex(
      (p) => p.length !== 3 || !p.every(Number.isFinite) || !Number.isInteger(p[2]) || p[2] < 0,
    );
    if (bad >= 0)
      return {
        error: `added: point ${bad + 1} must be "x1,x2,class" (class a whole number ≥ 0), in "${shortText(text)}"`,
      };
    return { value: points };
  },
  format: (points) => points.map((p) => p.join(',')).join(';'),
};

// The schema, from the core's playgroundCatalog() (data sets, features, losses, limits).
export function playgroundSchema(playgroundCatalog) {
  const { limits } = playgroundCatalog;
  return [
    {
      name: 'dataset',
      type: 'id',
      defaultValue: 'circle',
      choices: datasetOptions(playgroundCatalog).map((d) => d.value),
      label: 'Data set',
      description: 'The data set, drawn by the core from the seed; `csv`: the points of the `csv` attribute.',
      group: 'Data',
    },
    {
      name: 'classes',
      type: 'integer',
      defaultValue: 3,
      min: limits.minClasses,
      max: limits.maxClasses,
      label: 'Classes (multi-class blobs)',
      description: 'Classes of `multiblobs`.',
      group: 'Data',
    },
    {
      name: 'points',
      type: 'integer',
      defaultValue: 500,
      min: limits.minPoints,
      max: limits.maxPoints,
      label: 'Points',
      logScale: true,
      description: 'Points, training and test together.',
      group: 'Data',
    },
    {
      name: 'noise',
      type: 'number',
      defaultValue: 0.1,
      min: 0,
      max: 1,
      label: 'Noise (σ per coordinate)',
      description: 'Gaussian jitter (σ) added to each coordinate.',
      group: 'Data',
    },
    {
      name: 'train-ratio',
      type: 'number',
      defaultValue: 0.5,
      min: 0.1,
      max: 0.9,
      label: 'Training share',
      hint: 'The rest are test points, never trained on',
      description: 'Share of the points trained on; the rest are test points.',
      group: 'Data',
    },
    featuresEntry(playgroundCatalog.features.map((f) => f.id)),
    layersEntry(limits),
    {
      name: 'activation',
      type: 'id',
      defaultValue: 'tanh',
      label: 'Activation',
      description: 'Activation of every hidden layer.',
      group: 'Network and training',
      catalog: 'playground.activations',
    },
    {
      name: 'loss',
      type: 'id',
      defaultValue: 'auto',
      choices: lossOptions(playgroundCatalog).map((l) => l.value),
      label: 'Loss',
      description: '`auto`: binary cross-entropy on one logit for 2 classes, softmax cross-entropy for more.',
      group: 'Network and training',
    },
    {
      name: 'optimizer',
      type: 'id',
      defaultValue: 'sgd',
      label: 'Optimizer',
      description: 'The optimizer.',
      group: 'Network and training',
      catalog: 'optimizers',
    },
    {
      name: 'lr',
      type: 'number',
      defaultValue: 0.03,
      min: 1e-5,
      max: limits.maxLearningRate,
      label: 'Learning rate',
      logScale: true,
      sliderMin: 1e-4,
      description: 'Learning rate.',
      group: 'Network and training',
    },
    {
      name: 'schedule',
      type: 'id',
      defaultValue: 'constant',
      label: 'Learning-rate schedule',
      description: 'Learning-rate schedule, stepped once per mini-batch over `max-epochs`.',
      group: 'Network and training',
      catalog: 'schedules',
    },
    {
      name: 'batch-size',
      type: 'integer',
      defaultValue: 10,
      min: 1,
      max: limits.maxPoints,
      label: 'Batch size',
      logScale: true,
      description: 'Points per mini-batch (≥ training points: full batch).',
      group: 'Network and training',
    },
    {
      name: 'l1',
      type: 'number',
      defaultValue: 0,
      min: 0,
      max: 1,
      label: 'L1 rate',
      sliderMax: 0.1,
      description: 'L1 penalty rate on the weights.',
      group: 'Network and training',
    },
    {
      name: 'l2',
      type: 'number',
      defaultValue: 0,
      min: 0,
      max: 1,
      label: 'L2 rate',
      sliderMax: 0.1,
      description: 'L2 penalty rate on the weights.',
      group: 'Network and training',
    },
    {
      name: 'init',
      type: 'id',
      defaultValue: 'xavier_uniform',
      label: 'Weight initialisation',
      description: 'Initial weights.',
      group: 'Network and training',
      catalog: 'playground.initializers',
    },
    {
      name: 'batch-norm',
      type: 'boolean',
      defaultValue: false,
      label: 'Batch norm on hidden layers',
      description: 'Batch normalisation on every hidden layer.',
      group: 'Network and training',
    },
    {
      name: 'dropout',
      type: 'number',
      defaultValue: 0,
      min: 0,
      max: 0.9,
      label: 'Dropout rate',
      description: 'Dropout rate on every hidden layer.',
      group: 'Network and training',
    },
    {
      name: 'max-epochs',
      type: 'integer',
      defaultValue: 1000,
      min: 1,
      max: 100000,
      label: 'Stop after epochs',
      control: 'text',
      description: 'Stop after this many epochs.',
      group: 'Network and training',
    },
    {
      name: 'target-loss',
      type: 'number',
      defaultValue: 0,
      min: 0,
      max: 10,
      label: 'Stop at training loss (0: never)',
      control: 'text',
      description: 'Stop once the training loss is at most this (0: never).',
      group: 'Network and training',
    },
    {
      name: 'seed',
      type: 'integer',
      defaultValue: 1,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      label: 'Seed (data, split, weights, batches)',
      control: 'text',
      description: 'Seed of the data, the split, the weights and the mini-batches.',
      group: 'Data',
    },
    ADDED_ENTRY,
    // dataset="csv": the points as CSV text (header x1,x2,class; see the embed page).
    {
      name: 'csv',
      type: 'custom',
      defaultValue: '',
      parse: (text) => ({ value: text }),
      format: (text) => text,
      maxLength: limits.maxCsvBytes, // the core's limit on a CSV's size
      description:
        'With `dataset="csv"`, your own points: exactly two number columns (x₁, x₂, in header order) and the class last; 2 – 8 classes (labels 0, 1, … keep their numbers, other texts are numbered in order of appearance); 4 – 2000 rows, split into training and test points by `train-ratio` and `seed`. Quoted values, blank lines and `\\r\\n` are accepted. The widget\'s "Your own points: import a CSV" panel takes pasted text or a file (read in the page, never uploaded); a bad CSV is reported with its line and column and the data set stays as it was.',
      group: 'Data',
      values: 'CSV text: a header, then rows `x1,x2,class`',
      defaultText: 'none',
    },
    // Epochs trained at once when the playground is built (a lesson's "after 300 epochs" picture).
    {
      name: 'pretrain',
      type: 'integer',
      defaultValue: 0,
      min: 0,
      max: 5000,
      description: 'Epochs trained at once when the widget starts (Play goes on from there).',
      group: 'Network and training',
    },
    // Epochs trained per animation frame while playing.
    {
      name: 'speed',
      viewOnly: true,
      type: 'integer',
      defaultValue: 1,
      min: 1,
      max: 50,
      label: 'Epochs per frame',
      description: 'Epochs trained per animation frame while playing.',
      group: 'Network and training',
    },
    {
      ...hideEntry(HIDEABLE),
      group: 'Page',
      defaultText: 'none',
      description: 'Controls and views to hide, for a classroom.',
    },
  ];
}

// The attribute names (the element observes them before the core has loaded); the catalog's
// contents do not change them.
export const STATE_ATTRIBUTES = playgroundSchema({ datasets: [], features: [], losses: [], limits: {} }).map(
  (entry) => entry.name,
);

// Names the core does not know fall back to the default, with a message.
export function checkNames(state, schema, catalog, playgroundCatalog, errors) {
  const known = {
    activation: playgroundCatalog.activations,
    optimizer: catalog.optimizers.map((o) => o.id),
    schedule: catalog.schedules.map((s) => s.id),
    init: playgroundCatalog.initializers,
  };
  for (const [name, valid] of Object.entries(known)) {
    if (valid.includes(state[name])) continue;
    const fallback = schema.find((entry) => entry.name === name).defaultValue;
    errors.push(`${name}: "${shortText(state[name])}" is not known — using ${fallback}. Valid: ${valid.join(', ')}`);
    state[name] = fallback;
  }
}

// The class count the data set will have (`csvClasses`: the imported CSV's, which the core counts).
export const classCountOf = (state, csvClasses = 2) =>
  state.dataset === 'multiblobs' ? state.classes : state.dataset === 'csv' ? csvClasses : 2;

// The config createPlayground expects.
export function toCoreConfig(state, csvClasses = 2) {
  const loss =
    state.loss === 'auto'
      ? classCountOf(state, csvClasses) === 2
        ? 'binary_cross_entropy'
        : 'cross_entropy'
      : state.loss;
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
