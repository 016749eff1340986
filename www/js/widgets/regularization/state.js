// State of <descent-regularization>: the attribute/URL schema and the translation
// of a state into the core's regularization config. Pure, no imports (the site
// build loads this file on its own to check lesson "try this" buttons); the schema
// is made from the core's regularizationCatalog() (regularizationSchema).
//
// Each regularizer is a switch plus its strength (dropout + dropout-rate, l2 +
// l2-lambda, l1 + l1-lambda, early-stopping + patience), so switching one off
// and on again keeps the strength the learner chose.

// The capacities, optimizers (with their default learning rate and weight decay and the largest
// weight decay), limits and defaults are the core's (regularizationCatalog()); the widget adds the
// words for people. Weight decay means an L2 penalty on the loss for Adam and SGD + momentum, but
// AdamW's own decoupled decay (θ ← θ − α·λ·θ), which needs a far larger λ for the same effect.
export const OPTIMIZER_LABELS = { adam: 'Adam', adamw: 'AdamW', momentum: 'SGD + momentum' };
const CAPACITY_NAMES = { low: 'Low', medium: 'Medium', high: 'High' };

const optimizerLabel = (id) => OPTIMIZER_LABELS[id] ?? id;

// A preset's hidden layers in words: "1 tanh unit", "2 layers × 16 units".
function layersText(layers, unit = 'tanh unit') {
  const widths = Array.from(layers);
  if (widths.length === 1) return `${widths[0]} ${unit}${widths[0] === 1 ? '' : 's'}`;
  if (widths.every((w) => w === widths[0])) return `${widths.length} layers × ${widths[0]} units`;
  return `layers of ${widths.join(', ')} units`;
}

// {low: 'Low — 1 tanh unit', …, custom: 'Custom width × depth'}, from the core's presets.
export function capacityLabels(regularizationCatalog) {
  const labels = {};
  for (const { id, layers } of regularizationCatalog.capacities) {
    labels[id] = id === 'custom' ? 'Custom width × depth' : `${CAPACITY_NAMES[id] ?? id} — ${layersText(layers)}`;
  }
  return labels;
}

// The optimizer's catalog entry (the default optimizer's when the name is unknown).
export const optimizerInfo = (regularizationCatalog, id) =>
  regularizationCatalog.optimizers.find((o) => o.id === id) ??
  regularizationCatalog.optimizers.find((o) => o.id === regularizationCatalog.defaults.optimizer);

// "0.03 (Adam, AdamW), 0.1 (SGD + momentum)": an optimizer setting's values, optimizers sharing one
// value named together.
function perOptimizer(optimizers, key) {
  const groups = new Map();
  for (const o of optimizers) groups.set(o[key], [...(groups.get(o[key]) ?? []), optimizerLabel(o.id)]);
  return [...groups].map(([value, names]) => `${value} (${names.join(', ')})`).join(', ');
}

