// State of <descent-gd>: the attribute/URL schema and the translation of a
// state into the core's runDescent config.
import { EXPRESSION_ENTRY, expressionFor } from '../typed-surface-state.js';
import { shortText } from '../../ui/state-schema.js';

// Optimizer hyper-parameter and schedule parameter keys of the core catalog;
// attributes use the same names with '-' for '_' (weight_decay → weight-decay).
export const HYPER_PARAMETER_KEYS = [
  'momentum',
  'dampening',
  'weight_decay',
  'lr_decay',
  'initial_accumulator_value',
  'eps',
  'alpha',
  'centered',
  'beta1',
  'beta2',
];
export const SCHEDULE_PARAMETER_KEYS = [
  'step_size',
  'gamma',
  'min_lr_factor',
  'warmup_steps',
  'cycle_steps',
  'pct_start',
  'div_factor',
  'final_div_factor',
  'd_model',
];
export const attributeName = (key) => key.replaceAll('_', '-');

export const MAX_WIDGET_STEPS = 500;

// The embed page's words for the optimizer's and schedule's own parameters (their ranges and
// defaults per optimizer come from the core's catalog).
const PARAMETER_DOCS = {
  momentum: {
    values: 'number in [0, 1)',
    defaultText: '0.9 for `momentum`, `nesterov`; 0 for `rmsprop`',
    description: 'The fraction of the velocity kept each step.',
  },
  dampening: {
    values: 'number in [0, 1)',
    defaultText: '0',
    description: 'Momentum: the fraction of each new gradient left out of the velocity.',
  },
  weight_decay: {
    values: 'number in [0, 1]',
    defaultText: '0 (0.01 for `adamw`)',
    description:
      'Pulls every parameter towards 0: added to the gradient (L2) for most optimizers, applied to the parameters directly (decoupled) for `adamw` and `lion`.',
  },
  lr_decay: { values: 'number ≥ 0', defaultText: '0', description: 'Adagrad: shrinks the step size over time.' },
  initial_accumulator_value: {
    values: 'number ≥ 0',
    defaultText: '0',
    description: 'Adagrad: the starting sum of squared gradients.',
  },
  eps: {
    values: 'small number > 0',
    defaultText: '1e-8 (1e-10 for `adagrad`)',
    description: 'Added to the divisor of adaptive optimizers so a tiny gradient history cannot cause a huge step.',
  },
  alpha: {
    values: 'number in [0, 1)',
    defaultText: '0.99',
    description: 'RMSProp: memory of its squared-gradient average.',
  },
  centered: {
    values: '0 or 1',
    defaultText: '0',
    description: "RMSProp: whether to divide by the gradient's variance instead of its mean square.",
  },
  beta1: {
    values: 'number in [0, 1)',
    defaultText: '0.9',
    description: 'Adam and AdamW: memory of the gradient average. Lion: the blend of momentum and gradient.',
  },
  beta2: {
    values: 'number in [0, 1)',
    defaultText: '0.999 (Lion: 0.99)',
    description: "Adam and AdamW: memory of the squared-gradient average. Lion: the momentum's memory.",
  },
  step_size: {
    values: 'integer ≥ 1',
    defaultText: '10',
    description: '`step`: multiply the rate by `gamma` every `step-size` updates.',
  },
  gamma: {
    values: 'number in [0, 1]',
    defaultText: '0.5 (0.95 for `exponential`)',
    description:
      '`step`: the factor applied every `step-size` updates. `exponential`: the factor applied every update.',
  },
  min_lr_factor: {
    values: 'number in [0, 1]',
    defaultText: '0 (0.1 for `cyclic`)',
    description: '`cosine`, `warmup_cosine`, `cyclic`: the lowest rate, as a fraction of `lr`.',
  },
  warmup_steps: {
    values: 'integer',
    defaultText: '5',
    description: '`warmup_cosine`, `inverse_sqrt`: updates spent ramping the rate up to `lr`.',
  },
  cycle_steps: {
    values: 'integer ≥ 1',
    defaultText: '10',
    description: '`cyclic`: updates to climb from the lowest rate to `lr` (and as many to come back down).',
  },
  pct_start: {
    values: 'number in (0, 1)',
    defaultText: '0.3',
    description: '`one_cycle`: the fraction of the run spent rising.',
  },
  div_factor: {
    values: 'number ≥ 1',
    defaultText: '25',
    description: '`one_cycle`: the run starts at `lr` / `div-factor`.',
  },
  final_div_factor: {
    values: 'number ≥ 1',
    defaultText: '10000',
    description: '`one_cycle`: the run ends at its starting rate divided again by `final-div-factor`.',
  },
  d_model: {
    values: 'whole number 1 – 65536',
    defaultText: '512',
    description: '`transformer`: the model width; the rate scales as 1/√`d-model`.',
  },
};

