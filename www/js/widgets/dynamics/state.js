// State of <descent-dynamics>: the attribute/URL schema and the translation of a
// state into the core's createDynamicsProbe config.
import { shortText } from '../../ui/state-schema.js';

// The activations, initialisers and limits are the core's (dynamicsCatalog()); the widget adds
// the words for people.
const ACTIVATION_LABELS = {
  sigmoid: 'Sigmoid (σ′ ≤ 0.25)',
  tanh: 'Tanh (tanh′ ≤ 1)',
  relu: 'ReLU (0 or 1)',
  leaky_relu: 'Leaky ReLU (0.01 or 1)',
  gelu: 'GELU',
};

const INITIALIZER_LABELS = {
  naive_uniform: 'Naive uniform [0, 1)',
  naive_normal: 'Naive normal N(0, 1) — large σ',
  small: 'Too small N(0, 0.01²)',
  xavier: 'Xavier: Var = 2/(n_in + n_out)',
  he: 'He: Var = 2/n_in',
};

export const initializerLabel = (id) => INITIALIZER_LABELS[id] ?? id;

// The schema, from the core's dynamicsCatalog() (activations, initialisers, limits).
export function dynamicsSchema(dynamicsCatalog) {
  const { limits } = dynamicsCatalog;
  return [
    // simple: the seeds' first visualizer — activation and depth only, the other settings fixed.
    {
      name: 'mode',
      type: 'id',
      defaultValue: 'full',
      choices: ['full', 'simple'],
      description:
        '`simple` keeps only the activation and the depth (width 32, He weights, no batch norm, residuals or clipping) — the gradient-flow picture at initialisation.',
      group: 'Network',
    },
    {
      name: 'depth',
      type: 'integer',
      defaultValue: 10,
      min: limits.minDepth,
      max: limits.maxDepth,
      label: 'Layers (depth)',
      description: 'Dense layers in the network.',
      group: 'Network',
    },
    {
      name: 'width',
      type: 'integer',
      defaultValue: 32,
      min: limits.minWidth,
      max: limits.maxWidth,
      label: 'Units per hidden layer',
      logScale: true,
      description: 'Units per hidden layer.',
      group: 'Network',
    },
    {
      name: 'activation',
      type: 'id',
      defaultValue: 'sigmoid',
      choices: dynamicsCatalog.activations,
      optionLabels: ACTIVATION_LABELS,
      label: 'Activation',
      description: 'Activation of every hidden layer.',
      group: 'Network',
    },
    {
      name: 'init',
      type: 'id',
      defaultValue: 'xavier',
      choices: dynamicsCatalog.initializers,
      optionLabels: INITIALIZER_LABELS,
      label: 'Weight initialisation',
      description:
        'Initial weights: uniform [0, 1), N(0, 1), N(0, 0.01²), Xavier (Var = 2/(nin + nout)) or He (Var = 2/nin).',
      group: 'Network',
    },
    {
      name: 'batch-norm',
      type: 'boolean',
      defaultValue: false,
      label: 'Batch norm',
      hint: 'Normalise each hidden layer over the batch before its activation',
      description: 'Batch normalisation before each hidden activation.',
      group: 'Network',
    },
    {
      name: 'residual',
      type: 'boolean',
      defaultValue: false,
      label: 'Residual connections',
      hint: 'Add each hidden layer’s input to its output (layers 2 onwards)',
      description: 'Skip connections around the hidden layers of equal width.',
      group: 'Network',
    },
    {
      name: 'clip',
      type: 'boolean',
      defaultValue: false,
      label: 'Clip the gradient norm',
      hint: 'Rescale the whole gradient to the threshold when its norm is larger (direction kept)',
      description: 'Clip the whole gradient to a global norm (`clip-threshold`) before each step.',
      group: 'Training',
    },
    {
      name: 'clip-threshold',
      type: 'number',
      defaultValue: 1,
      min: 1e-6,
      max: 1e6,
      label: 'Clip threshold',
      logScale: true,
      sliderMin: 0.01,
      sliderMax: 100,
      description: 'The largest gradient norm allowed when `clip` is on.',
      group: 'Training',
    },
    {
      name: 'optimizer',
      type: 'id',
      defaultValue: 'adam',
      label: 'Optimizer',
      description: 'The optimizer of the training steps.',
      group: 'Training',
      catalog: 'optimizers',
    },
    {
      name: 'lr',
      type: 'number',
      defaultValue: 0.01,
      min: 1e-6,
      max: limits.maxLearningRate,
      label: 'Learning rate',
      hint: 'Adam: about 0.01; SGD: about 0.1–1',
      logScale: true,
      sliderMin: 1e-4,
      sliderMax: 10,
      description: 'Learning rate.',
      group: 'Training',
    },
    {
      name: 'steps',
      type: 'integer',
      defaultValue: 100,
      min: 0,
      max: limits.maxSteps,
      label: 'Training steps',
      hint: 'Full-batch steps on 64 points of the circle data set',
      description: 'Full-batch training steps on 64 points of the circle data set; 0 shows the network as initialised.',
      group: 'Training',
    },
    {
      name: 'seed',
      type: 'integer',
      defaultValue: 1,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      label: 'Seed (data and weights)',
      control: 'text',
      description: 'Seed of the initial weights: the same seed gives the same run.',
      group: 'Training',
    },
    {
      name: 'speed',
      viewOnly: true,
      type: 'number',
      defaultValue: 30,
      min: 1,
      max: 240,
      label: 'Replay speed (steps/s)',
      logScale: true,
      description: 'Replay speed, in steps per second.',
      group: 'Training',
    },
  ];
}

// The attribute names (observed before the core has loaded); the catalog does not change them.
export const STATE_ATTRIBUTES = dynamicsSchema({ activations: [], initializers: [], limits: {} }).map(
  (entry) => entry.name,
);

// Simple mode keeps everything but the activation and the depth at these values: the same
// He-scaled weights for every activation, one forward and backward pass, no training.
export const SIMPLE_MODE_SETTINGS = {
  width: 32,
  init: 'he',
  'batch-norm': false,
  residual: false,
  clip: false,
  steps: 0,
};

// Falls back to the default optimizer, with a message, when the core does not know the name.
export function checkOptimizer(state, schema, catalog, errors) {
  if (catalog.optimizers.some((o) => o.id === state.optimizer)) return;
  const fallback = schema.find((entry) => entry.name === 'optimizer').defaultValue;
  errors.push(
    `optimizer: "${shortText(state.optimizer)}" is not known — using ${fallback}. Valid: ${catalog.optimizers.map((o) => o.id).join(', ')}`,
  );
  state.optimizer = fallback;
}

// The config createDynamicsProbe expects.
export function toCoreConfig(state) {
  const settings = state.mode === 'simple' ? { ...state, ...SIMPLE_MODE_SETTINGS } : state;
  return {
    depth: settings.depth,
    width: settings.width,
    activation: settings.activation,
    initializer: settings.init,
    batchNorm: settings['batch-norm'],
    residual: settings.residual,
    clip: settings.clip,
    clipThreshold: settings['clip-threshold'],
    optimizer: settings.optimizer,
    lr: settings.lr,
    steps: settings.steps,
    seed: settings.seed,
  };
}
