// State of <descent-lr>: the attribute/URL schema of the learning-rate explorer — the schedule and
// its parameters, the training setup, the three rates, the range test's span, the linear-scaling
// batch — and which panels a teacher hides.
import { hideEntry, shortText } from '../../ui/state-schema.js';

// The explorer's panels, in page order; hide="…" takes any of these names.
export const PANELS = ['schedule', 'compare', 'rates', 'range', 'scaling'];

// Which controls belong to which panel (hidden with it).
export const PANEL_CONTROLS = {
  schedule: ['schedule', 'lr'],
  compare: [],
  rates: ['too-large', 'about-right', 'too-small'],
  range: ['range-min', 'range-max'],
  scaling: ['scale-batch'],
};

// "key=value,key=value" → {key: value}: a schedule's own parameters (the core checks keys' ranges;
// the widget checks the keys against the chosen schedule). '' = every parameter at its default.
function parseScheduleParams(text) {
  if (text === '') return { value: {} };
  const value = {};
  for (const pair of text.split(',')) {
    const [key, raw, extra] = pair.split('=').map((part) => part.trim());
    const number = raw === undefined || raw === '' ? NaN : Number(raw);
    if (!/^[a-z][a-z0-9_]*$/.test(key ?? '') || extra !== undefined || !Number.isFinite(number)) {
      return { error: `schedule-params: expected "key=number" pairs separated by commas, got "${shortText(text)}"` };
    }
    value[key] = number;
  }
  return { value };
}

const formatScheduleParams = (params) =>
  Object.entries(params)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');

export const LR_SCHEMA = [
  {
    name: 'schedule',
    type: 'id',
    defaultValue: 'warmup_cosine',
    label: 'Schedule',
    description: 'The schedule of panels 1 and 2.',
    catalog: 'schedules',
  },
  {
    name: 'schedule-params',
    type: 'custom',
    defaultValue: {},
    parse: parseScheduleParams,
    format: formatScheduleParams,
    description: "The schedule's own parameters.",
    values: "`key=number,…` of the schedule's parameters (e.g. `warmup_steps=40`, `d_model=512`)",
    defaultText: "empty (each parameter's default)",
  },
  {
    name: 'lr',
    type: 'number',
    defaultValue: 2,
    min: 0.0001,
    max: 100,
    label: 'Base rate η',
    hint: 'The rate the schedule scales (its peak for warm-up, cyclic and one-cycle schedules)',
    logScale: true,
    description: 'Base rate η the schedule scales; also the base rate of the scaling rule.',
  },
  {
    name: 'epochs',
    type: 'integer',
    defaultValue: 20,
    min: 1,
    max: 200,
    label: 'Epochs',
    description: 'Epochs of the training runs of panels 2 and 3 (at most 20000 steps).',
  },
  {
    name: 'batch',
    type: 'integer',
    defaultValue: 25,
    min: 1,
    max: 2000,
    label: 'Batch size',
    hint: 'Samples per SGD step (also the base batch of the scaling rule)',
    sliderMax: 200,
    description: 'Mini-batch size of panels 2 and 3 (at most `points`).',
  },
  {
    name: 'points',
    type: 'integer',
    defaultValue: 200,
    min: 20,
    max: 2000,
    label: 'Training points',
    logScale: true,
    description: 'Training points of panels 2 and 3.',
  },
  {
    name: 'seed',
    type: 'integer',
    defaultValue: 1,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    label: 'Seed',
    hint: 'Data, initial weights and batch order',
    control: 'text',
    description: 'Seed of the data, the initial weights and the batch order.',
  },
  {
    name: 'too-large',
    type: 'number',
    defaultValue: 4.5,
    min: 0.0001,
    max: 100,
    label: 'Too large η',
    hint: 'Panel 3: the rate that should blow up',
    logScale: true,
    description: 'The too-large constant rate of panel 3.',
  },
  {
    name: 'about-right',
    type: 'number',
    defaultValue: 0.5,
    min: 0.0001,
    max: 100,
    label: 'About right η',
    hint: 'Panel 3: a rate that trains well',
    logScale: true,
    description: 'The about-right constant rate of panel 3.',
  },
  {
    name: 'too-small',
    type: 'number',
    defaultValue: 0.005,
    min: 0.0001,
    max: 100,
    label: 'Too small η',
    hint: 'Panel 3: a rate that barely moves',
    logScale: true,
    description: 'The too-small constant rate of panel 3 (the three must increase from too-small to too-large).',
  },
  {
    name: 'range-min',
    type: 'number',
    defaultValue: 0.0001,
    min: 1e-7,
    max: 1,
    label: 'Range test: from η',
    logScale: true,
    description: "The range test's lowest rate.",
  },
  {
    name: 'range-max',
    type: 'number',
    defaultValue: 100,
    min: 0.001,
    max: 1e6,
    label: 'Range test: to η',
    logScale: true,
    description: "The range test's highest rate.",
  },
  {
    name: 'scale-batch',
    type: 'integer',
    defaultValue: 100,
    min: 1,
    max: 1048576,
    label: 'New batch size',
    hint: 'The batch size to scale the rate to',
    logScale: true,
    sliderMax: 2000,
    description: 'The new batch size of the linear scaling rule (the base batch is `batch`).',
  },
  { ...hideEntry(PANELS), defaultText: 'empty', description: 'Panels to hide.' },
];

export const STATE_ATTRIBUTES = LR_SCHEMA.map((entry) => entry.name);

// Drops schedule parameters the chosen schedule does not have (reported), so a URL edited by hand
// cannot send the core a key it would ignore silently.
export function checkScheduleParams(state, catalog, errors) {
  const info = catalog.schedules.find((s) => s.id === state.schedule);
  if (!info) {
    errors.push(
      `schedule: "${shortText(state.schedule)}" is not known (valid: ${catalog.schedules.map((s) => s.id).join(', ')})`,
    );
    state.schedule = 'warmup_cosine';
    state['schedule-params'] = {};
    return;
  }
  const keys = info.parameters.map((p) => p.key);
  const unknown = Object.keys(state['schedule-params']).filter((key) => !keys.includes(key));
  if (unknown.length) {
    errors.push(
      `schedule-params: ${unknown.join(', ')} not a parameter of ${state.schedule} (it has ${keys.join(', ') || 'none'})`,
    );
    state['schedule-params'] = Object.fromEntries(
      Object.entries(state['schedule-params']).filter(([key]) => keys.includes(key)),
    );
  }
}
