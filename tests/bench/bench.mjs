// Runs the same workloads natively (build/native/descent_bench) and in
// WebAssembly under node (build/wasm/descent-core.js) and prints them side by side;
// the neural-network workloads also with TensorFlow.js (CPU and WebAssembly backends), and the
// LeNet-like training step with ConvNetJS too.
// DESCENT_BENCH_NATIVE and DESCENT_CORE_JS point it at other build trees.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
// Keep in step with bench/bench_workloads.hpp.
const RACE_STEPS = 10000;
const GRID_SIDE = 256;
const CONTOUR_LEVELS = 24;
const RACE_LEARNING_RATE_FACTOR = 0.01;
const RACE_FRAME_STEPS = 300;
const RACE_FRAME_CONDITION = 10;
const SPIRAL = { name: 'spirals', count: 500, noise: 0.05, seed: 1 };
const NETWORK_LEARNING_RATE = 0.01;
const SMALL = { hidden: [4, 2], batchSize: 10, epochs: 50 };
const MEDIUM = { hidden: [32, 32, 32], batchSize: 32, epochs: 10 };
const PREDICTION_GRID_SIDE = 100;
const GRID_BOX = { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 };

// Warm-up runs first: V8 starts WebAssembly on its baseline compiler and swaps in optimised code later.
function medianMilliseconds(repeats, work, warmups = 2) {
  for (let i = 0; i < warmups; i++) work();
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times);
}

