// Hand-written types for the JavaScript API of the WebAssembly core
// (build/wasm/descent-core.js, also the first part of build/site/descent.js).
// Every function validates its input and returns {ok: false, error} rather than throwing.
// That holds for every function and method, also called with the wrong argument count or types
// (missing trailing arguments count as undefined; extra ones are refused) or on a deleted object:
// the types below describe correct calls, and a number-returning method (advance, …) called
// wrongly returns {ok: false, error} too. Messages quote at most a short prefix of a bad value.

export interface ViewBox { xMin: number; xMax: number; yMin: number; yMax: number }

export interface HyperParameterInfo {
  key: string;            // e.g. "beta1"; pass values in DescentConfig.hyper / scheduleParams
  label: string;
  defaultValue: number;
  min: number;
  max: number;
  integer: boolean;
  logScale: boolean;      // the UI should use a logarithmic slider
  meaning: string;        // one line for learners
}

export interface Catalog {
  surfaces: { id: string; label: string; dimension: 1 | 2; defaultStart: Float64Array }[];
  optimizers: { id: string; label: string; defaultLearningRate: number; summary: string; hyperParameters: HyperParameterInfo[] }[];
  schedules: { id: string; label: string; formula: string; parameters: HyperParameterInfo[] }[];
  maxSteps: number;         // runDescent's step limit
  maxLearningRate: number;
  maxRacers: number;        // runRace: 1–maxRacers racers (8)
  maxRaceSteps: number;     // runRace: steps per racer (20000)
}

export interface SurfaceSpec {
  surface: string;        // a Catalog.surfaces id, or a typedSurfaces() id ("custom", "custom1d")
  expression?: string;    // the formula of a typed surface: f(x) for custom1d, f(x, y) for custom
  condition?: number;     // ravine condition number κ, 1–1000 (default 10)
}

// One optimizer and how its steps are sized: a runDescent config, or one racer of a race.
export interface OptimizerChoice {
  optimizer?: string;                      // default "adam"
  lr?: number;                             // base learning rate, (0, maxLearningRate] (default 0.1)
  hyper?: Record<string, number>;          // optimizer hyper-parameters; missing keys take defaults
  schedule?: string;                       // default "constant"
  scheduleParams?: Record<string, number>;
  clip?: 'none' | 'norm' | 'value';
  clipThreshold?: number;
}

export interface DescentConfig extends SurfaceSpec, OptimizerChoice {
  start: number[];                         // one number per surface dimension
  steps?: number;                          // 1–maxSteps (default 12)
  noise?: number;                          // std-dev of Gaussian gradient noise (default 0)
  seed?: number;                           // whole number ≥ 0, seeds the noise (default 1)
}

// Several optimizers from one start on one 2-D surface, all for the same number of steps.
export interface RaceConfig extends SurfaceSpec {
  start: [number, number];
  steps?: number;                          // per racer, 1–maxRaceSteps (default 300)
  noise?: number;                          // std-dev of Gaussian gradient noise (default 0)
  // Whole number ≥ 0. Racer i (0-based) draws its noise from its own stream, seeded by
  // splitmix64(seed ^ i·0x9E3779B97F4A7C15): adding or removing a racer at the end never changes
  // the others' noise; moving a racer to another position gives it another stream.
  seed?: number;                           // default 1
  racers: OptimizerChoice[];               // 1–maxRacers
}

export type Failure = { ok: false; error: string };

// One optimizer's whole run: what runDescent returns, and each entry of runRace's runs.
export interface DescentTrajectory {
  dimension: 1 | 2;
  stepsCompleted: number;          // fewer than requested only when the run diverged
  positions: Float64Array;         // (stepsCompleted + 1) × dimension, point after k updates
  losses: Float64Array;            // stepsCompleted + 1
  gradients: Float64Array;         // (stepsCompleted + 1) × dimension, exact gradient at each point
  gradientNorms: Float64Array;     // stepsCompleted + 1
  learningRates: Float64Array;     // stepsCompleted, the schedule's rate for each update
  state: { key: string; label: string; meaning: string; values: Float64Array }[];  // stepsCompleted × dimension each
  outcome: 'reached_minimum' | 'diverged' | 'escaped' | 'diverging' | 'stuck' | 'descending';
  divergedAtStep: number;          // -1 when it did not blow up
  reachedMinimumAtStep: number;    // -1 when it did not arrive
  nearestMinimum: number;          // index into surfaceInfo().minima, or -1
  message: string;                 // one line for the learner
}

export interface DescentRun extends DescentTrajectory { ok: true }

export interface RaceResult {
  ok: true;
  runs: DescentTrajectory[];       // one per racer, in racer order (no "ok" field)
}

export interface Curvature {
  ok: true;
  value: number;
  gradient: Float64Array;          // 2
  hessian: Float64Array;           // 4, row-major [fxx, fxy, fyx, fyy]
  eigenvalues: Float64Array;       // 2, ascending
  eigenvectors: Float64Array;      // 4: unit eigenvector i is [2i, 2i + 1]; x ≥ 0 (y > 0 when x = 0)
  // The Hessian's shape — what the point is if the gradient there is zero. An eigenvalue counts as
  // 0 when |λ| ≤ 1e-9·max(1, largest |λ|); 'degenerate' when any does.
  kind: 'minimum' | 'maximum' | 'saddle' | 'degenerate';
  critical: boolean;               // ‖∇f‖ ≈ 0: the point is a minimum, maximum, saddle point…
  label: string;                   // "minimum" where critical, else the shape: "bowl-shaped here (both curvatures positive)"
  explanation: string;             // e.g. "saddle-shaped: curves up along (1.00, 0.00) (λ=2) and down along (0.00, 1.00) (λ=−2)"
}

export interface SurfaceInfo {
  ok: true;
  id: string;
  formula: string;
  dimension: 1 | 2;
  box: ViewBox;
  minima: { point: Float64Array; value: number; global: boolean }[];
}

export interface SurfaceMap {
  ok: true;
  columns: number;
  rows: number;
  box: ViewBox;
  values: Float64Array;    // rows × columns, row 0 at the top (y = box.yMax), sampled at cell centres
  rgba: Uint8Array;        // rows × columns × 4, filled contour bands (viridis, dark = low)
  levels: Float64Array;    // the contour levels
  // Marching-squares contour lines through the sample points (cell centres) for the same levels:
  // segment i runs from (x0, y0) to (x1, y1) = elements [4i, 4i + 4), in world coordinates (the
  // box's x and y, y up); contourSegmentLevels[i] indexes `levels`. Segments come grouped by level.
  contourSegments: Float64Array;
  contourSegmentLevels: Int32Array;
  logarithmic: boolean;    // levels spaced geometrically above the minimum
  min: number;
  max: number;
}

// ---- Neural networks (float precision: Network<float> in the core) ----

// Rows of samples, row-major: sample i's values are [i·width, (i + 1)·width).
type Numbers = Float64Array | Float32Array | number[];

export interface DatasetRequest {
  name: 'circle' | 'xor' | 'blobs' | 'multiblobs' | 'spirals' | 'moons';
  count?: number;          // points, 2–100000 (default 200)
  noise?: number;          // std-dev of the Gaussian jitter per coordinate, 0–10 (default 0)
  seed?: number;           // whole number ≥ 0 (default 0)
  classes?: number;        // multiblobs only: 2–8 (default 3)
}

// What train() takes as a data set; makeDataset's result fits as it is.
export interface DatasetArrays {
  inputs: Numbers;         // rows × features, finite
  targets: Numbers;        // rows × target columns: one-hot classes or regression values
  rows: number;
  // Classification: class index per row (matching the one-hot targets) and the class count. Two
  // classes and a network with one output unit train on the labels (0/1, ±1 for hinge).
  labels?: Int32Array | number[];
  classCount?: number;
}

export interface Dataset extends DatasetArrays {
  ok: true;
  inputs: Float64Array;
  targets: Float64Array;   // rows × classCount, one-hot
  labels: Int32Array;      // rows grouped by class, class 0 first
  features: number;        // 2
  classCount: number;
  featureNames: string[];  // ["x1", "x2"]
  description: string;
}

export type ActivationName = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'elu' | 'gelu' | 'swish' | 'softmax';
export type LossName = 'mse' | 'mae' | 'huber' | 'binary_cross_entropy' | 'bce' | 'cross_entropy' | 'ce' | 'hinge' | 'focal' | 'kl_divergence' | 'kl';

export type LayerKind = 'dense' | 'conv2d' | 'max_pool2d' | 'avg_pool2d' | 'global_avg_pool' | 'flatten';

