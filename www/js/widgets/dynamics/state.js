// State of <descent-dynamics>: the attribute/URL schema and the translation of a
// state into the core's createDynamicsProbe config.

export const ACTIVATIONS = [
  { value: 'sigmoid', label: 'Sigmoid (σ′ ≤ 0.25)' },
  { value: 'tanh', label: 'Tanh (tanh′ ≤ 1)' },
  { value: 'relu', label: 'ReLU (0 or 1)' },
  { value: 'leaky_relu', label: 'Leaky ReLU (0.01 or 1)' },
  { value: 'gelu', label: 'GELU' },
];

export const INITIALIZERS = [
  { value: 'naive_uniform', label: 'Naive uniform [0, 1)' },
  { value: 'naive_normal', label: 'Naive normal N(0, 1) — large σ' },
  { value: 'small', label: 'Too small N(0, 0.01²)' },
  { value: 'xavier', label: 'Xavier: Var = 2/(n_in + n_out)' },
  { value: 'he', label: 'He: Var = 2/n_in' },
];

export const DYNAMICS_SCHEMA = [
  // simple: the seeds' first visualizer — activation and depth only, the other settings fixed.
  { name: 'mode', type: 'id', defaultValue: 'full', choices: ['full', 'simple'], description: '`simple` keeps only the activation and the depth (width 32, He weights, no batch norm, residuals or clipping) — the gradient-flow picture at initialisation.', group: 'Network' },
  { name: 'depth', type: 'integer', defaultValue: 10, min: 2, max: 30, description: 'Dense layers in the network.', group: 'Network' },
  { name: 'width', type: 'integer', defaultValue: 32, min: 2, max: 128, description: 'Units per hidden layer.', group: 'Network' },
  { name: 'activation', type: 'id', defaultValue: 'sigmoid', choices: ACTIVATIONS.map((a) => a.value), description: 'Activation of every hidden layer.', group: 'Network' },
  { name: 'init', type: 'id', defaultValue: 'xavier', choices: INITIALIZERS.map((i) => i.value), description: 'Initial weights: uniform [0, 1), N(0, 1), N(0, 0.01²), Xavier (Var = 2/(nin + nout)) or He (Var = 2/nin).', group: 'Network' },
  { name: 'batch-norm', type: 'boolean', defaultValue: false, description: 'Batch normalisation before each hidden activation.', group: 'Network' },
  { name: 'residual', type: 'boolean', defaultValue: false, description: 'Skip connections around the hidden layers of equal width.', group: 'Network' },
  { name: 'clip', type: 'boolean', defaultValue: false, description: 'Clip the whole gradient to a global norm (`clip-threshold`) before each step.', group: 'Training' },
  { name: 'clip-threshold', type: 'number', defaultValue: 1, min: 1e-6, max: 1e6, description: 'The largest gradient norm allowed when `clip` is on.', group: 'Training' },
  { name: 'optimizer', type: 'id', defaultValue: 'adam', description: 'The optimizer of the training steps.', group: 'Training', catalog: 'dynamics.optimizers' },
  { name: 'lr', type: 'number', defaultValue: 0.01, min: 1e-6, max: 100, description: 'Learning rate.', group: 'Training' },
  { name: 'steps', type: 'integer', defaultValue: 100, min: 0, max: 500, description: 'Full-batch training steps on 64 points of the circle data set; 0 shows the network as initialised.', group: 'Training' },
  { name: 'seed', type: 'integer', defaultValue: 1, min: 0, max: Number.MAX_SAFE_INTEGER, description: 'Seed of the initial weights: the same seed gives the same run.', group: 'Training' },
  { name: 'speed', type: 'number', defaultValue: 30, min: 1, max: 240, description: 'Replay speed, in steps per second.', group: 'Training' },
];

export const STATE_ATTRIBUTES = DYNAMICS_SCHEMA.map((entry) => entry.name);

// Simple mode keeps everything but the activation and the depth at these values: the same
// He-scaled weights for every activation, one forward and backward pass, no training.
export const SIMPLE_MODE_SETTINGS = { width: 32, init: 'he', 'batch-norm': false, residual: false, clip: false, steps: 0 };

// Falls back to the default optimizer, with a message, when the core does not know the name.
export function checkOptimizer(state, catalog, errors) {
  if (catalog.optimizers.some((o) => o.id === state.optimizer)) return;
  const fallback = DYNAMICS_SCHEMA.find((entry) => entry.name === 'optimizer').defaultValue;
  errors.push(`optimizer: "${state.optimizer}" is not known — using ${fallback}. Valid: ${catalog.optimizers.map((o) => o.id).join(', ')}`);
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
