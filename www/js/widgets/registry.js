// The widget registry: every Descent widget, once. main.js defines the custom elements from it;
// the site build reads it (build-scripts/site/registry.mjs) to generate the home page's widget
// list, the embed page's sections and attribute tables, and the check of lesson "try this"
// buttons; tests check README.md and bindings/descent-core.d.ts against it. The lessons that use
// a widget are not listed here: the build reads them from the lessons' front matter (`widgets:`).
//
// An entry:
//   tag       the custom element's name
//   element   its class (www/js/widgets/<folder>/element.js)
//   schema    its state schema (www/js/widgets/<folder>/state.js): the attributes, their
//             types, ranges, defaults, descriptions and control hints — or, where the core owns
//             the choices and limits, a function of the core's catalogs (core-catalogs.js) that
//             makes it
//   title     a short name ("Optimizer race")
//   summary   one or two sentences for the home and embed pages (plain text)
//   core      the core functions it calls (every widget also calls catalog()), so a test can
//             check that bindings/descent-core.d.ts declares them
//   example   optional: the attributes of the live example on the embed page
import { DescentActivations } from './activations/element.js';
import { activationsSchema } from './activations/state.js';
import { DescentArchitectures } from './architectures/element.js';
import { architecturesSchema } from './architectures/state.js';
import { DescentBackprop } from './backprop/element.js';
import { BACKPROP_SCHEMA } from './backprop/state.js';
import { DescentCnn } from './cnn/element.js';
import { cnnSchema } from './cnn/state.js';
import { DescentConv } from './conv/element.js';
import { convSchema } from './conv/state.js';
import { DescentDynamics } from './dynamics/element.js';
import { dynamicsSchema } from './dynamics/state.js';
import { DescentGd } from './gd/element.js';
import { GD_SCHEMA } from './gd/state.js';
import { DescentGraph } from './graph/element.js';
import { GRAPH_SCHEMA } from './graph/state.js';
import { DescentLoss } from './loss/element.js';
import { LOSS_SCHEMA } from './loss/state.js';
import { DescentLr } from './lr/element.js';
import { LR_SCHEMA } from './lr/state.js';
import { DescentNeuron } from './neuron/element.js';
import { NEURON_SCHEMA } from './neuron/state.js';
import { DescentPerceptron } from './perceptron/element.js';
import { perceptronSchema } from './perceptron/state.js';
import { DescentPlayground } from './playground/element.js';
import { playgroundSchema } from './playground/state.js';
import { DescentRace } from './race/element.js';
import { raceSchema } from './race/state.js';
import { DescentRegularization } from './regularization/element.js';
import { regularizationSchema } from './regularization/state.js';
import { DescentRnn } from './rnn/element.js';
import { rnnSchema } from './rnn/state.js';
import { DescentSgd } from './sgd/element.js';
import { SGD_SCHEMA } from './sgd/state.js';

// Formula widgets share these (typed surfaces, formula check).
const FORMULA_FUNCTIONS = ['checkFormula', 'typedSurfaces'];