// One layer: main(x) → [batch norm] → activation → [dropout] → [+ x, residual], main of its kind.
// Convolution and pooling layers take images (C, H, W), dense layers features: a flatten or
// global_avg_pool layer turns one into the other, and the output layer is dense. A key that does
// not apply to the layer's kind (a pooling layer's width, a dense layer's kernel) is refused.
export interface LayerConfig {
  kind?: LayerKind;              // default dense
  width?: number;                // dense: units; conv2d: output channels; 1–1024 (default 1)
  activation?: ActivationName;   // default linear
  alpha?: number;                // leaky_relu slope (default 0.01) or elu α (default 1)
  residual?: boolean;            // dense, a = f(z) + input: hidden layers after the first, same width as the one before
  batchNorm?: boolean;           // hidden dense layers (γ, β per unit) and conv2d (per channel): normalise z over the batch before f
  dropout?: number;              // hidden layers: probability in [0, 1) of dropping each f(z) in training
  // conv2d, max_pool2d, avg_pool2d (torch's Conv2d / MaxPool2d / AvgPool2d; square windows):
  kernel?: number;               // required: taps per side, 1–512
  stride?: number;               // default 1 (pooling: the kernel)
  padding?: number;              // zeros on each side, default 0 (pooling: at most half the window)
  dilation?: number;             // spacing of the taps, default 1 (not avg_pool2d)
  groups?: number;               // conv2d: channel groups dividing both channel counts, default 1 (= channels: depthwise)
}

export interface NetworkConfig {
  // Values per sample: features, 1–1024; with inputImage it defaults to (and must be) C·H·W.
  inputWidth?: number;
  // Each sample is an image: its C·H·W values row-major per channel, (c·H + y)·W + x, so a data
  // set of flattened images trains as it is. channels 1–1024, sides 1–512.
  inputImage?: { channels: number; height: number; width: number };
  layers: LayerConfig[];         // hidden layers then the output layer (dense), 1–64 in all
  // zeros, constant, naive_uniform, naive_normal, uniform, normal, xavier_uniform (default),
  // xavier_normal, he_uniform, he_normal (also glorot_*, kaiming_*). Biases start at 0.
  initializer?: string;
  initializerStddev?: number;    // σ of "uniform" and "normal" (default 0.01)
  initializerConstant?: number;  // c of "constant" (default 0.1)
  seed?: number;                 // whole number ≥ 0: layer l draws from its own stream of it
}

// NeuralNetwork.layers(): what each layer became. Shapes are one sample's: [channels, height,
// width] of an image, [features] otherwise.
export interface LayerInfo {
  kind: LayerKind;
  name: string;                  // "conv 1→6 5×5", "max_pool 2×2", "flatten", "dense 256→120", …
  inputShape: number[];
  outputShape: number[];
  parameterCount: number;        // its slice of the flat parameters (0 for pooling and flatten)
}

export interface TrainOptions extends OptimizerChoice {
  dataset: DatasetArrays;
  validation?: DatasetArrays;    // needed by earlyStopping
  epochs?: number;               // 1–100000 (default 100), all run in this one call
  batchSize?: number;            // default 32; ≥ rows is full-batch
  shuffle?: boolean;             // a fresh permutation per epoch (default true)
  l1?: number;                   // l1·Σ|w| on the weights, 0–10 (default 0); orthant-wise, so weights reach exactly 0
  l2?: number;                   // (l2/2)·Σw², 0–10 (default 0)
  earlyStopping?: boolean;       // stop after `patience` epochs without a lower validation loss,
  patience?: number;             //   keeping the best epoch's weights (default 10)
  minDelta?: number;             //   improvement that counts (default 0)
  loss?: LossName;               // default mse; the cross-entropy family, hinge and focal take logits
                                 // (cross_entropy and kl_divergence refuse a softmax last layer: softmax twice)
  huberDelta?: number;           // δ of huber (default 1)
  focalGamma?: number;           // γ of focal (default 2)
  seed?: number;                 // the shuffling stream (default 0)
  layerDiagnostics?: boolean;    // record history.layers per step (default false)
}

// Per layer, one value per step: that step's forward and backward pass (its mini-batch, its
// data-loss gradient, the weights it started from).
export interface LayerHistory {
  activationMean: Float64Array;
  activationStd: Float64Array;
  zeroFraction: Float64Array;        // fraction of f(z) exactly 0
  deadUnitFraction: Float64Array;    // units with f(z) = 0 on every sample of the batch
  weightNorm: Float64Array;
  weightGradientNorm: Float64Array;
  biasGradientNorm: Float64Array;
}

export interface TrainResult {
  ok: true;
  history: {                          // per-epoch arrays: one entry per completed epoch; empty when not applicable
    trainLoss: Float64Array;          // mean data loss over the training set
    validationLoss: Float64Array;
    trainAccuracy: Float64Array;      // classification data only
    validationAccuracy: Float64Array;
    penalty: Float64Array;            // the L1 + L2 penalty
    learningRate: Float64Array;       // the rate of the epoch's last step
    stepLoss: Float64Array;           // per step with a finite pass: the mini-batch's data loss (shows a blow-up before a divergence)
    layers: LayerHistory[];           // per step, input side first; [] with layerDiagnostics: false
  };
  stopKind: 'completed' | 'early_stopping' | 'diverged';
  stopReason: string;                 // "completed", "early stopping at epoch k (best b)", "diverged at epoch e, step s: …"
  epochsCompleted: number;
  bestEpoch: number;                  // 1-based, lowest validation (else training) loss
  steps: number;                      // optimizer steps taken
  divergedEpoch: number;              // 0 when it did not diverge
  divergedStep: number;
}

// A float network living in WebAssembly memory: call delete() when done with it.
// Flat parameter order: layer by layer, W row by row (input i to unit j at i·fanOut + j), then b,
// then batch norm's γ and β when the layer has it. A conv2d's W has K·K·(C_in/groups) rows (channel
// of its group, tap row, tap column) × C_out columns — column o is torch's weight[o] flattened —
// then its bias; pooling and flatten layers have no parameters.
// Per-layer training diagnostics (TrainResult.history.layers) cover every layer: an image layer's
// activation statistics are over all its (channel, y, x) values, and a layer without weights
// reports norms of 0.
export interface NeuralNetwork {
  parameterCount(): number;
  layers(): LayerInfo[];
  inputWidth(): number;
  outputWidth(): number;
  getParameters(): Float64Array;
  setParameters(values: Numbers): { ok: true } | Failure;
  // Mean loss over the batch and its gradient wrt every parameter (float, widened), in training
  // mode: batch statistics (which move batch norm's running statistics) and fresh dropout masks.
  // With `into` (a Float64Array of parameterCount values) the gradient is written there and that
  // array returned: a loop of steps reuses one array instead of allocating one per call.
  lossAndGradient(inputs: Numbers, rows: number, targets: Numbers, loss: LossName, into?: Float64Array): { ok: true; loss: number; gradient: Float64Array } | Failure;
  // Evaluation mode (running statistics, no dropout): rows × outputWidth.
  predict(inputs: Numbers, rows: number): { ok: true; outputs: Float64Array } | Failure;
  // Outputs at the cell centres of a columns × rows grid (each 1–2048) for a heat map, in one call:
  // rows × columns × outputWidth, row 0 at the top (y = yMax) as surfaceMap. Needs inputWidth 2.
  predictGrid(box: ViewBox, columns: number, rows: number): { ok: true; outputs: Float64Array } | Failure;
  train(options: TrainOptions): TrainResult | Failure;
  delete(): void;
}

export interface DescentCore {
  catalog(): Catalog;
  surfaceInfo(spec: SurfaceSpec): SurfaceInfo | Failure;
  runDescent(config: DescentConfig): DescentRun | Failure;
  runRace(config: RaceConfig): RaceResult | Failure;
  surfaceCurvature(request: SurfaceSpec & { point: [number, number] }): Curvature | Failure;
  surfaceMap(request: SurfaceSpec & { columns: number; rows: number; levels?: number; box?: ViewBox }): SurfaceMap | Failure;
  surfaceCurve(spec: SurfaceSpec, xMin: number, xMax: number, samples: number): { ok: true; values: Float64Array } | Failure;
  rngStream(seed: number, count: number): { ok: true; uniform: Float64Array; normal: Float64Array } | Failure;
  makeDataset(request: DatasetRequest): Dataset | Failure;
  // The only way to make a NeuralNetwork (new NeuralNetwork() throws): the caller owns it.
  createNetwork(config: NetworkConfig): { ok: true; network: NeuralNetwork } | Failure;
}

// Options of the factory (Emscripten passes the object on as the module itself).
export interface DescentCoreOptions {
  // Development checks of the checked API (module.api): a handle garbage-collected without
  // delete() is reported with console.warn (where it was created) and freed. Default off; the
  // node tests (tests/wasm/load-core.js) turn it on, the site leaves it off.
  descentDevelopment?: boolean;
}

// The Emscripten MODULARIZE factory: a global in browsers, module.exports under node.
declare function createDescentCore(options?: DescentCoreOptions): Promise<DescentCore>;
export default createDescentCore;

// ---- The checked API (bindings/api.pre.js, linked with --pre-js): module.api ----
// The same functions, with failures thrown as one error type and new objects scoped:
//   const core = (await createDescentCore()).api;
//   try { core.runDescent({ surface: 'bowl', start: [1, 1], lr: 'fast' }); }
//   catch (error) { if (error instanceof core.DescentError) show(error.message, error.field); }  // "lr must be a number", "lr"
//   const history = core.using(core.createNetwork(config), (network) => network.train(options).history);

export interface DescentCore {
  readonly api: DescentApi;
}

// What module.api's DescentError constructs; thrown for every input the core refuses.
export interface DescentError extends Error {
  name: 'DescentError';
  message: string;                   // the core's message, e.g. "lr must be a number"
  field: string | undefined;         // the config key the message names ("lr", "box.xMin", "racers[1].lr"), if any
  operation: string | undefined;     // the call that failed: "runDescent", "Playground.setParameter", …
  position: number | undefined;      // formula failures: 0-based index where parsing stopped
  failure: Failure | undefined;      // the raw result: {ok: false, error, …}
}