// Runs `work` once (warm-up) and then as often as fits in about `budgetMs` (3 to `most` times): the
// slow libraries' large batches take seconds per step.
function budgetedMedianMilliseconds(budgetMs, most, work) {
  const start = performance.now();
  work();
  const once = performance.now() - start;
  return medianMilliseconds(Math.max(3, Math.min(most, Math.floor(budgetMs / Math.max(once, 1e-3)))), work, 1);
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

const nativeBench = process.env.DESCENT_BENCH_NATIVE ?? 'build/native/descent_bench';
const native = JSON.parse(execFileSync(nativeBench, { encoding: 'utf8' }));

const core = await require(path.resolve(process.env.DESCENT_CORE_JS ?? 'build/wasm/descent-core.js'))();
const optimizers = core.catalog().optimizers;
let raceSteps = 0;
const raceMs = medianMilliseconds(5, () => {
  raceSteps = 0;
  for (const optimizer of optimizers) {
    const run = core.runDescent({
      surface: 'rosenbrock',
      optimizer: optimizer.id,
      start: [-1.5, 2.0],
      steps: RACE_STEPS,
      lr: optimizer.defaultLearningRate * RACE_LEARNING_RATE_FACTOR,
    });
    if (!run.ok) throw new Error(run.error);
    raceSteps += run.stepsCompleted;
  }
});

const raceFrame = {
  surface: 'ravine',
  condition: RACE_FRAME_CONDITION,
  start: [-9.0, 2.0],
  steps: RACE_FRAME_STEPS,
  racers: optimizers.map((optimizer) => ({ optimizer: optimizer.id, lr: optimizer.defaultLearningRate })),
};
let frameSteps = 0;
const frameMs = medianMilliseconds(51, () => {
  const race = core.runRace(raceFrame);
  if (!race.ok) throw new Error(race.error);
  frameSteps = race.runs.reduce((total, run) => total + run.stepsCompleted, 0);
});

let fieldSegments = 0;
const fieldMs = medianMilliseconds(9, () => {
  const map = core.surfaceMap({ surface: 'rosenbrock', columns: GRID_SIDE, rows: GRID_SIDE, levels: CONTOUR_LEVELS });
  if (!map.ok) throw new Error(map.error);
  fieldSegments = map.contourSegmentLevels.length;
});

const mismatches = [
  ['race steps', native.race_steps, raceSteps],
  ['race frame steps', native.race_frame_steps, frameSteps],
  ['contour segments', native.field_segments, fieldSegments],
].filter(([, nativeCount, wasmCount]) => nativeCount !== wasmCount);
for (const [what, nativeCount, wasmCount] of mismatches) {
  throw new Error(`native and WebAssembly differ in ${what}: ${nativeCount} vs ${wasmCount}`);
}
function networkConfig(hidden) {
  return {
    inputWidth: 2,
    initializer: 'xavier_uniform',
    seed: 1,
    layers: [...hidden.map((width) => ({ width, activation: 'tanh' })), { width: 1, activation: 'linear' }],
  };
}

// Descent in WebAssembly: one train() call; returns its ms per epoch and, as a check that native
// did the same work, its last epoch's training loss.
function descentTrainingRun({ hidden, batchSize, epochs }, data) {
  const start = performance.now();
  const { network } = core.createNetwork(networkConfig(hidden));
  const result = network.train({
    dataset: data,
    epochs,
    batchSize,
    optimizer: 'adam',
    lr: NETWORK_LEARNING_RATE,
    loss: 'bce',
    seed: 2,
  });
  network.delete();
  if (!result.ok) throw new Error(result.error);
  return { ms: (performance.now() - start) / epochs, check: result.history.trainLoss[epochs - 1] };
}

// Descent in WebAssembly: the medium network's 100×100 prediction grid; returns its ms and, as the
// check, how many cells come out positive.
function descentGridRun(network) {
  const start = performance.now();
  const grid = network.predictGrid(GRID_BOX, PREDICTION_GRID_SIDE, PREDICTION_GRID_SIDE);
  const ms = performance.now() - start;
  if (!grid.ok) throw new Error(grid.error);
  return { ms, check: grid.outputs.filter((value) => value > 0).length };
}

// The network rows, native and WebAssembly alternating run by run: a native process
// (`descent_bench serve-networks`) answers one run per request, so on a shared machine load that
// comes and goes slows both sides alike. The ratio is the median of each WebAssembly run over the
// native run just before it, which cancels the machine's drift better than a ratio of medians.
// Each workload first gets one untimed run per side.
// WebAssembly is warmed up first (0.5 s), as in a widget that has trained for a moment — V8 swaps
// in optimised code in the background; its very first runs, on V8's baseline code, are reported
// separately.
const NETWORK_RUNS = 60;
const spiral = core.makeDataset(SPIRAL);
const gridNetwork = core.createNetwork(networkConfig(MEDIUM.hidden)).network;
const networkWorkloads = {
  small: () => descentTrainingRun(SMALL, spiral),
  medium: () => descentTrainingRun(MEDIUM, spiral),
  grid: () => descentGridRun(gridNetwork),
};
const names = Object.keys(networkWorkloads);
const firstRunMs = Object.fromEntries(names.map((name) => [name, networkWorkloads[name]().ms]));
for (const warmupStart = performance.now(); performance.now() - warmupStart < 500;) {
  for (const name of names) networkWorkloads[name]();
}
// A native process that answers one workload run per line on stdin with {"ms", "check"}.
function startServer(command, args) {
  const server = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  server.on('exit', (code) => {
    if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
  });
  const pendingAnswers = [];
  readline.createInterface({ input: server.stdout }).on('line', (line) => pendingAnswers.shift()(JSON.parse(line)));
  const run = (name) =>
    new Promise((resolve) => {
      pendingAnswers.push(resolve);
      server.stdin.write(`${name}\n`);
    });
  return { run, end: () => server.stdin.end() };
}
const nativeServer = startServer(nativeBench, ['serve-networks']);
const nativeRun = nativeServer.run;
// The best-native reference (reference_mlp.cpp: plain vectorised Eigen, -O3 -march=native) on the
// same spiral, alternated with the other two so all three see the same machine.
const referenceBench = process.env.DESCENT_BENCH_REFERENCE ?? 'build/native/descent_reference_mlp';
const spiralFile = path.join(os.tmpdir(), `descent-bench-spiral-${process.pid}.txt`);
fs.writeFileSync(
  spiralFile,
  Array.from(
    { length: spiral.rows },
    (_, i) => `${spiral.inputs[2 * i]} ${spiral.inputs[2 * i + 1]} ${spiral.labels[i]}`,
  ).join('\n') + '\n',
);
const referenceServer = startServer(referenceBench, ['serve', spiralFile]);
const networkMs = { native: {}, wasm: {}, reference: {} };
const networkRatios = {};
const referenceRatios = {};
const lastCheck = {};
const referenceCheck = {};
for (const name of names) {
  networkMs.native[name] = [];
  networkMs.wasm[name] = [];
  networkMs.reference[name] = [];
  networkRatios[name] = [];
  referenceRatios[name] = [];
  await nativeRun(name);
  await referenceServer.run(name);
  networkWorkloads[name]();
  for (let run = 0; run < NETWORK_RUNS; run++) {
    const nativeResult = await nativeRun(name);
    const referenceResult = await referenceServer.run(name);
    const { ms, check } = networkWorkloads[name]();
    networkMs.native[name].push(nativeResult.ms);
    networkMs.reference[name].push(referenceResult.ms);
    networkMs.wasm[name].push(ms);
    networkRatios[name].push(ms / nativeResult.ms);
    referenceRatios[name].push(ms / referenceResult.ms);
    referenceCheck[name] = referenceResult.check;
    lastCheck[name] = check;
    // The builds are bit-identical (same operation order, no FMA contraction): any difference is a bug.
    if (check !== nativeResult.check) {
      throw new Error(`native and WebAssembly differ in the ${name} workload: ${nativeResult.check} vs ${check}`);
    }
  }
}
gridNetwork.delete();
referenceServer.end();
fs.rmSync(spiralFile);

// TensorFlow.js on the same work: same layers, Glorot-uniform weights, Adam, sigmoid
// cross-entropy on logits, a fresh shuffle per epoch, one optimizer.minimize per mini-batch
// (the leanest training loop TF.js offers; model.fit adds per-batch callbacks on top).
const tf = require('@tensorflow/tfjs');
const { setWasmPaths } = require('@tensorflow/tfjs-backend-wasm');
// Offline: the backend's .wasm files are read from node_modules, never fetched.
setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep);

