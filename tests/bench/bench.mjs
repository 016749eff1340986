// Runs the same workloads natively (build/native/descent_bench) and in
// WebAssembly under node (build/wasm/descent-core.js) and prints them side by side;
// the neural-network workloads also with TensorFlow.js (CPU and WebAssembly backends).
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

// ---- convolutional networks (native only until the vision widget binds the layers) ----
console.log('');
console.log(`${pad('LeNet-like stack, one training step (median), native only', 78)}native ms`);
[1, 16, 64].forEach((batch, index) => {
  console.log(
    `${pad(`conv 6@5×5 → pool → conv 16@5×5 → pool → 120 → 84 → 10, batch of ${batch}`, 78)}` +
      native.lenet_step_ms[index].toFixed(3),
  );
});

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
  `${pad('full recompute: 28×28 input, 8 kernels 3×3, ReLU, max pool, field of 3 layers, costs', 78)}` +
    `${pad(convRecomputeMs.toFixed(3), 10)}< 4`,
);