export interface DescentErrorConstructor {
  new (message: string, details?: { field?: string; operation?: string; position?: number; failure?: Failure }): DescentError;
  readonly prototype: DescentError;
}

// Anything with delete(): what using() scopes.
export interface Deletable { delete(): void }

type ValuesOf<T> = T[keyof T];
// A success that only carries a new object ({ok: true, network}) comes back as that object, wrapped.
type UnwrapHandle<S> = S extends { ok: true }
  ? [ValuesOf<Omit<S, 'ok'>>] extends [never] ? S
    : [ValuesOf<Omit<S, 'ok'>>] extends [Deletable] ? CheckedHandle<ValuesOf<Omit<S, 'ok'>>> : S
  : S;
// What a checked call returns: the raw result without its Failure (which is thrown instead).
export type CheckedResult<R> = UnwrapHandle<Exclude<R, Failure>>;
type CheckedFunction<F> = F extends (...args: infer A) => infer R ? (...args: A) => CheckedResult<R> : never;
type FunctionKeys<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];

// A NeuralNetwork, Playground, DynamicsProbe or RegularizationTraining made through module.api:
// the same methods, checked; delete() when done (or let using() do it).
export type CheckedHandle<H> = { [K in FunctionKeys<H>]: CheckedFunction<H[K]> } & {
  isDeleted(): boolean;
  readonly raw: H;                   // the embind object it forwards to
};

// Every member of DescentCore but api is a function.
type RawFunctions = Omit<DescentCore, 'api'>;
export type CheckedCore = { [K in keyof RawFunctions]: CheckedFunction<RawFunctions[K]> };

export interface DescentApi extends CheckedCore {
  readonly DescentError: DescentErrorConstructor;
  // Runs body(handle), then deletes the handle — also when body throws or its promise rejects.
  using<H extends Deletable, T>(handle: H, body: (handle: H) => T): T;
  readonly raw: DescentCore;         // the module: the raw functions, which return {ok: false, error}
  readonly development: boolean;     // DescentCoreOptions.descentDevelopment
}

// ---- Training-dynamics probe (<descent-dynamics>; bindings/dynamics_bindings.cpp) ----
// A deep network (depth − 1 hidden layers of `width` units, one logit out) trained full-batch on 64
// points of the "circle" data set; entry k of every array describes the network after k updates.
// Per-entry arrays have one value per entry; per-layer ones `depth` values per entry (layer 1
// first), per-hidden-layer ones `hiddenLayers`; histograms hiddenLayers × bins per entry.

export type DynamicsActivation = 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'gelu';
// naive_uniform U[0,1), naive_normal N(0,1), small N(0, 0.01²), xavier (normal), he (normal).
export type DynamicsInitializer = 'naive_uniform' | 'naive_normal' | 'small' | 'xavier' | 'he';
export type FlowVerdictName = 'healthy' | 'fading' | 'vanishing' | 'exploding' | 'nan';

export interface DynamicsConfig {
  depth?: number;             // 2–30 layers with weights (default 10)
  width?: number;             // 2–128 units per hidden layer (default 32)
  activation?: DynamicsActivation;     // default 'sigmoid'
  initializer?: DynamicsInitializer;   // default 'xavier'
  batchNorm?: boolean;        // before every hidden activation
  residual?: boolean;         // skip connections on hidden layers 2 … depth − 1
  clip?: boolean;             // clip the global gradient norm (torch's clip_grad_norm_)
  clipThreshold?: number;     // > 0 (default 1)
  optimizer?: string;         // an id of catalog().optimizers (default 'sgd')
  lr?: number;                // (0, 100] (default 0.1)
  steps?: number;             // 0–500 updates (default 100)
  seed?: number;              // data and weights (default 1)
}

export interface DynamicsSummary {
  depth: number;
  hiddenLayers: number;
  bins: number;
  stepsCompleted: number;     // the last recorded entry (−1 before the first advance)
  finished: boolean;
  diverged: boolean;          // the last entry is not finite (verdict 'nan')
  divergedAtStep: number;     // −1 when not diverged
}

export interface DynamicsEntries {
  ok: true;
  first: number;              // index of the first entry below
  count: number;
  loss: Float64Array;                 // mean binary cross-entropy over the data set
  verdicts: FlowVerdictName[];
  messages: string[];                 // one line per entry, e.g. "vanishing: layer 1 gets 4.71e-14× …"
  flowRatio: Float64Array;            // ‖∂L/∂W₁‖ / max over layers
  gradientNorms: Float64Array;        // per layer ‖∂L/∂W_l‖, before clipping
  weightNorms: Float64Array;          // per layer ‖W_l‖
  activationMean: Float64Array;       // per hidden layer, of f(z)
  activationStd: Float64Array;
  zeroFraction: Float64Array;         // f(z) exactly 0
  deadUnitFraction: Float64Array;     // units 0 on every sample
  meanLocalDerivative: Float64Array;  // mean f'(z)
  saturatedFraction: Float64Array;    // f'(z) below 10 % of its peak
  nonFiniteFraction: Float64Array;
  histogramLow: Float64Array;         // per entry: the range all its histograms share
  histogramHigh: Float64Array;
  histograms: Float32Array;           // per hidden layer and bin: fraction of the activations
}

// Trains on demand, a few steps per call: call delete() when done with it.
export interface DynamicsProbe {
  advance(entries: number): number;   // records up to `entries` more; returns how many
  summary(): DynamicsSummary;
  entries(first: number): DynamicsEntries;  // entries first … stepsCompleted
  delete(): void;
}

export interface DynamicsCatalog {
  activations: DynamicsActivation[];
  initializers: DynamicsInitializer[];
  optimizers: string[];
  limits: { minDepth: number; maxDepth: number; minWidth: number; maxWidth: number; maxSteps: number; maxLearningRate: number; samples: number; smallInitStddev: number };
  // The verdict's rule (sims/dynamics/verdict.hpp): nan, then exploding (any norm > explodingNorm),
  // vanishing (loss > fittedLoss and every norm < vanishingGradientPerLoss·loss, or flowRatio < vanishingRatio),
  // fading (flowRatio < fadingRatio), healthy.
  thresholds: { fadingRatio: number; vanishingRatio: number; explodingNorm: number; vanishingGradientPerLoss: number; fittedLoss: number };
}

export interface DescentCore {
  createDynamicsProbe(config: DynamicsConfig): { ok: true; probe: DynamicsProbe } | Failure;
  runDynamics(config: DynamicsConfig): (DynamicsEntries & DynamicsSummary) | Failure;
  dynamicsCatalog(): DynamicsCatalog;
}

// ---- autograd (bindings/autograd_bindings.cpp) ----

// A formula that does not parse: error ends "at character N" (1-based); position is the same
// place as a 0-based index into the string, for pointing at it.
export type FormulaFailure = Failure & { position?: number };

export interface FormulaRequest {
  expression: string;     // e.g. "relu(w1*x + b1)*w2 + b2", "(x+1)^2"
  dimension?: 1 | 2;      // restrict names to x (1) or x, y (2); absent: any names
}

export interface GraphNode {
  index: number;          // position in topological order (inputs always come earlier)
  kind: string;           // 'constant', 'variable', 'add', 'multiply', 'power', 'relu', …
  symbol: string;         // '+', '×', '^', 'ReLU', 'σ', … ('' for constants and variables)
  name: string;           // a variable's name
  text: string;           // the sub-formula this node computes
  inputs: number[];
  localDerivatives: Float64Array;  // ∂node/∂input_i
  value: number;          // forward value
  gradient: number;       // ∂output/∂node
  depth: number;          // column for drawing: 0 for leaves
  onPath: boolean;        // false: no path to the output, so gradient 0
}

export interface GraphEdge {
  from: number; to: number; slot: number;
  localDerivative: number;   // ∂to/∂from
  upstreamGradient: number;  // ∂output/∂to
  contribution: number;      // upstream × local: what flows back into `from`
}

export interface EvaluatedGraph {
  ok: true;
  formula: string;
  output: number;            // the output node's INDEX into nodes, not its value (nodes[output].value)
  outputValue: number;       // the formula's value: nodes[output].value
  variables: string[];
  nodes: GraphNode[];
  edges: GraphEdge[];
  undefinedNode: number;     // first node undefined from finite inputs (log of −2, 1/0), or −1
  undefinedReason: string;
  derivatives: Float64Array[];  // one per derivativesFrom entry: ∂that node/∂every node
}

export interface TypedSurface {
  id: 'custom1d' | 'custom';
  label: string;
  dimension: 1 | 2;
  defaultStart: Float64Array;
  defaultExpression: string;
}