// The schema, from the core's regularizationCatalog() (capacities, optimizers, limits, defaults).
export function regularizationSchema(regularizationCatalog) {
  const { limits, defaults, optimizers, capacities } = regularizationCatalog;
  const presets = capacities
    .filter((c) => c.id !== 'custom')
    .map((c) => layersText(c.layers, 'unit').replace(' layers × ', ' × '));
  const smallerDecay = optimizers.filter((o) => o.maxWeightDecay < limits.maxPenalty);
  return [
    {
      name: 'capacity',
      type: 'id',
      defaultValue: defaults.capacity,
      choices: capacities.map((c) => c.id),
      optionLabels: capacityLabels(regularizationCatalog),
      label: 'Model capacity',
      hint: 'How many weights the network has to bend its curve with',
      description: `Tanh hidden layers: ${presets.join(', ')}, or \`width\` × \`depth\`.`,
      group: 'Model and training',
    },
    {
      name: 'width',
      type: 'integer',
      defaultValue: defaults.width,
      min: limits.minWidth,
      max: limits.maxWidth,
      label: 'Units per hidden layer',
      logScale: true,
      description: 'Units per hidden layer, for `capacity="custom"`.',
      group: 'Model and training',
    },
    {
      name: 'depth',
      type: 'integer',
      defaultValue: defaults.depth,
      min: limits.minDepth,
      max: limits.maxDepth,
      label: 'Hidden layers',
      description: 'Hidden layers, for `capacity="custom"`.',
      group: 'Model and training',
    },
    {
      name: 'epochs',
      type: 'integer',
      defaultValue: defaults.epochs,
      min: limits.minEpochs,
      max: limits.maxEpochs,
      label: 'Epochs',
      hint: 'Full-batch passes over the training points',
      logScale: true,
      description: 'Full-batch passes over the training points. Runs longer than a frame show their progress.',
      group: 'Model and training',
    },
    {
      name: 'optimizer',
      type: 'id',
      defaultValue: defaults.optimizer,
      choices: optimizers.map((o) => o.id),
      optionLabels: OPTIMIZER_LABELS,
      label: 'Optimizer',
      description: 'Adam, AdamW (decoupled weight decay) or SGD with momentum 0.9.',
      group: 'Model and training',
    },
    {
      name: 'lr',
      type: 'number',
      defaultValue: null,
      min: 1e-5,
      max: limits.maxLearningRate,
      label: 'Learning rate α',
      hint: 'Log scale',
      logScale: true,
      sliderMin: 1e-4,
      description: 'Learning rate.',
      group: 'Model and training',
      defaultText: perOptimizer(optimizers, 'defaultLearningRate'),
    },
    {
      name: 'dropout',
      type: 'boolean',
      defaultValue: false,
      label: 'Dropout',
      hint: 'Silence a random fraction of the hidden units at every training step (all are on for predictions)',
      description: 'Switch dropout on.',
      group: 'Regularization',
    },
    {
      name: 'dropout-rate',
      type: 'number',
      defaultValue: 0.2,
      min: 0.01,
      max: limits.maxDropout,
      label: 'Dropout rate p',
      hint: 'Probability of silencing each hidden unit',
      description: 'Drop each hidden unit with this probability at every training step.',
      group: 'Regularization',
    },
    {
      name: 'l2',
      type: 'boolean',
      defaultValue: false,
      label: 'Weight decay (L2)',
      hint: 'Adam, SGD + momentum: adds (λ/2)·Σw² to the loss. AdamW: shrinks every parameter by α·λ·θ per step (decoupled)',
      description:
        "Switch weight decay on: the penalty (λ/2)·Σw² on the weights for Adam and momentum, AdamW's decoupled decay for `adamw`.",
      group: 'Regularization',
    },
    {
      name: 'l2-lambda',
      type: 'number',
      defaultValue: null,
      min: 0,
      max: limits.maxPenalty,
      label: 'Weight decay λ',
      logScale: true,
      sliderMin: 1e-5,
      description: `The weight-decay strength λ${smallerDecay.length ? ` (${smallerDecay.map((o) => `${optimizerLabel(o.id)}: at most ${o.maxWeightDecay}`).join('; ')})` : ''}.`,
      group: 'Regularization',
      defaultText: `off; ${perOptimizer(optimizers, 'defaultWeightDecay')}`,
    },
    {
      name: 'l1',
      type: 'boolean',
      defaultValue: false,
      label: 'L1 penalty',
      hint: 'Adds λ₁·Σ|w| to the loss; drives weights to exactly zero',
      description: 'Switch the L1 penalty λ₁·Σ|w| on, which sets weights to exactly zero.',
      group: 'Regularization',
    },
    {
      name: 'l1-lambda',
      type: 'number',
      defaultValue: 0.001,
      min: 0,
      max: limits.maxPenalty,
      label: 'L1 strength λ₁',
      logScale: true,
      sliderMin: 1e-5,
      sliderMax: 1,
      description: 'The L1 strength λ₁.',
      group: 'Regularization',
    },
    {
      name: 'early-stopping',
      type: 'boolean',
      defaultValue: false,
      label: 'Early stopping',
      hint: "Stop when the validation loss has not improved for `patience` epochs; keep the best epoch's weights",
      description:
        "Switch early stopping on: stop once the validation loss has not improved for `patience` epochs, and keep the best epoch's weights.",
      group: 'Regularization',
    },
    {
      name: 'patience',
      type: 'integer',
      defaultValue: defaults.patience,
      min: 1,
      max: limits.maxPatience,
      label: 'Patience (epochs)',
      logScale: true,
      sliderMax: 200,
      description: 'Epochs without a lower validation loss before early stopping stops.',
      group: 'Regularization',
    },
    {
      name: 'noise',
      type: 'number',
      defaultValue: defaults.noise,
      min: 0,
      max: 2,
      label: 'Noise σ on y',
      sliderMax: 1,
      description: 'Standard deviation of the Gaussian noise on y.',
      group: 'Data and page',
    },
    {
      name: 'train-points',
      type: 'integer',
      defaultValue: defaults.trainPoints,
      min: limits.minTrainPoints,
      max: limits.maxTrainPoints,
      label: 'Training points',
      hint: `Validation points stay at ${defaults.validationPoints}`,
      logScale: true,
      sliderMax: 200,
      description: `Training points; the ${defaults.validationPoints} validation points stay the same.`,
      group: 'Data and page',
    },
    {
      name: 'seed',
      type: 'integer',
      defaultValue: defaults.seed,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      label: 'Seed',
      hint: 'Same seed ⇒ same data, same initial weights, same run',
      control: 'text',
      description: 'Seed of the data, the initial weights and the dropout masks: the same seed gives the same run.',
      group: 'Data and page',
    },
    {
      name: 'speed',
      viewOnly: true,
      type: 'number',
      defaultValue: 60,
      min: 1,
      max: 600,
      label: 'Animation speed (epochs/s)',
      logScale: true,
      description: 'Epochs per second when the learner presses Play (slower when the reader prefers reduced motion).',
      group: 'Data and page',
    },
  ];
}