export const GD_SCHEMA = [
  {
    name: 'surface',
    type: 'id',
    defaultValue: 'quadratic1d',
    label: 'Surface',
    description:
      'The loss surface. `quadratic1d` is the 1-D f(θ) = θ² − 6θ + 12; `custom1d` and `custom` are your own formula f(x) or f(x, y) (see `expression`); the others are 2-D.',
    group: 'Problem',
    catalog: 'surfaces',
  },
  {
    name: 'condition',
    type: 'number',
    defaultValue: 10,
    min: 1,
    max: 1000,
    label: 'Condition number κ',
    hint: 'Ratio of the steepest to the flattest curvature of the ravine',
    logScale: true,
    description: 'For `ravine`: its condition number, the ratio of the steepest to the flattest curvature.',
    group: 'Problem',
  },
  {
    ...EXPRESSION_ENTRY,
    group: 'Problem',
    values: 'a formula in x (and y), e.g. `(x - 1)^2 + 4*(y - x/2)^2`',
    defaultText: '`x^4 - 3*x^2 + x` (`custom1d`), `(x - 1)^2 + 4*(y - x/2)^2` (`custom`)',
    description:
      "For `custom1d` / `custom`: the surface, differentiated by the core's autograd engine. Operators `+ - * / ^`, functions `exp log sin cos tanh sigmoid relu abs sqrt`, the constant `pi`. A syntax error is reported with its position.",
  },
  {
    name: 'optimizer',
    type: 'id',
    defaultValue: 'adam',
    label: 'Optimizer',
    description: 'The update rule, as PyTorch defines it. `momentum` and `nesterov` are SGD with momentum 0.9.',
    group: 'Optimizer',
    catalog: 'optimizers',
  },
  {
    name: 'lr',
    type: 'number',
    defaultValue: null,
    min: 1e-9,
    max: 1000,
    label: 'Learning rate α',
    hint: 'Log scale; type any value up to 1000',
    logScale: true,
    sliderMin: 1e-4,
    sliderMax: 10,
    description:
      'Learning rate. Its meaning differs between optimizers: SGD steps by `lr` × gradient, Adam by about `lr`.',
    group: 'Optimizer',
    defaultText: "0.15 in the 1-D default setup, otherwise the optimizer's own default",
  },
  {
    name: 'steps',
    type: 'integer',
    defaultValue: 12,
    min: 1,
    max: MAX_WIDGET_STEPS,
    label: 'Steps',
    logScale: true,
    description: 'Number of updates to run.',
    group: 'Optimizer',
  },
  {
    name: 'start',
    type: 'point',
    defaultValue: null,
    label: 'Start (drag it on the plot)',
    hint: 'θ in 1-D, or x,y in 2-D',
    description: 'Where the descent starts.',
    group: 'Problem',
    values: '`0.5` (1-D) or `x,y` (2-D)',
    defaultText: 'per surface',
  },
  {
    name: 'schedule',
    type: 'id',
    defaultValue: 'constant',
    label: 'Learning-rate schedule',
    description: 'How the learning rate changes over the run.',
    group: 'Learning-rate schedule',
    catalog: 'schedules',
  },
  {
    name: 'clip',
    type: 'id',
    defaultValue: 'none',
    choices: ['none', 'norm', 'value'],
    label: 'Gradient clipping',
    description: 'Gradient clipping: rescale the whole gradient, or cap each component.',
    group: 'Gradient',
  },
  {
    name: 'clip-threshold',
    type: 'number',
    defaultValue: 1,
    min: 1e-9,
    max: 1e9,
    label: 'Clip threshold',
    logScale: true,
    sliderMin: 0.01,
    sliderMax: 100,
    description: 'Largest allowed gradient norm (`norm`) or component (`value`).',
    group: 'Gradient',
  },
  {
    name: 'noise',
    type: 'number',
    defaultValue: 0,
    min: 0,
    max: 1000,
    label: 'Gradient noise σ',
    hint: 'Gaussian noise added to each gradient component (seeded)',
    sliderMax: 5,
    description: 'Standard deviation of Gaussian noise added to each gradient component, like a mini-batch gradient.',
    group: 'Gradient',
  },
  {
    name: 'seed',
    type: 'integer',
    defaultValue: 1,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    label: 'Seed',
    control: 'text',
    description: 'Seed of that noise: the same seed gives the same run.',
    group: 'Gradient',
  },
  {
    name: 'speed',
    viewOnly: true,
    type: 'number',
    defaultValue: 6,
    min: 0.5,
    max: 60,
    label: 'Animation speed (steps/s)',
    logScale: true,
    description:
      'Animation speed when the learner presses Play, in steps per second (slower when the reader prefers reduced motion).',
    group: 'Page',
  },
  ...HYPER_PARAMETER_KEYS.map((key) => ({
    name: attributeName(key),
    type: 'number',
    defaultValue: null,
    group: 'Optimizer',
    ...PARAMETER_DOCS[key],
  })),
  ...SCHEDULE_PARAMETER_KEYS.map((key) => ({
    name: attributeName(key),
    type: 'number',
    defaultValue: null,
    group: 'Learning-rate schedule',
    ...PARAMETER_DOCS[key],
  })),
];