export const WIDGETS = [
  {
    tag: 'descent-gd',
    element: DescentGd,
    schema: GD_SCHEMA,
    title: 'Gradient-descent visualizer',
    summary:
      "Runs an optimizer (SGD, momentum, Nesterov, Adagrad, RMSProp, Adam, AdamW, Lion) on a 1-D or 2-D loss surface — or your own formula — and shows every step, the loss and the optimizer's internal state.",
    core: ['runDescent', 'surfaceInfo', 'surfaceCurve', 'surfaceMap', ...FORMULA_FUNCTIONS],
    example: 'surface="rosenbrock" optimizer="adam" lr="0.1" steps="500" start="-1.5,2"',
  },
  {
    tag: 'descent-race',
    element: DescentRace,
    schema: (catalogs) => raceSchema(catalogs.catalog),
    title: 'Optimizer race',
    summary:
      "Races up to eight optimizers from the same start on the same 2-D surface — a ravine, Rosenbrock's valley, saddles, several minima — and says how each run ended: the step at which it reached a minimum, diverged or got stuck at a saddle. Hover over the map to read the curvature (the Hessian's eigenvalues) at any point.",
    core: ['runRace', 'surfaceInfo', 'surfaceCurvature', 'surfaceMap', ...FORMULA_FUNCTIONS],
    example: 'surface="ravine" condition="100" start="-9,2" racers="sgd:0.019,momentum:0.019,adam:0.1"',
  },
  {
    tag: 'descent-regularization',
    element: DescentRegularization,
    schema: (catalogs) => regularizationSchema(catalogs.regularization),
    title: 'Regularization explorer',
    summary:
      "Trains a small network on a noisy sine and shows it memorising the noise: the fitted curve at any epoch, the training and validation loss opening like scissors, and what a smaller model, weight decay, L1, dropout and early stopping do about it — with the weights' histogram under L1 and L2 and the bias–variance picture.",
    core: ['regularizationCatalog', 'createRegularizationRun', 'compareWeightPenalties', 'runBiasVariance'],
    example: 'early-stopping patience="50"',
  },
  {
    tag: 'descent-dynamics',
    element: DescentDynamics,
    schema: (catalogs) => dynamicsSchema(catalogs.dynamics),
    title: 'Training-dynamics explorer',
    summary:
      "Builds a deep network from your settings — depth, activation, initialisation, batch norm, residual connections, clipping — trains it in the core and shows, step by step, every layer's gradient norm against a healthy band, the verdict (healthy, fading, vanishing, exploding or NaN), each layer's activations and the loss.",
    core: ['dynamicsCatalog', 'createDynamicsProbe'],
    example: 'activation="sigmoid" depth="20" init="naive_normal"',
  },
  {
    tag: 'descent-graph',
    element: DescentGraph,
    schema: GRAPH_SCHEMA,
    title: 'Computational-graph explorer',
    summary:
      'Draws a formula — the lessons\' examples or one you type — as a computational graph, left to right, with every forward value and gradient, whole or step by step (forward, then backward, one node at a time), and each node\'s "incoming × local = outgoing" on hover, tap or focus.',
    core: ['evaluateFormula', ...FORMULA_FUNCTIONS],
    example: 'preset="fanout" mode="steps"',
  },
  {
    tag: 'descent-backprop',
    element: DescentBackprop,
    schema: BACKPROP_SCHEMA,
    title: 'Backprop calculator',
    summary:
      'The 2-layer worked example computed by the core: every forward value, the seven backward steps, the numerical gradient check, "apply update" and the dead ReLU.',
    core: ['evaluateFormula', 'gradientCheck', 'gradientStep'],
    example: 'w1="-1"',
  },
  {
    tag: 'descent-neuron',
    element: DescentNeuron,
    schema: NEURON_SCHEMA,
    title: 'One neuron, chain rule',
    summary:
      'One neuron z = wx + b → ReLU → (y − a)², with the chain of local derivatives multiplying, one factor per step.',
    core: ['evaluateFormula'],
  },
  {
    tag: 'descent-playground',
    element: DescentPlayground,
    schema: (catalogs) => playgroundSchema(catalogs.playground),
    title: 'Classifier playground',
    summary:
      "Trains a classifier of your design — data set, input features, hidden layers, activation, optimizer, loss, regularization — a few epochs per frame, and shows the decision regions, every unit's output over the plane, the links coloured by weight, the training and test loss and the confusion matrix; import your own CSV points.",
    core: ['playgroundCatalog', 'createPlayground', 'parseCsv'],
    example: 'dataset="xor" features="x1,x2,x1_times_x2"',
  },
  {
    tag: 'descent-loss',
    element: DescentLoss,
    schema: LOSS_SCHEMA,
    title: 'Loss-function explorer',
    summary:
      'Puts loss functions side by side: the line MSE, MAE and Huber each fit through points with outliers you drag (refitted as you drag), BCE against MSE on a sigmoid output with their gradients, focal and hinge loss, categorical cross-entropy of a softmax output you type, and KL divergence both ways.',
    core: ['lossCurves', 'fitLines', 'lineFitPoints', 'categoricalCrossEntropy', 'klDivergence'],
    example: 'view="categorical" probs="0.1,0.7,0.2" class="1"',
  },
  {
    tag: 'descent-activations',
    element: DescentActivations,
    schema: (catalogs) => activationsSchema(catalogs.activations),
    title: 'Activation explorer',
    summary:
      "Draws an activation function and its derivative on the same axes, marks the derivative's maximum and shades where it saturates, with a probe you drag; softmax with a temperature; and a panel that sends noise through ten layers under any initialiser and shows the variance kept, exploding or vanishing.",
    core: ['activationCatalog', 'activationCurves', 'softmaxOf', 'initPropagation'],
    example: 'activation="relu" probe="-1" init="naive_normal" init-activation="relu"',
  },
  {
    tag: 'descent-lr',
    element: DescentLr,
    schema: LR_SCHEMA,
    title: 'Learning-rate explorer',
    summary:
      "Plots any learning-rate schedule — step decay, cosine, warm-up, cyclic, one-cycle, the Transformer's — over a run, trains a small network with it next to the same run at a constant rate, trains at a too-large, an about-right and a too-small rate (watch the first climb to NaN), runs the learning-rate range test and applies the linear scaling rule.",
    core: ['createLrRuns', 'createLrRangeTest', 'lrLinearScaling'],
    example: 'schedule="transformer" schedule-params="d_model=32,warmup_steps=16" lr="20"',
  },
  {
    tag: 'descent-sgd',
    element: DescentSgd,
    schema: SGD_SCHEMA,
    title: 'Mini-batch SGD explorer',
    summary:
      'Fits a line to a real data set with mini-batches of 1, 8, 32, 128 or all points sampled by the core: the loss landscape with a sharp and a wide minimum, the path, the full gradient next to a fan of mini-batch gradients, the loss per iteration, epoch and iteration counters, and shuffling on or off.',
    core: ['sgdDataSet', 'createSgdRun', 'sgdGradientFan', 'sgdLandscape'],
    example: 'batch="all"',
  },
  {
    tag: 'descent-perceptron',
    element: DescentPerceptron,
    schema: (catalogs) => perceptronSchema(catalogs.perceptron),
    title: 'Perceptron vs a 2-2-1 network',
    summary:
      "Runs Rosenblatt's perceptron rule on XOR, AND, OR or NAND and draws its line over the four points epoch by epoch, with its error count per epoch — never 0 on XOR — next to a 2-2-1 network trained by backpropagation: its decision field, its two hidden units' lines, its accuracy reaching 4/4 and its loss.",
    core: ['perceptronCatalog', 'perceptronVsMlp', 'perceptronMlpField'],
    example: 'dataset="and"',
  },
  {
    tag: 'descent-conv',
    element: DescentConv,
    schema: (catalogs) => convSchema(catalogs.conv),
    title: 'Convolution explorer',
    summary:
      "Slides hand-set kernels (Sobel, blur, sharpen, your own numbers) over a shape, a handwritten MNIST digit or your own drawing, writing out each output cell's sum of products; adds ReLU and pooling, carries one output's gradient back to the input, shows which pixels a stack of layers sees, and compares a standard convolution's cost with depthwise-separable and bottleneck ones.",
    core: [
      'convCatalog',
      'exploreConvolution',
      'receptiveFieldMap',
      'proceduralImage',
      'kernelPreset',
      'convolutionCosts',
    ],
    example: 'image="vertical-bar" kernels="sobel-x;sobel-y" pool="max"',
  },
  {
    tag: 'descent-cnn',
    element: DescentCnn,
    schema: (catalogs) => cnnSchema(catalogs.cnn),
    title: 'A CNN trained live',
    summary:
      "Trains a small convolutional network (LeNet-like by default; your conv blocks, dense head, activation, optimizer, learning rate, batch, data size, augmentation and seed) on 5,000 handwritten MNIST digits in the page, and shows what it learns as it trains: loss and accuracy per epoch, the first layer's filters, the confusion matrix and the misclassified digits, one digit's feature maps through every layer, its saliency map and Grad-CAM, the class probabilities of a digit you draw, the image a class or a filter likes most (activation maximisation, animated), and an MLP trained side by side on the same data (parameters against test accuracy); “skip ahead” trains several epochs at once.",
    core: ['cnnCatalog', 'createCnnSession'],
    example: 'epochs="3" train-size="2000"',
  },
  {
    tag: 'descent-architectures',
    element: DescentArchitectures,
    schema: (catalogs) => architecturesSchema(catalogs.architectures),
    title: 'Architectures, computed',
    summary:
      'Real CNNs at their real input sizes — LeNet-5, AlexNet, VGG-16, ResNet-18 and -50, GoogLeNet, MobileNet v1 — computed layer by layer by the core: output shape, parameters, multiply-adds and receptive field, the totals, bars that show where the parameters are and where the compute is, and two networks side by side.',
    core: ['architectureCatalog', 'architectureTable'],
    example: 'network="resnet50" compare="vgg16" scale="log"',
  },
  {
    tag: 'descent-rnn',
    element: DescentRnn,
    schema: (catalogs) => rnnSchema(catalogs.rnn),
    title: 'A recurrent network trained live',
    summary:
      "Trains a vanilla RNN, an LSTM or a GRU in the page on a sequence task — a noisy sine, the adding problem, running parity, copying tokens — with your hidden size, sequence length, BPTT truncation, optimizer, learning rate and clipping, and shows the loss against the task's baseline, the network unrolled over one test sequence (input, hidden state, gates, cell state, output; hover a step for its numbers) and how much gradient ‖∂L/∂h_t‖ reaches each step back in time.",
    core: ['rnnCatalog', 'createRnnSession'],
    example: 'task="adding" cell="lstm" length="20"',
  },
];

// Every widget calls catalog() (the base class, at start-up).
export const SHARED_CORE_FUNCTIONS = ['catalog'];