// The attribute names (observed before the core has loaded); the catalog does not change them.

export const STATE_ATTRIBUTES = regularizationSchema({ capacities: [], optimizers: [], limits: {}, defaults: {} }).map(
  (entry) => entry.name,
);

// The optimizer's own learning rate and weight decay unless the state sets them.
export const learningRateOf = (state, regularizationCatalog) =>
  state.lr ?? optimizerInfo(regularizationCatalog, state.optimizer).defaultLearningRate;
export const l2LambdaOf = (state, regularizationCatalog) =>
  state['l2-lambda'] ?? optimizerInfo(regularizationCatalog, state.optimizer).defaultWeightDecay;

// Fixes what the schema alone cannot check, with a message, so the widget keeps working.
export function checkRegularizationState(state, errors, regularizationCatalog) {
  const lambda = state['l2-lambda'];
  const { maxWeightDecay, defaultWeightDecay } = optimizerInfo(regularizationCatalog, state.optimizer);
  if (lambda !== null && lambda > maxWeightDecay) {
    errors.push(
      `l2-lambda: ${lambda} is too large for ${optimizerLabel(state.optimizer)} (at most ${maxWeightDecay}) — using ${defaultWeightDecay}`,
    );
    state['l2-lambda'] = null;
  }
}

// The config object core.runRegularization / createRegularizationRun expects. Validation points
// are the core's default (twice the default training set), fixed, so the validation loss of
// different settings is measured on the same kind of sample.
export function toRegularizationConfig(state, regularizationCatalog) {
  return {
    capacity: state.capacity,
    width: state.width,
    depth: state.depth,
    epochs: state.epochs,
    optimizer: state.optimizer,
    lr: learningRateOf(state, regularizationCatalog),
    dropout: state.dropout ? state['dropout-rate'] : 0,
    weightDecay: state.l2 ? l2LambdaOf(state, regularizationCatalog) : 0,
    l1: state.l1 ? state['l1-lambda'] : 0,
    earlyStopping: state['early-stopping'],
    patience: state.patience,
    noise: state.noise,
    trainPoints: state['train-points'],
    validationPoints: regularizationCatalog.defaults.validationPoints,
    seed: state.seed,
  };
}