export interface DescentCore {
  checkFormula(request: FormulaRequest): { ok: true; formula: string; variables: string[] } | FormulaFailure;
  // A value for a name the formula does not use adds an unconnected variable node (gradient 0).
  evaluateFormula(request: FormulaRequest & { values: Record<string, number>; derivativesFrom?: number[] }): EvaluatedGraph | FormulaFailure;
  // (f(v + ε) − f(v)) / ε next to the backward pass's ∂f/∂v.
  gradientCheck(request: FormulaRequest & { values: Record<string, number>; variable: string; epsilon?: number }):
    { ok: true; analytic: number; numerical: number; value: number; shiftedValue: number } | FormulaFailure;
  // Each named parameter p ← p − lr·∂f/∂p; value is f at the updated values.
  gradientStep(request: FormulaRequest & { values: Record<string, number>; parameters: string[]; lr: number }):
    { ok: true; values: Record<string, number>; value: number } | FormulaFailure;
  typedSurfaces(): TypedSurface[];
}

// ---- Regularization explorer (<descent-regularization>; bindings/regularization_bindings.cpp) ----

// Every key optional; defaults are the explorer's default setup (core/include/descent/sims/regularization/run.hpp).
export interface RegularizationConfig {
  trainPoints?: number;       // 2–500 (default 15)
  validationPoints?: number;  // 2–500 (default 30), drawn apart from the training points
  noise?: number;             // σ of the Gaussian noise on y = sin 2πx (default 0.3)
  seed?: number;              // data, initial weights, dropout masks (default 17)
  trainingSet?: number;       // another draw of the training points with the same seed (default 0)
  capacity?: 'low' | 'medium' | 'high' | 'custom';  // 1 unit, 3 units, 2 × 16, width × depth (default high)
  width?: number;             // custom: units per hidden layer, 1–256
  depth?: number;             // custom: hidden layers, 1–6
  epochs?: number;            // 1–2000 (default 300)
  batchSize?: number;         // 0 = full batch (default)
  optimizer?: 'adam' | 'adamw' | 'momentum';
  lr?: number;                // (default 0.03)
  dropout?: number;           // rate on every hidden layer, 0–0.9 (0 = off)
  weightDecay?: number;       // L2 penalty (λ/2)Σw² for adam/momentum; decoupled decay for adamw
  l1?: number;                // λ₁ of λ₁Σ|w| (applied as soft-thresholding: exact zeros)
  earlyStopping?: boolean;
  patience?: number;          // 1–1000 (default 20)
  curvePoints?: number;       // x grid of the fitted curves, 2–1001 (default 61)
}

export type FitVerdict = 'underfitting' | 'good_fit' | 'overfitting';

// Per-epoch arrays have epochsCompleted + 1 entries: entry e is after e epochs (0 = initial weights).
export interface RegularizationResult {
  ok: true;
  finished: boolean;
  epochs: number;                 // planned
  epochsCompleted: number;
  trainX: Float64Array; trainY: Float64Array;
  validationX: Float64Array; validationY: Float64Array;
  curveX: Float64Array;           // curvePoints values of x in [0, 1]
  trueCurve: Float64Array;        // sin 2πx on curveX
  curvePoints: number;
  curves: Float64Array;           // (epochsCompleted + 1) × curvePoints, row-major: the fit after each epoch
  trainLoss: Float64Array;        // mse
  validationLoss: Float64Array;
  gap: Float64Array;              // validation − train
  zeroWeights: Int32Array;        // weights exactly 0 after each epoch
  verdicts: FitVerdict[];
  bestEpoch: number;              // lowest validation loss (epochs ≥ 1)
  bestValidationLoss: number;
  keptEpoch: number;              // whose weights the network ends with (best epoch after early stopping)
  sweetSpotFirst: number;         // epochs within 10% of the best validation loss, around bestEpoch
  sweetSpotLast: number;
  stopKind: 'running' | 'completed' | 'early_stopping' | 'diverged';
  stopReason: string;             // "completed", "early stopping at epoch k (best b)", "diverged at epoch e, step s: …"
  weights: Float64Array;          // the kept weights, no biases
  weightCount: number;
}

// A run advanced a few epochs at a time; call delete() when done.
export interface RegularizationTraining {
  advance(maxEpochs: number): { ok: true; finished: boolean; epochsCompleted: number } | Failure;
  finished(): boolean;
  epochsCompleted(): number;
  result(): RegularizationResult;  // what is computed so far
  delete(): void;
}

export interface PenaltyRun {
  penalty: 'l1' | 'l2';
  strength: number;
  weights: Float64Array;
  counts: Int32Array;             // histogram on the comparison's common bins over [−limit, limit]
  exactZeros: number;
  total: number;
  finalTrainLoss: number;
  finalValidationLoss: number;
  stopReason: string;
}

export interface BiasVarianceModel {
  capacity: string;
  curves: Float64Array;           // sets × curveX.length: each training set's kept fit
  meanCurve: Float64Array;
  biasSquared: number;            // mean over x of (meanCurve − sin 2πx)²
  variance: number;               // mean over x of the fits' variance around meanCurve
  meanValidationLoss: number;
  divergedRuns: number;
}

// What the explorer's menus and ranges need (regularizationCatalog()); every limit is one
// validate_regularization_run_config enforces (sims/regularization/run.hpp).
export interface RegularizationCatalog {
  // low, medium, high, custom: each preset's tanh hidden layers (custom: the default width × depth).
  capacities: { id: string; layers: Int32Array }[];
  // adam, adamw, momentum (SGD with momentum 0.9), each with its measured default learning rate
  // and weight decay, and the largest weight decay it accepts (AdamW's decoupled decay: 1).
  optimizers: { id: string; defaultLearningRate: number; defaultWeightDecay: number; maxWeightDecay: number }[];
  limits: {
    minEpochs: number; maxEpochs: number;            // 1, 2000
    minWidth: number; maxWidth: number;              // custom: 1, 256 units per hidden layer
    minDepth: number; maxDepth: number;              // custom: 1, 6 hidden layers
    minTrainPoints: number; maxTrainPoints: number;  // 2, 500
    maxLearningRate: number;                         // 10 (the rate must be > 0)
    maxDropout: number;                              // 0.9
    maxPenalty: number;                              // 10: l1, and weight decay but AdamW's
    maxPatience: number;                             // 1000 epochs
  };
  // RegularizationConfig's defaults.
  defaults: { capacity: string; width: number; depth: number; epochs: number; optimizer: string; patience: number; noise: number; trainPoints: number; validationPoints: number; seed: number };
}

export interface DescentCore {
  regularizationCatalog(): RegularizationCatalog;
  runRegularization(config: RegularizationConfig): RegularizationResult | Failure;
  createRegularizationRun(config: RegularizationConfig): { ok: true; run: RegularizationTraining } | Failure;
  // The same setup trained with only L1 (l1Strength) and only weight decay (l2Strength), dropout and early stopping off.
  compareWeightPenalties(request: RegularizationConfig & { l1Strength?: number; l2Strength?: number; bins?: number }):
    { ok: true; limit: number; bins: number; l1: PenaltyRun; l2: PenaltyRun } | Failure;
  // The setup trained on training sets 0 … sets − 1, with a simple and a complex capacity.
  runBiasVariance(request: RegularizationConfig & { sets?: number; simpleCapacity?: string; complexCapacity?: string }):
    { ok: true; sets: number; curveX: Float64Array; trueCurve: Float64Array; simple: BiasVarianceModel; complex: BiasVarianceModel } | Failure;
}

// ---- classifier playground (bindings/playground_bindings.cpp) ----

export interface PlaygroundConfig {
  dataset?: string;               // circle, xor, blobs, multiblobs, spirals, moons
  classCount?: number;            // multiblobs: 2–8
  points?: number;                // 10–2000, training and test together
  noise?: number;
  trainFraction?: number;         // 0.1–0.9
  features?: string[];            // x1, x2, x1_squared, x2_squared, x1_times_x2, sin_x1, sin_x2
  hidden?: number[];              // neurons per hidden layer (≤ 10 layers × 32)
  activation?: string;
  initializer?: string;
  batchNorm?: boolean;
  dropout?: number;
  loss?: string;                  // binary_cross_entropy (2 classes), cross_entropy (softmax), mse
  optimizer?: string;
  lr?: number;
  hyper?: Record<string, number>;
  schedule?: string;
  batchSize?: number;
  l1?: number;
  l2?: number;
  maxEpochs?: number;
  targetLoss?: number;            // 0: none
  boundaryResolution?: number;
  thumbnailResolution?: number;
  seed?: number;
  addedPoints?: number[];         // x1, x2, class for each point added to the training set
  csv?: string;                   // dataset "csv": header, then x1,x2,class rows (2 feature columns, 2–8 classes, 4–2000 rows)
}

export interface PlaygroundPoints { x: Float64Array; y: Float64Array; label: Int32Array; }

export interface PlaygroundLayout {
  view: { xMin: number; xMax: number; yMin: number; yMax: number };
  classCount: number;
  layerWidths: Int32Array;        // inputs, hidden layers, outputs
  thumbnailUnits: number;         // input features + hidden units
  boundaryResolution: number;
  thumbnailResolution: number;
  train: PlaygroundPoints;
  test: PlaygroundPoints;
}

export interface PlaygroundFrame {
  epoch: number;
  finished: boolean;
  stopReason: string;
  trainLoss: Float64Array; testLoss: Float64Array;         // per epoch
  trainAccuracy: Float64Array; testAccuracy: Float64Array; // per epoch
  accuracy: { train: number; test: number };               // at the current weights
  boundaryClass: Uint8Array;       // resolution², rows from the top
  boundaryConfidence: Float32Array;
  thumbnails: Float32Array;        // thumbnailUnits × thumbnailResolution²
  parameters: Float32Array;        // the network's flat parameters
  confusion: Int32Array;           // classCount², test points: true class × predicted class
}

