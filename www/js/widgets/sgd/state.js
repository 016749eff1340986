// State of <descent-sgd>: the attribute/URL schema and the translation of a
// state into the core's sgdRun config.

// The batch-size menu; "all" is the whole data set (full-batch gradient descent).
export const BATCH_CHOICES = ['1', '8', '32', '128', 'all'];
export const MAX_FAN_ARROWS = 64;

// batch: a whole number of points (1 to the data set's size, checked against the
// core in checkState) or "all".
const BATCH_ENTRY = {
  name: 'batch',
  type: 'custom',
  defaultValue: 8,
  parse(text) {
    if (text.toLowerCase() === 'all') return { value: 'all' };
    const number = Number(text);
    if (text === '' || !Number.isInteger(number) || number < 1) {
      return { error: `batch: expected a whole number of points ≥ 1 or "all", got "${text}"` };
    }
    return { value: number };
  },
  format: (value) => String(value),
};

export const SGD_SCHEMA = [
  BATCH_ENTRY,
  { name: 'lr', type: 'number', defaultValue: null, min: 1e-4, max: 100 },
  { name: 'epochs', type: 'integer', defaultValue: null, min: 1, max: 1000 },
  { name: 'start', type: 'point', defaultValue: null },
  { name: 'shuffle', type: 'boolean', defaultValue: true },
  { name: 'seed', type: 'integer', defaultValue: 1, min: 0, max: Number.MAX_SAFE_INTEGER },
  { name: 'fan', type: 'integer', defaultValue: 12, min: 0, max: MAX_FAN_ARROWS },
  { name: 'speed', type: 'number', defaultValue: 4, min: 0.05, max: 50 },
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
      errors.push(`epochs: ${state.epochs} epochs of ${perEpoch} iterations is more than ${dataSet.maxIterations} iterations — using ${most}`);
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