function tfModel(hidden) {
  const model = tf.sequential();
  hidden.forEach((units, i) =>
    model.add(tf.layers.dense({ units, activation: 'tanh', ...(i === 0 ? { inputShape: [2] } : {}) })),
  );
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}

async function tfEpochMs({ hidden, batchSize, epochs }) {
  const inputs = tf.tensor2d(Float32Array.from(spiral.inputs), [spiral.rows, 2]);
  const labels = tf.tensor2d(Float32Array.from(spiral.labels), [spiral.rows, 1]);
  const times = [];
  let loss = 0;
  for (let repeat = 0; repeat < 3; repeat++) {
    const model = tfModel(hidden);
    const optimizer = tf.train.adam(NETWORK_LEARNING_RATE);
    const order = Array.from({ length: spiral.rows }, (_, i) => i);
    const start = performance.now();
    for (let epoch = 0; epoch < epochs; epoch++) {
      tf.util.shuffle(order);
      for (let first = 0; first < order.length; first += batchSize) {
        tf.tidy(() => {
          const batch = tf.tensor1d(order.slice(first, first + batchSize), 'int32');
          const x = inputs.gather(batch);
          const y = labels.gather(batch);
          optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(y, model.predict(x)));
        });
      }
    }
    loss = tf.tidy(() => tf.losses.sigmoidCrossEntropy(labels, model.predict(inputs)).dataSync()[0]);
    times.push((performance.now() - start) / epochs);
    model.dispose();
    optimizer.dispose();
  }
  tf.dispose([inputs, labels]);
  times.sort((a, b) => a - b);
  return { ms: times[1], loss };
}

function tfGridMs() {
  const model = tfModel(MEDIUM.hidden);
  const side = PREDICTION_GRID_SIDE;
  const ms = medianMilliseconds(21, () => {
    const points = new Float32Array(2 * side * side);
    for (let i = 0; i < side * side; i++) {
      points[2 * i] = GRID_BOX.xMin + (((i % side) + 0.5) * (GRID_BOX.xMax - GRID_BOX.xMin)) / side;
      points[2 * i + 1] = GRID_BOX.yMax - ((Math.floor(i / side) + 0.5) * (GRID_BOX.yMax - GRID_BOX.yMin)) / side;
    }
    tf.tidy(() => model.predict(tf.tensor2d(points, [side * side, 2])).dataSync());
  });
  model.dispose();
  return ms;
}

