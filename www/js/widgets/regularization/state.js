// State of <descent-regularization>: the attribute/URL schema and the translation
// of a state into the core's regularization config. Pure, no imports (the site
// build loads this file on its own to check lesson "try this" buttons).
//
// Each regularizer is a switch plus its strength (dropout + dropout-rate, l2 +
// l2-lambda, l1 + l1-lambda, early-stopping + patience), so switching one off
// and on again keeps the strength the learner chose.

export const CAPACITIES = ['low', 'medium', 'high', 'custom'];
export const OPTIMIZERS = ['adam', 'adamw', 'momentum'];
export const OPTIMIZER_LABELS = { adam: 'Adam', adamw: 'AdamW', momentum: 'SGD + momentum' };
export const CAPACITY_LABELS = {
  low: 'Low — 1 tanh unit',
  medium: 'Medium — 3 tanh units',
  high: 'High — 2 layers × 16 units',
  custom: 'Custom width × depth',
};
export const MAX_EPOCHS = 2000;
export const MAX_DEPTH = 6;
export const MAX_WIDTH = 256;

// Measured defaults (tests/core/sims/regularization/run_test.cpp): from seed 17 the
// high-capacity model overfits, and each remedy at these strengths closes the scissors.
export const DEFAULT_LEARNING_RATES = { adam: 0.03, adamw: 0.03, momentum: 0.1 };
// Weight decay means an L2 penalty on the loss for Adam and SGD + momentum, but AdamW's
// own decoupled decay (θ ← θ − α·λ·θ), which needs a far larger λ for the same effect.
export const DEFAULT_L2_LAMBDAS = { adam: 0.003, adamw: 0.5, momentum: 0.003 };
export const MAX_L2_LAMBDAS = { adam: 10, adamw: 1, momentum: 10 };

