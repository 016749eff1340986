// State of <descent-perceptron>: the attribute/URL schema of the perceptron-vs-MLP comparison
// (one logic data set, the run length, the learning rate both models use, the MLP's seed, and the
// playback speed in epochs per second).

export const DATASETS = [
  { value: 'xor', label: 'XOR (not linearly separable)' },
  { value: 'and', label: 'AND' },
  { value: 'or', label: 'OR' },
  { value: 'nand', label: 'NAND' },
];

// The run length and learning-rate limits of the core (kMaxPerceptronVsMlpEpochs,
// kMaxPerceptronVsMlpLearningRate); the learning-rate slider starts at 0.01.
export const MAX_EPOCHS = 5000;
export const MIN_LEARNING_RATE = 0.01;
export const MAX_LEARNING_RATE = 10;

export const PERCEPTRON_SCHEMA = [
  { name: 'dataset', type: 'id', defaultValue: 'xor', choices: DATASETS.map((d) => d.value), label: 'Data set', description: 'The logic gate whose truth table is learned.' },
  { name: 'epochs', type: 'integer', defaultValue: 300, min: 1, max: MAX_EPOCHS, label: 'Epochs', hint: 'Passes over the four points for both models (the perceptron stops once an epoch has no error)', logScale: true, description: 'Passes over the four points; the perceptron stops early once an epoch has no error.' },
  { name: 'learning-rate', type: 'number', defaultValue: 0.5, min: MIN_LEARNING_RATE, max: MAX_LEARNING_RATE, label: 'Learning rate η', hint: 'The perceptron rule’s η and the MLP’s SGD step (for the perceptron, starting from w = 0, η only scales the line)', logScale: true, description: 'η of the perceptron rule and of the network\'s SGD.' },
  { name: 'seed', type: 'integer', defaultValue: 1, min: 0, max: Number.MAX_SAFE_INTEGER, label: 'MLP seed (initial weights)', hint: 'Xavier-uniform initial weights of the MLP; the perceptron always starts at w = 0, b = 0', control: 'text', description: 'The network\'s initial weights (seed 1 solves XOR; seed 3 gets stuck at 3/4).' },
  { name: 'speed', type: 'number', defaultValue: 20, min: 0.5, max: 500, label: 'Speed (epochs per second)', logScale: true, description: 'Animation speed in epochs per second.' },
];

export const STATE_ATTRIBUTES = PERCEPTRON_SCHEMA.map((entry) => entry.name);