export const STATE_ATTRIBUTES = GD_SCHEMA.map((entry) => entry.name);

// The teaching seed's setup: Adam with lr 0.15 on θ² − 6θ + 12 from θ = 0.5.
const SEED_SETUP = { surface: 'quadratic1d', optimizer: 'adam', lr: 0.15, start: [0.5] };

export function defaultLearningRate(state, optimizerInfo) {
  if (state.surface === SEED_SETUP.surface && state.optimizer === SEED_SETUP.optimizer) return SEED_SETUP.lr;
  return optimizerInfo.defaultLearningRate;
}

export function defaultStart(surfaceInfo) {
  return Array.from(surfaceInfo.defaultStart);
}

// Checks the names the core knows (surface, optimizer, schedule) and falls back
// to the defaults with a message, so an unknown name never blanks the widget.
export function checkCatalogNames(state, catalog, errors) {
  const checks = [
    ['surface', catalog.surfaces],
    ['optimizer', catalog.optimizers],
    ['schedule', catalog.schedules],
  ];
  for (const [name, list] of checks) {
    if (!list.some((item) => item.id === state[name])) {
      const fallback = GD_SCHEMA.find((entry) => entry.name === name).defaultValue;
      errors.push(
        `${name}: "${shortText(state[name])}" is not known — using ${fallback}. Valid: ${list.map((i) => i.id).join(', ')}`,
      );
      state[name] = fallback;
    }
  }
}

// The config object runDescent expects. Parameters the chosen optimizer or
// schedule does not have are left out (switching optimizer keeps no stale β).
export function toCoreConfig(state, catalog) {
  const surfaceInfo = catalog.surfaces.find((s) => s.id === state.surface);
  const optimizerInfo = catalog.optimizers.find((o) => o.id === state.optimizer);
  const scheduleInfo = catalog.schedules.find((s) => s.id === state.schedule);
  const pick = (infos) => {
    const values = {};
    for (const info of infos) {
      const value = state[attributeName(info.key)];
      if (value !== null && value !== undefined) values[info.key] = value;
    }
    return values;
  };
  return {
    surface: state.surface,
    condition: state.condition,
    expression: expressionFor(state, catalog),
    optimizer: state.optimizer,
    lr: state.lr ?? defaultLearningRate(state, optimizerInfo),
    hyper: pick(optimizerInfo.hyperParameters),
    schedule: state.schedule,
    scheduleParams: pick(scheduleInfo.parameters),
    clip: state.clip,
    clipThreshold: state['clip-threshold'],
    start: state.start ?? defaultStart(surfaceInfo),
    steps: state.steps,
    noise: state.noise,
    seed: state.seed,
  };
}