export const REGULARIZATION_SCHEMA = [
  { name: 'capacity', type: 'id', defaultValue: 'high', choices: CAPACITIES, label: 'Model capacity', hint: 'How many weights the network has to bend its curve with', description: 'Tanh hidden layers: 1 unit, 3 units, 2 × 16 units, or `width` × `depth`.', group: 'Model and training' },
  { name: 'width', type: 'integer', defaultValue: 16, min: 1, max: MAX_WIDTH, label: 'Units per hidden layer', logScale: true, description: 'Units per hidden layer, for `capacity="custom"`.', group: 'Model and training' },
  { name: 'depth', type: 'integer', defaultValue: 2, min: 1, max: MAX_DEPTH, label: 'Hidden layers', description: 'Hidden layers, for `capacity="custom"`.', group: 'Model and training' },
  { name: 'epochs', type: 'integer', defaultValue: 300, min: 1, max: MAX_EPOCHS, label: 'Epochs', hint: 'Full-batch passes over the training points', logScale: true, description: 'Full-batch passes over the training points. Runs longer than a frame show their progress.', group: 'Model and training' },
  { name: 'optimizer', type: 'id', defaultValue: 'adam', choices: OPTIMIZERS, label: 'Optimizer', description: 'Adam, AdamW (decoupled weight decay) or SGD with momentum 0.9.', group: 'Model and training' },
  { name: 'lr', type: 'number', defaultValue: null, min: 1e-5, max: 10, label: 'Learning rate α', hint: 'Log scale', logScale: true, sliderMin: 1e-4, description: 'Learning rate.', group: 'Model and training', defaultText: '0.03 (Adam, AdamW), 0.1 (momentum)' },
  { name: 'dropout', type: 'boolean', defaultValue: false, label: 'Dropout', hint: 'Silence a random fraction of the hidden units at every training step (all are on for predictions)', description: 'Switch dropout on.', group: 'Regularization' },
  { name: 'dropout-rate', type: 'number', defaultValue: 0.2, min: 0.01, max: 0.9, label: 'Dropout rate p', hint: 'Probability of silencing each hidden unit', description: 'Drop each hidden unit with this probability at every training step.', group: 'Regularization' },
  { name: 'l2', type: 'boolean', defaultValue: false, label: 'Weight decay (L2)', hint: 'Adam, SGD + momentum: adds (λ/2)·Σw² to the loss. AdamW: shrinks every parameter by α·λ·θ per step (decoupled)', description: 'Switch weight decay on: the penalty (λ/2)·Σw² on the weights for Adam and momentum, AdamW\'s decoupled decay for `adamw`.', group: 'Regularization' },
  { name: 'l2-lambda', type: 'number', defaultValue: null, min: 0, max: 10, label: 'Weight decay λ', logScale: true, sliderMin: 1e-5, description: 'The weight-decay strength λ (AdamW: at most 1).', group: 'Regularization', defaultText: 'off; 0.003 (AdamW: 0.5)' },
  { name: 'l1', type: 'boolean', defaultValue: false, label: 'L1 penalty', hint: 'Adds λ₁·Σ|w| to the loss; drives weights to exactly zero', description: 'Switch the L1 penalty λ₁·Σ|w| on, which sets weights to exactly zero.', group: 'Regularization' },
  { name: 'l1-lambda', type: 'number', defaultValue: 0.001, min: 0, max: 10, label: 'L1 strength λ₁', logScale: true, sliderMin: 1e-5, sliderMax: 1, description: 'The L1 strength λ₁.', group: 'Regularization' },
  { name: 'early-stopping', type: 'boolean', defaultValue: false, label: 'Early stopping', hint: 'Stop when the validation loss has not improved for `patience` epochs; keep the best epoch\'s weights', description: 'Switch early stopping on: stop once the validation loss has not improved for `patience` epochs, and keep the best epoch\'s weights.', group: 'Regularization' },
  { name: 'patience', type: 'integer', defaultValue: 20, min: 1, max: 1000, label: 'Patience (epochs)', logScale: true, sliderMax: 200, description: 'Epochs without a lower validation loss before early stopping stops.', group: 'Regularization' },
  { name: 'noise', type: 'number', defaultValue: 0.3, min: 0, max: 2, label: 'Noise σ on y', sliderMax: 1, description: 'Standard deviation of the Gaussian noise on y.', group: 'Data and page' },
  { name: 'train-points', type: 'integer', defaultValue: 15, min: 2, max: 500, label: 'Training points', hint: 'Validation points stay at 30', logScale: true, sliderMax: 200, description: 'Training points; the 30 validation points stay the same.', group: 'Data and page' },
  { name: 'seed', type: 'integer', defaultValue: 17, min: 0, max: Number.MAX_SAFE_INTEGER, label: 'Seed', hint: 'Same seed ⇒ same data, same initial weights, same run', control: 'text', description: 'Seed of the data, the initial weights and the dropout masks: the same seed gives the same run.', group: 'Data and page' },
  { name: 'speed', type: 'number', defaultValue: 60, min: 1, max: 600, label: 'Animation speed (epochs/s)', logScale: true, description: 'Epochs per second when the learner presses Play (slower when the reader prefers reduced motion).', group: 'Data and page' },
];

export const STATE_ATTRIBUTES = REGULARIZATION_SCHEMA.map((entry) => entry.name);

// Validation points are twice the default training set, fixed, so the validation loss of
// different settings is measured on the same kind of sample.
export const VALIDATION_POINTS = 30;

export const learningRateOf = (state) => state.lr ?? DEFAULT_LEARNING_RATES[state.optimizer];
export const l2LambdaOf = (state) => state['l2-lambda'] ?? DEFAULT_L2_LAMBDAS[state.optimizer];

// Fixes what the schema alone cannot check, with a message, so the widget keeps working.
export function checkRegularizationState(state, errors) {
  const lambda = state['l2-lambda'];
  const max = MAX_L2_LAMBDAS[state.optimizer];
  if (lambda !== null && lambda > max) {
    errors.push(`l2-lambda: ${lambda} is too large for ${OPTIMIZER_LABELS[state.optimizer]} (at most ${max}) — using ${DEFAULT_L2_LAMBDAS[state.optimizer]}`);
    state['l2-lambda'] = null;
  }
}

// The config object core.runRegularization / createRegularizationRun expects.
export function toRegularizationConfig(state) {
  return {
    capacity: state.capacity,
    width: state.width,
    depth: state.depth,
    epochs: state.epochs,
    optimizer: state.optimizer,
    lr: learningRateOf(state),
    dropout: state.dropout ? state['dropout-rate'] : 0,
    weightDecay: state.l2 ? l2LambdaOf(state) : 0,
    l1: state.l1 ? state['l1-lambda'] : 0,
    earlyStopping: state['early-stopping'],
    patience: state.patience,
    noise: state.noise,
    trainPoints: state['train-points'],
    validationPoints: VALIDATION_POINTS,
    seed: state.seed,
  };
}
