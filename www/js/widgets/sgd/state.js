// State of <descent-sgd>: the attribute/URL schema and the translation of a
// state into the core's sgdRun config.
import { shortText } from '../../ui/state-schema.js';

// The batch-size menu; "all" is the whole data set (full-batch gradient descent).
export const BATCH_CHOICES = ['1', '8', '32', '128', 'all'];
export const MAX_FAN_ARROWS = 64;

// batch: a whole number of points (1 to the data set's size, checked against the
// core in checkState) or "all".
const BATCH_ENTRY = {
  name: 'batch',
  label: 'Batch size B',
  hint: 'Points per gradient estimate; one epoch is N/B iterations',
  description: 'Points per mini-batch; an epoch is ⌈256/B⌉ iterations.',
  values: '1 – 256 or `all`',
  defaultText: '8',
  type: 'custom',
  defaultValue: 8,
  parse(text) {
    if (text.toLowerCase() === 'all') return { value: 'all' };
    const number = Number(text);
    if (text === '' || !Number.isInteger(number) || number < 1) {
      return { error: `batch: expected a whole number of points ≥ 1 or "all", got "${shortText(text)}"` };
    }
    return { value: number };
  },
  format: (value) => String(value),
};

export const SGD_SCHEMA = [
  BATCH_ENTRY,
  {
    name: 'lr',
    type: 'number',
    defaultValue: null,
    min: 1e-4,
    max: 100,
    label: 'Learning rate η',
    hint: 'Log scale; type any value up to 100',
    logScale: true,
    sliderMin: 0.01,
    sliderMax: 10,
    description: 'Learning rate η of plain SGD.',
    defaultText: '0.75',
  },
  {
    name: 'epochs',
    type: 'integer',
    defaultValue: null,
    min: 1,
    max: 1000,
    label: 'Epochs',
    logScale: true,
    sliderMax: 300,
    description: 'Passes over the data.',
    defaultText: '60',
  },
  {
    name: 'start',
    type: 'point',
    defaultValue: null,
    label: 'Start w,b (drag it on the map)',
    description: 'Starting line (also set by clicking the map).',
    values: '`w,b`',
    defaultText: '`1.9,0`',
  },
  {
    name: 'shuffle',
    type: 'boolean',
    defaultValue: true,
    label: 'Shuffle every epoch',
    hint: 'Off: batches follow the sorted data (steep points first, then flat points by x)',
    description: 'Reshuffle every epoch; `false` takes the batches from the sorted data.',
  },
  {
    name: 'seed',
    type: 'integer',
    defaultValue: 1,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    label: 'Seed (shuffling and fan)',
    control: 'text',
    description: 'Seed of the shuffling and of the sampled fan.',
  },
  {
    name: 'fan',
    viewOnly: true,
    type: 'integer',
    defaultValue: 12,
    min: 0,
    max: MAX_FAN_ARROWS,
    label: 'Mini-batch arrows in the fan',
    description: 'Mini-batch gradient arrows drawn at the current point.',
  },
  {
    name: 'speed',
    viewOnly: true,
    type: 'number',
    defaultValue: 4,
    min: 0.05,
    max: 50,
    label: 'Speed (epochs/s)',
    logScale: true,
    description: 'Animation speed in epochs per second.',
  },
];

export const STATE_ATTRIBUTES = SGD_SCHEMA.map((entry) => entry.name);

// Batch size in points for the core ("all" → the data set's size).
export const batchPoints = (batch, dataSize) => (batch === 'all' ? dataSize : batch);

// Fixes what the schema alone cannot check (it needs the data set's size and the core's limits),
// pushing a message and falling back to the default.
export function checkSgdState(state, dataSet, errors) {
  if (state.batch !== 'all' && state.batch > dataSet.size) {
    errors.push(`batch: ${state.batch} is more points than the data set has (${dataSet.size}) — using "all"`);
    state.batch = 'all';
  }
  if (state.start && state.start.length !== 2) {
    errors.push('start: needs two numbers "w,b" — using the default start');
    state.start = null;
  }
  if (state.epochs !== null) {
    const perEpoch = Math.ceil(dataSet.size / batchPoints(state.batch, dataSet.size));
    const most = Math.floor(dataSet.maxIterations / perEpoch);
    if (state.epochs > most) {
      errors.push(
        `epochs: ${state.epochs} epochs of ${perEpoch} iterations is more than ${dataSet.maxIterations} iterations — using ${most}`,
      );
      state.epochs = most;
    }
  }
}

// The config object sgdRun expects.
export function toCoreConfig(state, dataSet) {
  return {
    batchSize: batchPoints(state.batch, dataSet.size),
    lr: state.lr ?? dataSet.defaults.lr,
    epochs: state.epochs ?? dataSet.defaults.epochs,
    start: state.start ?? Array.from(dataSet.defaults.start),
    shuffle: state.shuffle,
    seed: state.seed,
  };
}