// Delete with delete() when done.
export interface Playground {
  advance(epochs: number): number;
  frame(): PlaygroundFrame;
  layout(): PlaygroundLayout;
  // Sets flat parameter `index` (frame().parameters' order) between epochs; index in range, |value| ≤ 100.
  setParameter(index: number, value: number): { ok: true } | Failure;
  // The diagram's link from unit `from` of column `layer` to unit `to` of column layer + 1
  // (layerWidths' columns, 0 = the input features, the last = the output units): its flat index
  // and current weight.
  linkParameter(layer: number, from: number, to: number): { ok: true; index: number; value: number } | Failure;
  // The bias of unit `unit` of column layer + 1 (layer = the hidden layer count: an output unit):
  // its flat index and current value.
  biasParameter(layer: number, unit: number): { ok: true; index: number; value: number } | Failure;
  delete(): void;
}

export interface DescentCore {
  createPlayground(config: PlaygroundConfig): { ok: true; playground: Playground } | Failure;
  playgroundCatalog(): {
    datasets: { id: string; label: string; hasClassCount: boolean }[];
    features: { id: string; label: string }[];
    activations: string[]; initializers: string[]; losses: string[];
    limits: { minPoints: number; maxPoints: number; maxHiddenLayers: number; maxNeurons: number; maxLearningRate: number; minClasses: number; maxClasses: number; maxCsvBytes: number };
  };
}

// ---- CSV import (bindings/csv_bindings.cpp) ----

export interface CsvOptions {
  target?: string;                // the target column's name; default: the last column
  targetKind?: 'automatic' | 'regression' | 'classification'; // automatic: classes once a value is not a number
}

export interface CsvDataSet {
  ok: true;
  rows: number;
  featureCount: number;
  featureNames: string[];
  features: Float64Array;         // rows × featureCount, row-major
  targetName: string;
  targetKind: 'classification' | 'regression';
  labels?: Int32Array;            // classification: class index per row
  classNames?: string[];          // classification: class i's text (order of first appearance)
  targets?: Float64Array;         // regression: target per row
}

export interface DescentCore {
  // Parses CSV text (a header, then one row per sample); a problem comes back as its line and column.
  parseCsv(text: string, options: CsvOptions | undefined): CsvDataSet | Failure;
}

// ---- loss-function explorer (bindings/loss_bindings.cpp), behind <descent-loss> ----

// mse, mae, huber: input = the error d; bce, mse_sigmoid (MSE on σ(z)), focal, hinge: input = the logit z.
export type LossCurveName = 'mse' | 'mae' | 'huber' | 'bce' | 'mse_sigmoid' | 'focal' | 'hinge';

export interface LossCurvesRequest {
  curves?: LossCurveName[];   // default ['mse']
  huberDelta?: number;        // > 0, default 1
  focalGamma?: number;        // ≥ 0, default 2
  target?: 0 | 1;             // the binary curves' true label (hinge uses ±1), default 1
  from?: number; to?: number; // the input range, default −3..3
  samples?: number;           // 2..4001, default 201
}

export interface LineFit {
  loss: 'mse' | 'mae' | 'huber';
  slope: number; intercept: number;
  value: number;              // mean loss of the fitted line
  residuals: Float64Array;    // prediction − target per point
  gradients: Float64Array;    // ∂(mean loss)/∂prediction per point: how hard each point pulls
}

export interface DescentCore {
  lossCurves(request: LossCurvesRequest): { ok: true; input: Float64Array; curves: Record<string, { value: Float64Array; gradient: Float64Array }> } | Failure;
  // A line fitted under each loss (Adam from the least-squares line); 2..500 points.
  fitLines(request: { xs: ArrayLike<number>; ys: ArrayLike<number>; losses?: ('mse' | 'mae' | 'huber')[]; huberDelta?: number }): { ok: true; fits: LineFit[] } | Failure;
  // count points near y = 0.5x + 1 over x ∈ [−3, 3], Gaussian noise σ = 0.3.
  lineFitPoints(request: { count?: number; seed?: number }): { ok: true; xs: Float64Array; ys: Float64Array } | Failure;
  // −log p[trueClass] with logits log p; probabilities > 0, normalised by the core.
  categoricalCrossEntropy(request: { probabilities: ArrayLike<number>; trueClass: number }): { ok: true; probabilities: Float64Array; logits: Float64Array; loss: number; logitGradient: Float64Array } | Failure;
  // KL(P‖Q) and KL(Q‖P), each normalised; Infinity where one has mass the other lacks.
  klDivergence(request: { p: ArrayLike<number>; q: ArrayLike<number> }): { ok: true; p: Float64Array; q: Float64Array; klPQ: number; klQP: number } | Failure;
}

// ---- activation explorer (bindings/activation_bindings.cpp), behind <descent-activations> ----

export interface ActivationCurves {
  input: Float64Array; value: Float64Array; derivative: Float64Array;
  saturated: Uint8Array;      // 1 where f′(z) < 0.1 × peakDerivative
  peakDerivative: number;     // max over all z of f′ (sigmoid 0.25)
  peakAt: number;             // the first sampled z reaching the sampled maximum
  probeValue: number; probeDerivative: number;
}

export interface InitPropagation {
  weightCounts: Float64Array; weightLimit: number;   // layer 1's weights over [−limit, limit]
  weightVariance: number; weightVarianceTheory: number;
  inputVariance: number;                              // the N(0, 1) inputs' sample variance
  preactivationVariance: Float64Array;                // Var(z) per layer
  activationVariance: Float64Array; activationMean: Float64Array; saturatedFraction: Float64Array;
  shownLayers: Int32Array;
  histograms: Float64Array;                           // shownLayers.length × bins fractions
  histogramLow: number; histogramHigh: number; bins: number;
}

// What the activation explorer's menus and ranges need (activationCatalog()); the lists and limits
// are the ones activationCurves, softmaxOf and initPropagation enforce.
export interface ActivationCatalog {
  activations: string[];       // the functions drawn: every activation but linear (softmax: softmaxOf)
  initializers: string[];      // initPropagation's initialisers, in the panel's order
  layerActivations: string[];  // initPropagation's layer activations, in the panel's order
  limits: {
    minCurveSamples: number; maxCurveSamples: number;  // activationCurves' samples: 2, 4001
    maxSoftmaxSize: number;                            // softmaxOf's logits: 1 … 32
    minInitWidth: number; maxInitWidth: number;        // initPropagation: 2, 128
    minInitDepth: number; maxInitDepth: number;        // 1, 20
    minInitSamples: number; maxInitSamples: number;    // 2, 512
    minInitBins: number; maxInitBins: number;          // 4, 200
  };
  // The requests' defaults: the z range of activationCurves; initPropagation's initializer,
  // activation, width, depth, samples, bins and shown layers.
  defaults: { from: number; to: number; initializer: string; layerActivation: string; initWidth: number; initDepth: number; initSamples: number; initBins: number; shownLayers: Int32Array };
}

export interface DescentCore {
  activationCatalog(): ActivationCatalog;
  // Elementwise activations only (softmax: softmaxOf); alpha for leaky_relu / elu.
  activationCurves(request: { activation?: string; alpha?: number; from?: number; to?: number; samples?: number; probe?: number }): ({ ok: true } & ActivationCurves) | Failure;
  softmaxOf(request: { logits: ArrayLike<number>; temperature?: number }): { ok: true; probabilities: Float64Array } | Failure;
  // initializer and activation from ActivationCatalog; width 2..128, depth 1..20, samples 2..512,
  // bins 4..200, shownLayers increasing and ≤ depth.
  initPropagation(request: { initializer?: string; activation?: string; alpha?: number; width?: number; depth?: number; samples?: number; bins?: number; seed?: number; shownLayers?: number[] }): ({ ok: true } & InitPropagation) | Failure;
}

// ---- learning-rate range test (bindings/lr_bindings.cpp) ----

export type LrRangeTestRequest = { minLr?: number; maxLr?: number; steps?: number; batchSize?: number; points?: number; seed?: number };
export type LrRangeTestResult = {
  ok: true;
  learningRate: Float64Array; loss: Float64Array; smoothedLoss: Float64Array;  // per step run
  stoppedAtStep: number;     // the blow-up (non-finite or 4× the best smoothed loss), or −1
  suggestedStep: number; suggestedLr: number;  // steepest fall per decade of rate
  minimumStep: number;
};

// The range test a slice at a time; result() covers the steps run so far (lrRangeTest's answer
// once advance() has returned true). Call delete() when done with it.
export interface LrRangeTest {
  advance(steps: number): boolean | Failure;   // runs up to `steps` more mini-batches; true when over
  result(): LrRangeTestResult;
  delete(): void;
}

export interface DescentCore {
  // Leslie Smith's test on two moons with plain SGD: the rate grows exponentially per mini-batch.
  lrRangeTest(request: LrRangeTestRequest): LrRangeTestResult | Failure;
  createLrRangeTest(request: LrRangeTestRequest): { ok: true; run: LrRangeTest } | Failure;
}

// ---- mini-batch SGD explorer (bindings/sgd_bindings.cpp), behind <descent-sgd> ----