const tfResults = {};
for (const backend of ['cpu', 'wasm']) {
  if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js backend ${backend} failed to start`);
  await tf.ready();
  tfResults[backend] = { small: await tfEpochMs(SMALL), medium: await tfEpochMs(MEDIUM), grid: { ms: tfGridMs() } };
}

const rows = [
  [
    `race: ${optimizers.length} optimizers × ${RACE_STEPS} steps, Rosenbrock (1 runDescent each)`,
    native.race_ms,
    raceMs,
  ],
  [
    `race frame: 1 runRace, ${optimizers.length} racers × ${RACE_FRAME_STEPS} steps, ravine κ=${RACE_FRAME_CONDITION}`,
    native.race_frame_ms,
    frameMs,
  ],
  [
    `contour field ${GRID_SIDE}×${GRID_SIDE}, ${CONTOUR_LEVELS} levels with lines, Rosenbrock`,
    native.field_ms,
    fieldMs,
  ],
];
const pad = (text, width) => String(text).padEnd(width);
console.log(`${pad('workload (median)', 78)}${pad('native ms', 12)}${pad('wasm ms', 12)}wasm/native`);
for (const [name, nativeMs, wasmMs] of rows) {
  console.log(
    `${pad(name, 78)}${pad(nativeMs.toFixed(2), 12)}${pad(wasmMs.toFixed(2), 12)}${(wasmMs / nativeMs).toFixed(2)}×`,
  );
}
console.log(
  `(${raceSteps} + ${frameSteps} optimizer steps and ${fieldSegments} contour segments in each build; ` +
    'wasm figures include the typed-array copies a page gets)',
);

const networkRow = (label, name) => [
  label,
  median(networkMs.native[name]),
  median(networkMs.wasm[name]),
  median(networkRatios[name]),
  tfResults.cpu[name].ms,
  tfResults.wasm[name].ms,
  median(networkMs.reference[name]),
  median(referenceRatios[name]),
];
const networkRows = [
  networkRow(`2-4-2-1 tanh, batch ${SMALL.batchSize}, ${SPIRAL.count}-point spiral: ms per epoch`, 'small'),
  networkRow(`2-32-32-32-1 tanh, batch ${MEDIUM.batchSize}, same spiral: ms per epoch`, 'medium'),
  networkRow(`${PREDICTION_GRID_SIDE}×${PREDICTION_GRID_SIDE} prediction grid of the 2-32-32-32-1 network: ms`, 'grid'),
];
console.log('');
console.log(
  `${pad('network workload (median)', 70)}${pad('native', 10)}${pad('best', 10)}${pad('wasm', 10)}${pad('tfjs-cpu', 10)}${pad('tfjs-wasm', 11)}` +
    'wasm/native  wasm/best  tfjs-cpu/wasm  tfjs-wasm/wasm',
);
for (const [name, nativeMs, wasmMs, ratio, cpuMs, tfWasmMs, bestMs, bestRatio] of networkRows) {
  console.log(
    `${pad(name, 70)}${pad(nativeMs.toFixed(3), 10)}${pad(bestMs.toFixed(3), 10)}${pad(wasmMs.toFixed(3), 10)}${pad(cpuMs.toFixed(3), 10)}${pad(tfWasmMs.toFixed(3), 11)}` +
      `${pad(ratio.toFixed(2) + '×', 13)}${pad(bestRatio.toFixed(2) + '×', 11)}${pad((cpuMs / wasmMs).toFixed(2) + '×', 15)}${(tfWasmMs / wasmMs).toFixed(2)}×`,
  );
}
console.log(
  '(best: the same work written plainly with vectorised Eigen, -O3 -march=native (tests/bench/reference_mlp.cpp), ' +
    `its own initial weights; last-epoch training loss ${referenceCheck.small.toFixed(4)} / ${referenceCheck.medium.toFixed(4)}; ` +
    'wasm/best is the median ratio of each wasm run to the reference run before it)',
);
console.log(
  `(float networks, Adam lr ${NETWORK_LEARNING_RATE}, binary cross-entropy on one logit; last-epoch training loss ` +
    `Descent (native = wasm) ${lastCheck.small.toFixed(4)} / ${lastCheck.medium.toFixed(4)}, TF.js cpu ${tfResults.cpu.small.loss.toFixed(4)} / ${tfResults.cpu.medium.loss.toFixed(4)}, ` +
    `TF.js wasm ${tfResults.wasm.small.loss.toFixed(4)} / ${tfResults.wasm.medium.loss.toFixed(4)}; TF.js draws its own initial weights)`,
);
console.log(
  `(Descent: medians of ${NETWORK_RUNS} runs per build, native and wasm alternating run by run; wasm/native is the ` +
    'median ratio of each wasm run to the native run before it; ' +
    `wasm after 0.5 s of warm-up; its very first runs, on V8's baseline code, took ${firstRunMs.small.toFixed(3)} / ` +
    `${firstRunMs.medium.toFixed(3)} ms per epoch and ${firstRunMs.grid.toFixed(2)} ms for the grid)`,
);

// ---- the regularization explorer: retraining the default setup (a slider move) ----
// The widget's default setup is the core's default config ({}), as in bench_workloads.hpp.
let regularizationValidation = 0;
const regularizationMs = medianMilliseconds(
  9,
  () => {
    const run = core.runRegularization({});
    if (!run.ok) throw new Error(run.error);
    regularizationValidation = run.validationLoss[run.keptEpoch];
  },
  3,
);
console.log('');
console.log(
  `${pad('regularization explorer (median of 9, after 3 warm-ups)', 78)}${pad('native ms', 12)}${pad('wasm ms', 12)}wasm/native`,
);
console.log(
  `${pad('retrain the default setup: 2×16 tanh, 15 points, 300 full-batch Adam epochs', 78)}` +
    `${pad(native.regularization_ms.toFixed(2), 12)}${pad(regularizationMs.toFixed(2), 12)}${(regularizationMs / native.regularization_ms).toFixed(2)}×`,
);
console.log(
  `(target: under 16 ms, one animation frame; final validation loss native ${native.regularization_validation.toFixed(4)}, ` +
    `wasm ${regularizationValidation.toFixed(4)})`,
);

// ---- the training-dynamics explorer: one diagnostic pass (each step of <descent-dynamics>) ----
// The same config as dynamics_pass_config() in bench_workloads.hpp.
const DYNAMICS_PASS = { depth: 30, width: 32, activation: 'relu', initializer: 'he', steps: 0 };
let dynamicsFirstNorm = 0;
const dynamicsMs = medianMilliseconds(
  21,
  () => {
    const run = core.runDynamics(DYNAMICS_PASS);
    if (!run.ok) throw new Error(run.error);
    dynamicsFirstNorm = run.gradientNorms[0];
  },
  3,
);
console.log('');
console.log(
  `${pad('dynamics explorer (median of 21, after 3 warm-ups)', 78)}${pad('native ms', 12)}${pad('wasm ms', 12)}wasm/native`,
);
console.log(
  `${pad('one diagnostic pass: 30 ReLU layers × 32 units (He), batch of 64, histograms', 78)}` +
    `${pad(native.dynamics_ms.toFixed(2), 12)}${pad(dynamicsMs.toFixed(2), 12)}${(dynamicsMs / native.dynamics_ms).toFixed(2)}×`,
);
console.log(
  `(forward pass with activation histograms + forward and backward pass with per-layer gradient norms; ` +
    `layer 1 gradient norm native ${native.dynamics_first_norm.toExponential(4)}, wasm ${dynamicsFirstNorm.toExponential(4)})`,
);

// ---- convolutional networks: one training step of the LeNet-like stack ----
// The same network and images as lenet_network() / lenet_batch() in bench_workloads.hpp: conv 6@5×5
// → max pool 2 → conv 16@5×5 → max pool 2 → flatten → 120 → 84 → 10 (ReLU after the convolutions
// and hidden dense layers) on 1×28×28 images of uniform [0, 1) values from Rng(3), one-hot class
// i mod 10, softmax cross-entropy; one step is one forward and backward pass (every parameter's
// gradient), no update. Descent in WebAssembly: one NeuralNetwork.lossAndGradient call, the JS
// API's forward + backward, which also copies the batch in and the gradient out into a reused
// Float64Array (its `into` argument); the same calls with a fresh gradient array each are timed too.
const LENET_BATCHES = [1, 16, 64];
const LENET_STEPS_PER_RUN = [16, 2, 1]; // kLenetStepsPerRun
const LENET_RUNS = 40;
const LENET_SIDE = 28;
const LENET_CLASSES = 10;
const lenetConfig = {
  inputImage: { channels: 1, height: LENET_SIDE, width: LENET_SIDE },
  layers: [
    { kind: 'conv2d', width: 6, kernel: 5, activation: 'relu' },
    { kind: 'max_pool2d', kernel: 2 },
    { kind: 'conv2d', width: 16, kernel: 5, activation: 'relu' },
    { kind: 'max_pool2d', kernel: 2 },
    { kind: 'flatten' },
    { width: 120, activation: 'relu' },
    { width: 84, activation: 'relu' },
    { width: LENET_CLASSES },
  ],
  initializer: 'he_uniform',
  seed: 1,
};
const lenetPixels = core.rngStream(3, Math.max(...LENET_BATCHES) * LENET_SIDE * LENET_SIDE).uniform;
const lenetData = LENET_BATCHES.map((batch) => {
  const targets = new Float64Array(batch * LENET_CLASSES);
  for (let sample = 0; sample < batch; sample++) targets[sample * LENET_CLASSES + (sample % LENET_CLASSES)] = 1;
  return { batch, images: lenetPixels.slice(0, batch * LENET_SIDE * LENET_SIDE), targets };
});
const lenetMade = core.createNetwork(lenetConfig);
if (!lenetMade.ok) throw new Error(lenetMade.error);
const lenet = lenetMade.network;
const lenetGradient = new Float64Array(lenet.parameterCount());
function descentLenetRun(index, fresh = false) {
  const { batch, images, targets } = lenetData[index];
  const steps = LENET_STEPS_PER_RUN[index];
  let check = 0;
  const start = performance.now();
  for (let step = 0; step < steps; step++) {
    const result = fresh
      ? lenet.lossAndGradient(images, batch, targets, 'cross_entropy')
      : lenet.lossAndGradient(images, batch, targets, 'cross_entropy', lenetGradient);
    if (!result.ok) throw new Error(result.error);
    check = result.loss;
  }
  return { ms: (performance.now() - start) / steps, check };
}
const lenetFirstMs = LENET_BATCHES.map((_, index) => descentLenetRun(index).ms);
for (const warmupStart = performance.now(); performance.now() - warmupStart < 500;) {
  LENET_BATCHES.forEach((_, index) => descentLenetRun(index));
}
const lenetMs = { native: [], wasm: [], ratio: [], fresh: [], freshRatio: [] };
const lenetLoss = [];
for (const [index, batch] of LENET_BATCHES.entries()) {
  const times = { native: [], wasm: [], ratio: [], fresh: [], freshRatio: [] };
  await nativeRun(`lenet${batch}`);
  for (let run = 0; run < LENET_RUNS; run++) {
    const nativeResult = await nativeRun(`lenet${batch}`);
    const { ms, check } = descentLenetRun(index);
    const fresh = descentLenetRun(index, true).ms;
    times.native.push(nativeResult.ms);
    times.wasm.push(ms);
    times.ratio.push(ms / nativeResult.ms);
    times.fresh.push(fresh);
    times.freshRatio.push(fresh / nativeResult.ms);
    if (check !== nativeResult.check) {
      throw new Error(
        `native and WebAssembly differ in the LeNet step at batch ${batch}: ${nativeResult.check} vs ${check}`,
      );
    }
    lenetLoss[index] = check;
  }
  for (const key of Object.keys(times)) lenetMs[key].push(median(times[key]));
}
lenet.delete();

// TensorFlow.js: the same layers (channels-last 28×28×1 input, its default Glorot-uniform weights),
// one step = tf.variableGrads of the softmax cross-entropy over the batch (forward and backward, every
// trainable variable's gradient, no update), the loss read back.
// TF.js 4.22's wasm backend registers no Conv2DBackpropFilter kernel (a convolution's weight gradient),
// so it cannot train a convolution as shipped; the bench lends it one that runs the backend's own
// Conv3DBackpropFilterV2 on the same data seen as depth 1 (reshapes share the data), so that the
// whole step still runs in its WebAssembly. Stride 1 only: checked against the cpu backend's gradient
// (within 4e-7), while that wasm kernel's results at stride 2 differ from the cpu backend's.
function lendWasmConv2dBackpropFilter() {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  const reshape = tf.getKernel('Reshape', 'wasm').kernelFunc;
  const filterGradient3d = tf.getKernel('Conv3DBackpropFilterV2', 'wasm').kernelFunc;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs: { x, dy }, backend, attrs: { strides, pad, filterShape } }) => {
      const depth1 = (tensor) =>
        reshape({ inputs: { x: tensor }, backend, attrs: { shape: [tensor.shape[0], 1, ...tensor.shape.slice(1)] } });
      const x5 = depth1(x);
      const dy5 = depth1(dy);
      const [strideHeight, strideWidth] = Array.isArray(strides) ? strides : [strides, strides];
      if (strideHeight !== 1 || strideWidth !== 1) throw new Error('the lent Conv2DBackpropFilter takes stride 1 only');
      const dw5 = filterGradient3d({
        inputs: { x: x5, dy: dy5 },
        backend,
        attrs: { strides: [1, strideHeight, strideWidth], pad, filterShape: [1, ...filterShape] },
      });
      const dw = reshape({ inputs: { x: dw5 }, backend, attrs: { shape: filterShape } });
      for (const info of [x5, dy5, dw5]) backend.disposeData(info.dataId);
      return dw;
    },
  });
}
function tfLenetModel() {
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({ inputShape: [LENET_SIDE, LENET_SIDE, 1], filters: 6, kernelSize: 5, activation: 'relu' }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 120, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 84, activation: 'relu' }));
  model.add(tf.layers.dense({ units: LENET_CLASSES }));
  return model;
}
function tfLenetStepMs(index) {
  const { batch, images, targets } = lenetData[index];
  const model = tfLenetModel();
  const x = tf.tensor4d(Float32Array.from(images), [batch, LENET_SIDE, LENET_SIDE, 1]);
  const y = tf.tensor2d(Float32Array.from(targets), [batch, LENET_CLASSES]);
  let loss = 0;
  const ms = budgetedMedianMilliseconds(3000, 31, () => {
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.predict(x)));
      loss = value.dataSync()[0];
      for (const gradient of Object.values(grads)) gradient.dataSync();
    });
  });
  model.dispose();
  tf.dispose([x, y]);
  return { ms, loss };
}
const tfLenet = {};
for (const backend of ['cpu', 'wasm']) {
  if (backend === 'wasm') lendWasmConv2dBackpropFilter();
  await tf.setBackend(backend);
  await tf.ready();
  tfLenet[backend] = LENET_BATCHES.map((_, index) => tfLenetStepMs(index));
}

