// State of <descent-rnn>: the attribute/URL schema of the live-trained recurrent network, made from
// the core's rnnCatalog() (tasks, cells, limits and defaults are the core's), and the translation of
// a state into createRnnSession's request.

const CELL_LABELS = {
  rnn: 'Vanilla RNN (tanh)',
  lstm: 'LSTM (input, forget, output gates)',
  gru: 'GRU (reset and update gates)',
};

// Every sequence length a task takes, for the schema's range and words.
function lengthWords(tasks) {
  return tasks.map((task) => `${task.id} ${task.defaultLength}`).join(', ');
}

// The schema, from the core's rnnCatalog().
export function rnnSchema(catalog) {
  const { limits, defaults, tasks } = catalog;
  const lengthMax = Math.max(1, ...tasks.map((task) => task.maxLength));
  return [
    {
      name: 'task',
      type: 'id',
      defaultValue: defaults.task,
      choices: tasks.map((task) => task.id),
      optionLabels: Object.fromEntries(tasks.map((task) => [task.id, task.label])),
      label: 'Task',
      description: `What the network learns: ${tasks.map((task) => `\`${task.id}\` — ${task.summary}`).join(' ')}`,
      group: 'Task',
    },
    {
      name: 'length',
      type: 'integer',
      defaultValue: null,
      defaultText: `the task's own (${lengthWords(tasks)})`,
      min: 1,
      max: lengthMax,
      sliderMax: 100,
      label: 'Sequence length',
      description: `Steps per sequence (for \`copy\`: the symbols to copy, L, and the network reads 2L + 1 steps); each task has its range (${tasks.map((task) => `${task.id} ${task.minLength}–${task.maxLength}`).join(', ')}).`,
      group: 'Task',
    },
    {
      name: 'cell',
      type: 'id',
      defaultValue: defaults.cell,
      choices: catalog.cells,
      optionLabels: CELL_LABELS,
      label: 'Cell',
      description:
        'The recurrent cell: a vanilla tanh RNN, an LSTM (its forget-gate bias starts at 1) or a GRU, as in torch.',
      group: 'Network',
    },
    {
      name: 'units',
      type: 'integer',
      defaultValue: defaults.hiddenSize,
      min: 1,
      max: limits.maxHiddenSize,
      sliderMax: 64,
      label: 'Hidden units',
      description: `The size of the hidden state h_t (1 – ${limits.maxHiddenSize}).`,
      group: 'Network',
    },
    {
      name: 'truncation',
      type: 'integer',
      defaultValue: defaults.truncation,
      min: 0,
      max: limits.maxTruncation,
      sliderMax: 50,
      label: 'BPTT truncation (0 = full)',
      hint: 'Gradients flow back through at most this many steps',
      description:
        'Truncated backpropagation through time: the gradient flows back through at most this many steps (windows counted back from the last step); 0 is full BPTT.',
      group: 'Training',
    },
    {
      name: 'optimizer',
      type: 'id',
      defaultValue: defaults.optimizer,
      catalog: 'optimizers',
      label: 'Optimizer',
      description: 'The update rule (its other hyper-parameters at their usual values).',
      group: 'Training',
    },
    {
      name: 'lr',
      type: 'number',
      defaultValue: defaults.learningRate,
      min: 1e-6,
      max: 10,
      sliderMin: 1e-4,
      sliderMax: 1,
      logScale: true,
      label: 'Learning rate',
      description: 'The step size, constant over the run.',
      group: 'Training',
    },
    {
      name: 'clip',
      type: 'number',
      defaultValue: defaults.clipNorm,
      min: 0,
      max: 1e6,
      sliderMax: 10,
      label: 'Clip gradient norm (0 = off)',
      hint: 'Rescale the whole gradient to this norm when it is larger',
      description:
        "The gradient's L2 norm is clipped to this value before each step (torch's clip_grad_norm_); 0 turns clipping off.",
      group: 'Training',
    },
    {
      name: 'batch',
      type: 'integer',
      defaultValue: defaults.batchSize,
      min: 1,
      max: limits.maxBatchSize,
      sliderMax: 128,
      label: 'Batch size',
      description: `Training sequences per step (drawn from ${limits.trainCount} fixed ones).`,
      group: 'Training',
    },
    {
      name: 'steps',
      type: 'integer',
      defaultValue: 5000,
      min: 1,
      max: 1000000,
      sliderMin: 100,
      sliderMax: 20000,
      logScale: true,
      label: 'Training steps (then it stops)',
      description: 'Training stops after this many optimizer steps (Step still trains one at a time before that).',
      group: 'Training',
    },
    {
      name: 'seed',
      type: 'integer',
      defaultValue: defaults.seed,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      control: 'text',
      label: 'Seed (data and weights)',
      description: 'Seed of the data and the initial weights: the same seed gives the same run.',
      group: 'Training',
    },
    {
      name: 'speed',
      type: 'integer',
      defaultValue: 200,
      min: 1,
      max: 100000,
      sliderMax: 5000,
      logScale: true,
      viewOnly: true,
      label: 'Training speed (steps/s, at most)',
      description:
        'The most training steps per second while playing (the machine may manage fewer): slow enough to watch the loss fall, or fast.',
      group: 'View',
    },
    {
      name: 'sequence',
      type: 'integer',
      defaultValue: 0,
      min: 0,
      max: limits.testCount - 1,
      viewOnly: true,
      label: 'Test sequence shown',
      description: `Which of the ${limits.testCount} test sequences the unrolled view shows (0 – ${limits.testCount - 1}).`,
      group: 'View',
    },
  ];
}

// The attribute names (observed before the core has loaded); the catalog does not change them.
export const STATE_ATTRIBUTES = rnnSchema({ limits: {}, defaults: {}, tasks: [], cells: [] }).map(
  (entry) => entry.name,
);

// The task's catalog entry.
export const taskInfo = (catalog, id) => catalog.tasks.find((task) => task.id === id) ?? catalog.tasks[0];

// createRnnSession's request for a state (the length: the task's own when not set).
export function toSessionRequest(state, catalog) {
  return {
    task: state.task,
    cell: state.cell,
    hiddenSize: state.units,
    sequenceLength: state.length ?? taskInfo(catalog, state.task).defaultLength,
    truncation: state.truncation,
    optimizer: state.optimizer,
    learningRate: state.lr,
    clipNorm: state.clip,
    batchSize: state.batch,
    seed: state.seed,
  };
}