export interface SgdMinimumInfo {
  name: 'sharp' | 'wide';
  point: Float64Array;        // (w*, b*)
  loss: number;               // L(θ*)
  sharpness: number;          // λmax of the Hessian of L
  nonUniformity: number;      // √λmax of the spread of the per-sample Hessians
}

export interface SgdRunResult {
  batchSize: number; batchesPerEpoch: number;  // ⌈N/B⌉ iterations per epoch
  iterations: number;                           // updates performed
  positions: Float64Array;     // (iterations + 1) × 2: (w, b) after k updates
  fullLosses: Float64Array;    // iterations + 1: L over all points
  batchLosses: Float64Array;   // iterations: loss of the mini-batch each update used
  batchSteepShare: Float64Array;  // iterations: fraction of steep points in that batch
  minima: (SgdMinimumInfo & { growth: number; smallestStableBatch: number })[];  // at this η and B; −1: none
  outcome: 'sharp minimum' | 'wide minimum' | 'elsewhere' | 'diverged';
  nearestMinimum: number; distanceToNearest: number; divergedAtIteration: number;
  message: string;
}

export type SgdRunRequest = { batchSize?: number; lr?: number; epochs?: number; start?: number[]; shuffle?: boolean; seed?: number };

// An sgdRun a slice at a time (the widget spreads a long run over frames). Call delete() when done.
export interface SgdRun {
  advance(iterations: number): boolean | Failure;  // up to `iterations` more updates; true when over
  progress(): { iterations: number; totalIterations: number };
  result(): { ok: true } & SgdRunResult;           // sgdRun's answer once over (message '' before)
  delete(): void;
}

export interface DescentCore {
  // The shipped data set (seed 2018): 16 steep points (|x| ≈ 6, y = 1.2x) then 240 flat ones (|x| ≤ 1, y = −0.8x).
  sgdDataSet(): { ok: true; x: Float64Array; y: Float64Array; steep: Uint8Array; size: number; steepCount: number; cauchyScale: number; dataSeed: number;
    defaults: { lr: number; epochs: number; start: Float64Array }; viewBox: ViewBox; maxEpochs: number; maxIterations: number; maxLearningRate: number; maxFanBatches: number };
  // Plain SGD on the Cauchy line fit; batchSize 1..256 (256 = full batch), epochs × ⌈256/B⌉ ≤ 100000.
  sgdRun(request: SgdRunRequest): ({ ok: true } & SgdRunResult) | Failure;
  createSgdRun(request: SgdRunRequest): { ok: true; run: SgdRun } | Failure;
  // The full gradient and `count` (1..64) gradients of seeded random mini-batches of batchSize points at `point`.
  sgdGradientFan(request: { point: number[]; batchSize?: number; count?: number; seed?: number }): { ok: true; loss: number; fullGradient: Float64Array; batchGradients: Float64Array; batchLosses: Float64Array } | Failure;
  // Filled contours and contour lines of L(w, b), as surfaceMap, plus the located minima.
  sgdLandscape(request: { columns: number; rows: number; levels?: number; box?: ViewBox }): { ok: true; columns: number; rows: number; box: ViewBox; viewBox: ViewBox; rgba: Uint8Array;
    levels: Float64Array; contourSegments: Float64Array; logarithmic: boolean; min: number; max: number; formula: string; minima: SgdMinimumInfo[] } | Failure;
}

// ---- learning-rate explorer (bindings/lr_bindings.cpp), behind <descent-lr> ----

// A schedule's id and parameters (Catalog.schedules) and the base rate η it scales.
export interface LrScheduleChoice {
  schedule?: string;                        // default "constant"
  scheduleParams?: Record<string, number>;  // missing keys take their defaults
  lr?: number;                              // η
}

// The training setup shared by the explorer's runs: a 2 → hiddenWidth → hiddenWidth → 10 leaky-ReLU
// network, softmax cross-entropy on ten Gaussian blobs (five directions at radius 1 and 2), plain SGD.
export interface LrTrainingSetup {
  points?: number;       // 20..2000, default 200
  batchSize?: number;    // 1..points, default 25
  epochs?: number;       // 1..200, default 20; epochs × ⌈points / batchSize⌉ ≤ 20000
  hiddenWidth?: number;  // 2..64, default 32
  noise?: number;        // 0..1, default 0.1
  seed?: number;         // default 1
}

export interface LrTrainingRun {
  learningRate: number;          // the base rate
  epochLoss: Float64Array;       // entry 0 before training, then one per completed epoch
  epochAccuracy: Float64Array;   // same indexing
  stepLoss: Float64Array;        // per step with a finite loss
  stepLearningRate: Float64Array;
  diverged: boolean;
  divergedEpoch: number; divergedStep: number;  // 1-based; 0 when it did not diverge
  stopReason: string;            // "completed" or "diverged at epoch e, step s: loss became NaN"
}

export interface LrScheduleSamples {
  learningRate: Float64Array;    // one per step
  peakLearningRate: number; peakStep: number; finalLearningRate: number;
}

export type LrScheduleComparison = { ok: true; totalSteps: number; batchesPerEpoch: number; schedule: LrScheduleSamples; scheduled: LrTrainingRun; constant: LrTrainingRun };
export type LrThreeRates = { ok: true; tooLarge: LrTrainingRun; aboutRight: LrTrainingRun; tooSmall: LrTrainingRun };
export type LrThreeRatesRequest = LrTrainingSetup & { tooLarge?: number; aboutRight?: number; tooSmall?: number };

// The runs of an lrScheduleComparison or lrThreeRates request, trained a few epochs per call (the
// widget spreads them over animation frames); result() is that function's answer once advance()
// has returned true. Call delete() when done with it.
export interface LrRuns {
  advance(epochs: number): boolean | Failure;   // trains up to `epochs` more, run after run; true when all are done
  progress(): { epochs: number; totalEpochs: number };
  result(): LrScheduleComparison | LrThreeRates;
  delete(): void;
}

export interface DescentCore {
  createLrRuns(request: ({ kind: 'compare' } & LrScheduleChoice & LrTrainingSetup) | ({ kind: 'rates' } & LrThreeRatesRequest)): { ok: true; runs: LrRuns } | Failure;
  lrScheduleSamples(request: LrScheduleChoice & { steps?: number }): ({ ok: true } & LrScheduleSamples) | Failure;
  // The run with the schedule and the same run (same seed, same start) at the constant rate lr.
  lrScheduleComparison(request: LrScheduleChoice & LrTrainingSetup): LrScheduleComparison | Failure;
  // Three constant rates, tooSmall < aboutRight < tooLarge (defaults 0.005, 0.5, 4.5).
  lrThreeRates(request: LrThreeRatesRequest): LrThreeRates | Failure;
  // Linear scaling rule: k = newBatch / baseBatch, scaledLr = lr · k.
  lrLinearScaling(request: { lr: number; baseBatch: number; newBatch: number }): { ok: true; factor: number; scaledLr: number } | Failure;
}

// ---- perceptron vs MLP (bindings/perceptron_bindings.cpp), behind <descent-perceptron> ----

// Per-state arrays have one entry (or one block) per epoch plus the start: entry 0 is the state
// before training (the perceptron at w = 0, b = 0; the MLP at its initial weights).
export interface PerceptronHistory {
  w1: Float64Array; w2: Float64Array; bias: Float64Array;  // per state: the line w1·x1 + w2·x2 + b = 0
  predictions: Int32Array;   // per state, ŷ ∈ {0, 1} for each of the four points (4 per state)
  errors: Int32Array;        // per epoch: misclassified points met during it
  converged: boolean;        // an epoch had no error (the rule then stops)
  epochsToConverge: number;  // that epoch; 0 when it never converged
}

export interface MlpHistory {
  loss: Float64Array;             // per epoch: mean binary cross-entropy over the four points
  accuracy: Float64Array;         // per epoch: fraction classified correctly
  parameters: Float64Array;       // per state: parameterCount flat parameters (network order)
  parameterCount: number;         // 9: W1 (input i to unit j at 2i + j), b1, W2, b2
  pointProbability: Float64Array; // per state: P(class 1) at each of the four points
  epochsToSolve: number;          // first epoch with accuracy 1; 0 when never
  stopReason: string;             // "completed", or where training diverged
  field: { resolution: number; probability: Float64Array };  // after the last epoch
}

// What the widget's menus and ranges need (perceptronCatalog()): the limits are the ones
// perceptronVsMlp and perceptronMlpField enforce.
export interface PerceptronCatalog {
  datasets: string[];  // xor, and, or, nand
  limits: {
    minEpochs: number; maxEpochs: number;                    // 1, 5000
    minLearningRate: number; maxLearningRate: number;        // 0.01, 10
    minFieldResolution: number; maxFieldResolution: number;  // 2, 200
  };
  // perceptronVsMlp's defaults.
  defaults: { dataset: string; epochs: number; learningRate: number; seed: number; fieldResolution: number };
}