// ConvNetJS 0.3.0: the same layers (its softmax layer brings the 10-unit dense layer), one sample at
// a time as it works — a step over a batch is net.forward + net.backward per sample, its
// gradients summed in the layers (what its Trainer does before an update), in float64.
const convnetjs = require('convnetjs');
function convnetLenetStepMs(index) {
  const { batch, images } = lenetData[index];
  const net = new convnetjs.Net();
  net.makeLayers([
    { type: 'input', out_sx: LENET_SIDE, out_sy: LENET_SIDE, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 6, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'fc', num_neurons: 120, activation: 'relu' },
    { type: 'fc', num_neurons: 84, activation: 'relu' },
    { type: 'softmax', num_classes: LENET_CLASSES },
  ]);
  const volumes = Array.from({ length: batch }, (_, sample) => {
    const volume = new convnetjs.Vol(LENET_SIDE, LENET_SIDE, 1, 0);
    volume.w.set(images.subarray(sample * LENET_SIDE * LENET_SIDE, (sample + 1) * LENET_SIDE * LENET_SIDE));
    return volume;
  });
  let loss = 0;
  const ms = budgetedMedianMilliseconds(3000, 15, () => {
    loss = 0;
    for (const [sample, volume] of volumes.entries()) {
      net.forward(volume, true);
      loss += net.backward(sample % LENET_CLASSES);
    }
    loss /= batch;
  });
  return { ms, loss };
}
const convnetLenet = LENET_BATCHES.map((_, index) => convnetLenetStepMs(index));

