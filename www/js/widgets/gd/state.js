// State of <descent-gd>: the attribute/URL schema and the translation of a
// state into the core's runDescent config.
import { EXPRESSION_ENTRY, expressionFor } from '../typed-surface-state.js';

// Optimizer hyper-parameter and schedule parameter keys of the core catalog;
// attributes use the same names with '-' for '_' (weight_decay → weight-decay).
export const HYPER_PARAMETER_KEYS = [
  'momentum', 'dampening', 'weight_decay', 'lr_decay', 'initial_accumulator_value',
  'eps', 'alpha', 'centered', 'beta1', 'beta2',
];
export const SCHEDULE_PARAMETER_KEYS = [
  'step_size', 'gamma', 'min_lr_factor', 'warmup_steps', 'cycle_steps',
  'pct_start', 'div_factor', 'final_div_factor',
];
export const attributeName = (key) => key.replaceAll('_', '-');

export const MAX_WIDGET_STEPS = 500;

export const GD_SCHEMA = [
  { name: 'surface', type: 'id', defaultValue: 'quadratic1d' },
  { name: 'condition', type: 'number', defaultValue: 10, min: 1, max: 1000 },
  EXPRESSION_ENTRY,
  { name: 'optimizer', type: 'id', defaultValue: 'adam' },
  { name: 'lr', type: 'number', defaultValue: null, min: 1e-9, max: 1000 },
  { name: 'steps', type: 'integer', defaultValue: 12, min: 1, max: MAX_WIDGET_STEPS },
  { name: 'start', type: 'point', defaultValue: null },
  { name: 'schedule', type: 'id', defaultValue: 'constant' },
  { name: 'clip', type: 'id', defaultValue: 'none', choices: ['none', 'norm', 'value'] },
  { name: 'clip-threshold', type: 'number', defaultValue: 1, min: 1e-9, max: 1e9 },
  { name: 'noise', type: 'number', defaultValue: 0, min: 0, max: 1000 },
  { name: 'seed', type: 'integer', defaultValue: 1, min: 0, max: Number.MAX_SAFE_INTEGER },
  { name: 'speed', type: 'number', defaultValue: 6, min: 0.5, max: 60 },
  ...HYPER_PARAMETER_KEYS.map((key) => ({ name: attributeName(key), type: 'number', defaultValue: null })),
  ...SCHEDULE_PARAMETER_KEYS.map((key) => ({ name: attributeName(key), type: 'number', defaultValue: null })),
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
      errors.push(`${name}: "${state[name]}" is not known — using ${fallback}. Valid: ${list.map((i) => i.id).join(', ')}`);
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
