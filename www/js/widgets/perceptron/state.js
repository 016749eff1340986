// State of <descent-perceptron>: the attribute/URL schema of the perceptron-vs-MLP comparison
// (one logic data set, the run length, the learning rate both models use, the MLP's seed, and the
// playback speed in epochs per second).

// The data sets, limits and defaults are the core's (perceptronCatalog()); the widget adds the
// words for people.
const DATASET_LABELS = {
  xor: 'XOR (not linearly separable)',
  and: 'AND',
  or: 'OR',
  nand: 'NAND',
};

// The schema, from the core's perceptronCatalog() (data sets, limits, defaults).
export function perceptronSchema(perceptronCatalog) {
  const { limits, defaults } = perceptronCatalog;
  return [
    {
      name: 'dataset',
      type: 'id',
      defaultValue: defaults.dataset,
      choices: perceptronCatalog.datasets,
      optionLabels: DATASET_LABELS,
      label: 'Data set',
      description: 'The logic gate whose truth table is learned.',
    },
    {
      name: 'epochs',
      type: 'integer',
      defaultValue: defaults.epochs,
      min: limits.minEpochs,
      max: limits.maxEpochs,
      label: 'Epochs',
      hint: 'Passes over the four points for both models (the perceptron stops once an epoch has no error)',
      logScale: true,
      description: 'Passes over the four points; the perceptron stops early once an epoch has no error.',
    },
    {
      name: 'learning-rate',
      type: 'number',
      defaultValue: defaults.learningRate,
      min: limits.minLearningRate,
      max: limits.maxLearningRate,
      label: 'Learning rate η',
      hint: 'The perceptron rule’s η and the MLP’s SGD step (for the perceptron, starting from w = 0, η only scales the line)',
      logScale: true,
      description: "η of the perceptron rule and of the network's SGD.",
    },
    {
      name: 'seed',
      type: 'integer',
      defaultValue: defaults.seed,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      label: 'MLP seed (initial weights)',
      hint: 'Xavier-uniform initial weights of the MLP; the perceptron always starts at w = 0, b = 0',
      control: 'text',
      description: "The network's initial weights (seed 1 solves XOR; seed 3 gets stuck at 3/4).",
    },
    {
      name: 'speed',
      viewOnly: true,
      type: 'number',
      defaultValue: 20,
      min: 0.5,
      max: 500,
      label: 'Speed (epochs per second)',
      logScale: true,
      description: 'Animation speed in epochs per second.',
    },
  ];
}

// The attribute names (observed before the core has loaded); the catalog does not change them.
export const STATE_ATTRIBUTES = perceptronSchema({ datasets: [], limits: {}, defaults: {} }).map((entry) => entry.name);