console.log('');
console.log(
  `${pad('LeNet-like stack, one training step (forward + backward), ms (median)', 72)}${pad('native', 10)}${pad('wasm', 10)}${pad('tfjs-cpu', 10)}${pad('tfjs-wasm', 11)}${pad('convnetjs', 11)}` +
    'wasm/native  tfjs-wasm/wasm  convnetjs/wasm',
);
for (const [index, batch] of LENET_BATCHES.entries()) {
  const wasmMs = lenetMs.wasm[index];
  console.log(
    `${pad(`batch of ${batch}`, 72)}${pad(lenetMs.native[index].toFixed(3), 10)}${pad(wasmMs.toFixed(3), 10)}` +
      `${pad(tfLenet.cpu[index].ms.toFixed(3), 10)}${pad(tfLenet.wasm[index].ms.toFixed(3), 11)}${pad(convnetLenet[index].ms.toFixed(3), 11)}` +
      `${pad(lenetMs.ratio[index].toFixed(2) + '×', 13)}${pad((tfLenet.wasm[index].ms / wasmMs).toFixed(2) + '×', 16)}${(convnetLenet[index].ms / wasmMs).toFixed(2)}×`,
  );
}
console.log(
  `(conv 6@5×5 → max pool 2 → conv 16@5×5 → max pool 2 → 120 → 84 → 10 on 1×28×28, softmax cross-entropy; Descent native and ` +
    `wasm alternating run by run, ${LENET_RUNS} runs each, wasm/native the median per-run ratio, wasm through ` +
    `NeuralNetwork.lossAndGradient into a reused array after 0.5 s of warm-up (first runs ${lenetFirstMs.map((ms) => ms.toFixed(3)).join(' / ')} ms; ` +
    `with a fresh gradient array per call ${lenetMs.fresh.map((ms) => ms.toFixed(3)).join(' / ')} ms, ` +
    `${lenetMs.freshRatio.map((ratio) => ratio.toFixed(2) + '×').join(' / ')} native); ` +
    `losses Descent (native = wasm) ${lenetLoss.map((loss) => loss.toFixed(4)).join(' / ')}, ` +
    `TF.js cpu ${tfLenet.cpu.map(({ loss }) => loss.toFixed(4)).join(' / ')}, wasm ${tfLenet.wasm.map(({ loss }) => loss.toFixed(4)).join(' / ')}, ` +
    `ConvNetJS ${convnetLenet.map(({ loss }) => loss.toFixed(4)).join(' / ')}: each draws its own initial weights; ` +
    'TF.js: tf.variableGrads, float32; ConvNetJS 0.3.0: forward + backward per sample, float64)',
);