export interface DescentCore {
  perceptronCatalog(): PerceptronCatalog;
  // Rosenblatt's perceptron and a 2-2-1 MLP (tanh hidden, sigmoid/BCE output, Xavier-uniform from
  // seed, SGD one point per step) on the corners (0,0), (0,1), (1,0), (1,1) of a logic gate.
  // Defaults: dataset "xor", epochs 300 (1..5000), learningRate 0.5 (in [0.01, 10]), seed 1,
  // fieldResolution 40 (2..200). The field covers view.min..view.max on both axes, row-major from
  // the top row down.
  perceptronVsMlp(request: { dataset?: 'xor' | 'and' | 'or' | 'nand'; epochs?: number; learningRate?: number; seed?: number; fieldResolution?: number }): { ok: true; dataset: string; inputs: Float64Array; labels: Int32Array; perceptron: PerceptronHistory; mlp: MlpHistory; view: { min: number; max: number } } | Failure;
  // The MLP's decision field for one state's 9 parameters (e.g. mlp.parameters.subarray(9e, 9e + 9)).
  perceptronMlpField(request: { parameters: ArrayLike<number>; resolution?: number }): { ok: true; resolution: number; probability: Float64Array } | Failure;
}

// ---- convolution explorer (bindings/conv_bindings.cpp), behind <descent-conv> ----

// A square sliding window (a kernel or a pooling window); stride 1, padding 0, dilation 1 by default.
export interface SlidingWindow { kernel: number; stride?: number; padding?: number; dilation?: number }
export interface MapCell { channel: number; row: number; column: number }

// One convolution output's terms: z = bias + Σ input·weight over its taps (rows/columns outside
// the image are padding: input 0).
export interface CellSum {
  channels: Int32Array; rows: Int32Array; columns: Int32Array;
  inputs: Float32Array; weights: Float32Array; products: Float32Array;
  bias: number; value: number; activated: number;
}

export interface ConvExploration {
  convHeight: number; convWidth: number;
  featureMaps: Float32Array;   // filters × convHeight × convWidth: z before the activation
  activated: Float32Array;     // f(z)
  outputHeight: number; outputWidth: number;  // after pooling (the conv's without pooling)
  pooled?: Float32Array;       // filters × outputHeight × outputWidth, with pooling only
  parameterCount: number; multiplyAdds: number;
  explained: CellSum;          // of explainedCell
  inputGradient: Float32Array;       // ∂(tracedCell)/∂image, channels × height × width
  featureMapGradient: Float32Array;  // ∂(tracedCell)/∂z, filters × convHeight × convWidth
}

export interface LayerCost { weights: number; multiplyAdds: number }

export interface ConvCatalog {
  kernels: string[];  // kernelPreset names: identity, box-blur, gaussian, sharpen, sobel-x, sobel-y, laplacian, emboss
  images: string[];   // proceduralImage shapes (colour-scene has 3 channels)
  pools: string[];    // none, max, average
  limits: {
    maxFilters: number; maxKernel: number; maxStride: number; maxPadding: number; maxDilation: number;
    maxImageSide: number; maxChannels: number; maxFieldLayers: number;
    minImageSize: number; maxImageSize: number; maxJitter: number; maxNoise: number;  // proceduralImage
  };
}

export interface DescentCore {
  convCatalog(): ConvCatalog;
  // kernels: filters × K × K weights (filter f's kernel applied to every channel of its group).
  exploreConvolution(request: {
    channels: number; height: number; width: number; image: ArrayLike<number>;
    filters: number; convolution: SlidingWindow; groups?: number;
    kernels: ArrayLike<number>; biases?: ArrayLike<number>;
    activation?: string; pool?: 'none' | 'max' | 'average'; poolWindow?: SlidingWindow;
    explainedCell?: MapCell; tracedCell?: MapCell;
  }): ({ ok: true } & ConvExploration) | Failure;
  // Path counts from each input pixel to cell (row, column) of the stack's last output.
  receptiveFieldMap(request: { height: number; width: number; layers: SlidingWindow[]; row: number; column: number }): {
    ok: true;
    heights: Int32Array; widths: Int32Array;  // output extents after each layer
    sizes: Float64Array; jumps: Float64Array;  // field size and jump after each layer
    paths: Float64Array;                       // height × width
    firstRow: number; lastRow: number; firstColumn: number; lastColumn: number;  // may reach into the padding
  } | Failure;
  proceduralImage(request: { shape: string; size?: number; jitter?: number; noise?: number; seed?: number }): { ok: true; channels: number; size: number; pixels: Float32Array } | Failure;
  kernelPreset(request: { name: string; size: number }): { ok: true; weights: Float64Array } | Failure;
  // Standard K×K vs depthwise separable vs a 1×1 bottleneck (weights only, multiply-adds of one image).
  convolutionCosts(request: { inputChannels: number; outputChannels: number; kernel: number; height: number; width: number; bottleneck: number }): {
    ok: true;
    standard: LayerCost; depthwise: LayerCost; pointwise: LayerCost; separable: LayerCost;
    reduction: LayerCost; bottlenecked: LayerCost; bottleneck: LayerCost;
  } | Failure;
}

// ---- architecture calculator (bindings/architecture_bindings.cpp) ----

// Real CNNs at their real input sizes, layer by layer (parallel arrays, one entry per layer, in
// order; a block's branches one after the other, then its "add" or "concat" row). Batch norm is
// folded into the convolution before it ("conv+bn": γ and β counted, running statistics not).
export interface ArchitectureLayers {
  names: string[];   // e.g. "conv1", "layer1.0.conv2", "inception3a.5x5"
  kinds: string[];   // conv, conv+bn, depthwise+bn, maxpool, avgpool, dense, add, concat
  channels: Int32Array; heights: Int32Array; widths: Int32Array;  // output shape (C, H, W)
  parameters: Float64Array;    // weights + biases (+ batch norm's γ and β)
  multiplyAdds: Float64Array;  // one image's forward pass (pooling and adds: 0)
  fieldSizes: Float64Array;    // receptive field of one output, in input pixels
  fieldJumps: Float64Array;    // input pixels between neighbouring outputs
}

export interface DescentCore {
  // ids: lenet5, alexnet, vgg16, resnet18, resnet50, googlenet, mobilenet.
  architectureCatalog(): { ids: string[]; titles: string[] };
  architectureTable(request: { id: string }): {
    ok: true; id: string; title: string;
    inputShape: { channels: number; height: number; width: number };
    layers: ArchitectureLayers;
    totalParameters: number; totalMultiplyAdds: number;
  } | Failure;
}

// ---- a CNN trained live (bindings/cnn_bindings.cpp), behind <descent-cnn> ----

export type CnnPooling = 'none' | 'max' | 'average';
// One conv block: conv filters@kernel×kernel (stride 1, no padding) → activation → 2×2 pooling.
// padding 'same' (odd kernels): (kernel − 1)/2 zeros per side, the map keeps its size. batchNorm:
// per-channel batch norm between the convolution and the activation.
export interface CnnConvBlock { filters: number; kernel: number; pooling?: CnnPooling; padding?: 'valid' | 'same'; batchNorm?: boolean }
// Grey images, height × width, uint8 row-major, one label in 0..9 each.
export interface CnnImages { pixels: Uint8Array; labels: Uint8Array }
// Absent keys take cnnCatalog().defaults (LeNet-like: 6@5×5 max → 16@5×5 max → 120 → 84 → 10,
// relu, adam lr 1e-3, batch 32, all training images, 10 epochs, no shift, seed 1).
export interface CnnSessionRequest {
  convBlocks?: CnnConvBlock[];   // 0–3; [] = an MLP: the flattened image into the dense head
  activation?: string;           // cnnCatalog().activations
  dense?: number[];              // hidden widths of the head, 0–3 layers
  dropout?: number;              // dropout rate on each hidden dense layer, in [0, 1) (default 0)
  optimizer?: string; lr?: number; hyper?: Record<string, number>;
  batchSize?: number;
  trainSize?: number;            // the first trainSize training images; 0 = all
  // Transfer learning: the classes trained and tested on, each once, in 0..9 (default all 10; the
  // other classes' images are skipped; the head keeps 10 logits, unmasked).
  classes?: number[];
  perClass?: number;             // at most this many training images per class, the first ones; 0 = no limit
  frozenConvBlocks?: number;     // the first k conv blocks get no update (their weights stay as they are)
  // Start from this session's conv blocks at its current weights (same blocks and activation, else
  // a Failure); the dense head starts fresh from seed. The source may be deleted afterwards.
  from?: CnnSession;
  epochs?: number;
  shift?: number;                // augmentation: random shifts of ±shift pixels per axis
  seed?: number;
  height: number; width: number;
  train: CnnImages; test: CnnImages;
}
export interface CnnProgress {
  epoch: number; epochs: number;           // completed / total
  batch: number; batchesPerEpoch: number;  // mini-batches trained in the current epoch
  steps: number; examples: number;         // mini-batches / training examples so far
  done: boolean; diverged: boolean;
  evaluating: boolean;           // the epoch's batches are trained; its test set is being scored
  divergedEpoch: number; divergedStep: number;  // 1-based; 0 when it did not diverge
  parameterCount: number;        // the network's weights and biases
  trainingCount: number; testCount: number;  // images used, after classes / trainSize / perClass
  stopReason: string;            // "" while training, "completed" or "diverged at epoch e, step s: loss became NaN"
}
// Per completed epoch: train = running mean over the epoch's mini-batches; test = the whole test
// set in evaluation mode at the epoch's end.
export interface CnnHistory { trainLoss: Float64Array; trainAccuracy: Float64Array; testLoss: Float64Array; testAccuracy: Float64Array }
// A map over the image (saliency: height × width of the input) or over the last conv layer's
// output (Grad-CAM: its height × width, not upsampled).
export interface CnnMap { ok: true; height: number; width: number; values: Float32Array }
export interface CnnFeatureMap {
  layer: string;                 // "conv2d relu", "max_pool2d", "flatten", "dense relu", "dense" (logits)
  channels: number; height: number; width: number;  // features: channels = features, height = width = 1
  values: Float32Array;          // channels × height × width
}