// ---- the classifier playground: one animation frame of <descent-playground> ----
// The same setup as playground_frame_config() in bench_workloads.hpp: one epoch on 500 training
// points (SGD, batches of 10, 2 → 4 → 2 → 1 tanh) and the frame (100 × 100 decision field, 32 × 32
// picture per unit, weights, accuracy, confusion matrix) read in one call.
const playgroundMade = core.createPlayground({ points: 1000, trainFraction: 0.5, maxEpochs: 100000 });
if (!playgroundMade.ok) throw new Error(playgroundMade.error);
const playground = playgroundMade.playground;
// Frame by frame, native (the same server as the network rows) and WebAssembly alternating, no
// warm-up: both playgrounds train through the same 51 epochs and must agree on every frame.
const PLAYGROUND_FRAMES = 51;
const playgroundFrameMs = { native: [], wasm: [], ratios: [] };
let playgroundAccuracy = 0;
for (let frame = 0; frame < PLAYGROUND_FRAMES; frame++) {
  const nativeFrame = await nativeRun('playground');
  const start = performance.now();
  playground.advance(1);
  playgroundAccuracy = playground.frame().accuracy.test;
  const ms = performance.now() - start;
  playgroundFrameMs.native.push(nativeFrame.ms);
  playgroundFrameMs.wasm.push(ms);
  playgroundFrameMs.ratios.push(ms / nativeFrame.ms);
  if (nativeFrame.check !== playgroundAccuracy) {
    throw new Error(
      `native and WebAssembly differ in the playground's accuracy after ${frame + 1} epochs: ${nativeFrame.check} vs ${playgroundAccuracy}`,
    );
  }
}
nativeServer.end();
const playgroundLayout = playground.layout();
playground.delete();
const playgroundMs = median(playgroundFrameMs.wasm);

// TensorFlow Playground's documented per-frame work, done with TF.js on the same data and network:
// one epoch (SGD, lr 0.03, batches of 10 over the 500 training points, shuffled), the training and
// test loss, and 10,000 forward passes for its 100 × 100 decision-boundary heatmap.
const PLAYGROUND_LEARNING_RATE = 0.03;
const PLAYGROUND_BATCH = 10;
function tfPlaygroundFrameMs() {
  const points = (set) => {
    const xy = new Float32Array(2 * set.x.length);
    set.x.forEach((x, i) => {
      xy[2 * i] = x;
      xy[2 * i + 1] = set.y[i];
    });
    return [tf.tensor2d(xy, [set.x.length, 2]), tf.tensor2d(Float32Array.from(set.label), [set.label.length, 1])];
  };
  const [trainX, trainY] = points(playgroundLayout.train);
  const [testX, testY] = points(playgroundLayout.test);
  const { xMin, xMax, yMin, yMax } = playgroundLayout.view;
  const side = playgroundLayout.boundaryResolution;
  const cells = new Float32Array(2 * side * side);
  for (let i = 0; i < side * side; i++) {
    cells[2 * i] = xMin + (((i % side) + 0.5) * (xMax - xMin)) / side;
    cells[2 * i + 1] = yMax - ((Math.floor(i / side) + 0.5) * (yMax - yMin)) / side;
  }
  const grid = tf.tensor2d(cells, [side * side, 2]);
  const model = tfModel([4, 2]);
  const optimizer = tf.train.sgd(PLAYGROUND_LEARNING_RATE);
  const order = Array.from({ length: playgroundLayout.train.x.length }, (_, i) => i);
  let lastTrainLoss = 0;
  const ms = medianMilliseconds(
    51,
    () => {
      tf.util.shuffle(order);
      for (let first = 0; first < order.length; first += PLAYGROUND_BATCH) {
        tf.tidy(() => {
          const batch = tf.tensor1d(order.slice(first, first + PLAYGROUND_BATCH), 'int32');
          optimizer.minimize(() =>
            tf.losses.sigmoidCrossEntropy(trainY.gather(batch), model.predict(trainX.gather(batch))),
          );
        });
      }
      tf.tidy(() => {
        lastTrainLoss = tf.losses.sigmoidCrossEntropy(trainY, model.predict(trainX)).dataSync()[0];
        tf.losses.sigmoidCrossEntropy(testY, model.predict(testX)).dataSync();
        model.predict(grid).dataSync();
      });
    },
    3,
  );
  model.dispose();
  optimizer.dispose();
  tf.dispose([trainX, trainY, testX, testY, grid]);
  return { ms, loss: lastTrainLoss };
}
const tfPlayground = {};
for (const backend of ['cpu', 'wasm']) {
  await tf.setBackend(backend);
  await tf.ready();
  tfPlayground[backend] = tfPlaygroundFrameMs();
}
console.log('');
console.log(
  `${pad(`classifier playground (median of ${PLAYGROUND_FRAMES} frames)`, 70)}${pad('native', 10)}${pad('wasm', 10)}${pad('tfjs-cpu', 10)}${pad('tfjs-wasm', 11)}` +
    'wasm/native  tfjs-cpu/wasm  tfjs-wasm/wasm',
);
console.log(
  `${pad('one frame: 1 epoch, 500 points, 100×100 field (+ pictures): ms', 70)}` +
    `${pad(median(playgroundFrameMs.native).toFixed(3), 10)}${pad(playgroundMs.toFixed(3), 10)}${pad(tfPlayground.cpu.ms.toFixed(3), 10)}${pad(tfPlayground.wasm.ms.toFixed(3), 11)}` +
    `${pad(median(playgroundFrameMs.ratios).toFixed(2) + '×', 13)}${pad((tfPlayground.cpu.ms / playgroundMs).toFixed(2) + '×', 15)}${(tfPlayground.wasm.ms / playgroundMs).toFixed(2)}×`,
);
console.log(
  "(2-4-2-1 tanh, SGD lr 0.03, batches of 10; Descent also draws every unit's 32×32 picture, the confusion matrix and " +
    "the accuracy; TF.js does TensorFlow Playground's documented work: one epoch, train and test loss, 10,000 forward passes. " +
    `native and wasm alternating frame by frame, wasm/native the median per-frame ratio; test accuracy after ${PLAYGROUND_FRAMES} epochs ` +
    `${playgroundAccuracy.toFixed(3)} in both; ` +
    `TF.js last training loss cpu ${tfPlayground.cpu.loss.toFixed(4)}, wasm ${tfPlayground.wasm.loss.toFixed(4)}, its own initial weights)`,
);

// ---- the convolution explorer: one full recompute of <descent-conv> after a control change ----
// The calls its simulate() makes for a 28×28 input and 8 kernels with max pooling: the image, the
// kernels, the maps' sizes, the maps with one cell's sum and one cell's gradient, the receptive
// field of a 3-layer stack (sized, then traced) and the cost table. Goal: under 4 ms.
function convExplorerRecompute() {
  const image = core.proceduralImage({ shape: 'cross', size: 28 }).pixels;
  const presets = ['identity', 'box-blur', 'gaussian', 'sharpen', 'sobel-x', 'sobel-y', 'laplacian', 'emboss'];
  const kernels = presets.flatMap((name) => Array.from(core.kernelPreset({ name, size: 3 }).weights));
  const request = {
    channels: 1,
    height: 28,
    width: 28,
    image,
    filters: 8,
    convolution: { kernel: 3, padding: 1 },
    kernels,
    activation: 'relu',
    pool: 'max',
    poolWindow: { kernel: 2, stride: 2 },
  };
  core.exploreConvolution(request);
  const result = core.exploreConvolution({
    ...request,
    explainedCell: { channel: 0, row: 14, column: 14 },
    tracedCell: { channel: 0, row: 7, column: 7 },
  });
  const field = {
    height: 28,
    width: 28,
    layers: [{ kernel: 3 }, { kernel: 2, stride: 2 }, { kernel: 3 }],
    row: 0,
    column: 0,
  };
  core.receptiveFieldMap(field);
  core.receptiveFieldMap({ ...field, row: 5, column: 5 });
  core.convolutionCosts({ inputChannels: 256, outputChannels: 512, kernel: 3, height: 28, width: 28, bottleneck: 64 });
  if (!result.ok) throw new Error(result.error);
}
const convRecomputeMs = medianMilliseconds(51, convExplorerRecompute, 5);
console.log('');
console.log(`${pad('convolution explorer (median of 51, after 5 warm-ups)', 78)}wasm ms   goal`);
console.log(
  `${pad('full recompute: 28×28, 8 kernels 3×3, ReLU, max pool, 3-layer field, costs', 78)}` +
    `${pad(convRecomputeMs.toFixed(3), 10)}< 4`,
);