// Trained a few mini-batches per advance() call (the live-run transport). pixels arguments are one
// image as a Uint8Array of height × width values. Call delete() when done with it.
export interface CnnSession {
  // Does `units` more units of work: a unit is one mini-batch, or scoring 100 test images at an
  // epoch's end (progress().evaluating meanwhile). True once done (all epochs, or diverged).
  advance(units: number): boolean | Failure;
  progress(): CnnProgress;
  history(): CnnHistory;
  confusion(): Int32Array;       // 10 × 10, row = true class, column = predicted (last test evaluation)
  misclassified(): { index: Int32Array; predicted: Int32Array };  // test indices and their predicted classes
  filters(): { count: number; channels: number; kernel: number; weights: Float32Array };  // count × channels × kernel × kernel (count 0 for an MLP)
  predict(pixels: Uint8Array): { ok: true; probabilities: Float32Array } | Failure;  // softmax, 10 values
  featureMaps(pixels: Uint8Array): { ok: true; layers: CnnFeatureMap[] } | Failure;
  saliency(pixels: Uint8Array, classIndex: number): CnnMap | Failure;  // |∂logit/∂pixel|
  gradCam(pixels: Uint8Array, classIndex: number): CnnMap | Failure;   // ReLU(Σ α_k A_k), last conv layer (Failure for an MLP)
  // Gradient ascent on an image, on a snapshot of the current weights (training may go on).
  activationMaximizer(request: CnnActivationMaxRequest): { ok: true; maximizer: CnnActivationMaximizer } | Failure;
  delete(): void;
}

// Activation maximisation (Erhan et al. 2009, Simonyan et al. 2013, Olah et al. 2017): from a
// seeded mid-grey noise image, x ← (1 − l2)·x + stepSize·g/rms(g) with g = ∂objective/∂x, a 3×3
// blur every blurEvery steps, pixels clipped to [0, 1].
export interface CnnActivationMaxRequest {
  target?: 'class' | 'filter';   // default 'class'
  classIndex?: number;           // target 'class': the logit maximised (default 0)
  layer?: number;                // target 'filter': convolution layers counted from 0 (default 0)
  filter?: number;               // target 'filter': maximise its mean activation (default 0)
  steps?: number;                // done after this many (default 200, at most 5000)
  stepSize?: number;             // RMS pixel change per step, in (0, 1] (default 0.02)
  l2?: number;                   // decay of the pixels per step, in [0, 1) (default 0.01)
  blurEvery?: number;            // 0 = never (default 4)
  seed?: number;                 // the start image (default 1)
}
export interface CnnActivationMaxState {
  ok: true; done: boolean;
  step: number; steps: number;   // ascent steps taken / in all
  objective: number;             // the class logit or the filter's mean activation, of image
  height: number; width: number;
  image: Float32Array;           // height × width, in [0, 1]
}
// Advanced a few steps per call (advance(0) returns the state without stepping). delete() when done.
export interface CnnActivationMaximizer {
  advance(steps: number): CnnActivationMaxState | Failure;
  objectives(): Float64Array;    // the objective of the start image, then after each step
  delete(): void;
}

export interface CnnCatalog {
  optimizers: string[]; activations: string[]; poolings: CnnPooling[];
  limits: {
    classes: number; maxConvBlocks: number; maxFilters: number; maxKernel: number;
    maxDenseLayers: number; maxDenseWidth: number; maxBatchSize: number; maxEpochs: number;
    maxShift: number; minImageSide: number; maxImageSide: number; maxExamples: number;
  };
  defaults: {
    convBlocks: CnnConvBlock[]; dense: Int32Array; dropout: number; activation: string; optimizer: string; lr: number;
    batchSize: number; trainSize: number; epochs: number; shift: number; seed: number;
    classes: Int32Array; perClass: number; frozenConvBlocks: number;  // all 10, no limit, none frozen
  };
}

export interface DescentCore {
  cnnCatalog(): CnnCatalog;
  createCnnSession(request: CnnSessionRequest): { ok: true; session: CnnSession } | Failure;
}

// ---- a recurrent network trained live (bindings/rnn_bindings.cpp), behind <descent-rnn> ----

export type RnnTask = 'sine' | 'adding' | 'parity' | 'copy';
export type RnnCell = 'rnn' | 'lstm' | 'gru';
// Absent keys take rnnCatalog().defaults (adding problem, LSTM of 16 units, length 20, full BPTT,
// adam 0.01, no clipping, batch 32, seed 1). A network whose training step takes more than
// limits.maxStepWork multiply-adds (batch × steps × gates·hidden × (input + hidden)) is refused.
export interface RnnSessionRequest {
  task?: RnnTask;
  cell?: RnnCell;
  hiddenSize?: number;           // 1 … limits.maxHiddenSize
  sequenceLength?: number;       // within the task's [minLength, maxLength]; copy: the symbols L (2L + 1 steps)
  truncation?: number;           // BPTT steps; 0 = full
  optimizer?: string; hyper?: Record<string, number>;
  learningRate?: number;         // in (0, 10]
  clipNorm?: number;             // > 0: the gradient's L2 norm clipped to it; 0 = off
  batchSize?: number;
  seed?: number;
}
export interface RnnTrainResult {
  ok: true;
  losses: Float64Array;          // the loss of each step this call trained (and of a diverging step)
  gradientNorms: Float64Array;   // ‖∂L/∂θ‖ of each of those steps, before clipping
  steps: number;                 // steps trained in all
  diverged: boolean; divergedStep: number;  // 1-based; 0 when it did not diverge
  stopReason: string;            // "" or "diverged at step s: the loss became nan"
}
// The last complete evaluation of the test set: its loss (the mean over the counted steps), the
// task's metric ("mse" = the loss, or "accuracy" over the counted steps) and the task's baseline
// of that metric, at the weights of training step `steps` (−1: none complete yet); done: the call
// completed one.
export interface RnnEvaluation {
  ok: true; done: boolean; steps: number;
  metric: 'mse' | 'accuracy'; loss: number; value: number; baseline: number;
}
// One test sequence through the network; matrices flat, row t = step t.
export interface RnnInspection {
  ok: true; index: number; steps: number;
  time: number; inputSize: number; outputTime: number; outputSize: number; targetSize: number;
  hiddenSize: number; gateCount: number; gateNames: string[];  // lstm input, forget, candidate, output; gru reset, update, candidate
  loss: number;                  // this sequence's loss
  inputs: Float32Array;          // time × inputSize (copy: token ids, 4 = delimiter, 5 = blank)
  targets: Float32Array;         // outputTime × targetSize (class ids for parity and copy)
  mask: Float32Array;            // outputTime: 1 where the step counts in the loss
  outputs: Float32Array;         // outputTime × outputSize: values, or softmax probabilities
  hiddenStates: Float32Array;    // time × hiddenSize
  cellStates: Float32Array;      // time × hiddenSize (LSTM; empty otherwise)
  gates: Float32Array;           // time × gateCount·hiddenSize, gate g in columns g·hiddenSize…
  gradientNorms: Float64Array;   // time: ‖∂L/∂h_t‖ of this sequence's loss
}
export interface RnnSessionInfo {
  ok: true; task: RnnTask; cell: RnnCell; metric: 'mse' | 'accuracy';
  timeSteps: number; parameterCount: number; trainCount: number; testCount: number; steps: number;
}
// Trained a few steps per train() call (the live-run transport). Call delete() when done with it.
export interface RnnSession {
  train(steps: number): RnnTrainResult | Failure;   // 0 … limits.maxStepsPerCall steps
  // Scores up to `sequences` (1 … testCount) more test sequences of the evaluation in progress; the
  // first call starts one at the current weights (kept: training may go on between calls).
  evaluate(sequences: number): RnnEvaluation | Failure;
  inspect(index: number): RnnInspection | Failure;  // 0 … testCount − 1
  info(): RnnSessionInfo | Failure;
  delete(): void;
}
export interface RnnTaskInfo {
  id: RnnTask; label: string; summary: string; metric: 'mse' | 'accuracy'; baseline: string;
  minLength: number; maxLength: number; defaultLength: number;
}
export interface RnnCatalog {
  tasks: RnnTaskInfo[]; cells: RnnCell[]; optimizers: string[];
  limits: { maxHiddenSize: number; maxStepWork: number; maxBatchSize: number; maxTruncation: number; maxStepsPerCall: number; trainCount: number; testCount: number };
  defaults: {
    task: RnnTask; cell: RnnCell; hiddenSize: number; sequenceLength: number; truncation: number;
    optimizer: string; learningRate: number; clipNorm: number; batchSize: number; seed: number;
  };
}

export interface DescentCore {
  rnnCatalog(): RnnCatalog;
  createRnnSession(request: RnnSessionRequest): { ok: true; session: RnnSession } | Failure;
}
