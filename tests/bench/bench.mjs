// Runs the same workloads natively (build/native/descent_bench) and in
// WebAssembly under node (build/wasm/descent-core.js) and prints them side by side.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
// Keep in step with bench/bench_workloads.hpp.
const RACE_STEPS = 10000;
const GRID_SIDE = 256;
const CONTOUR_LEVELS = 24;
const RACE_LEARNING_RATE_FACTOR = 0.01;
const RACE_FRAME_STEPS = 300;
const RACE_FRAME_CONDITION = 10;

function medianMilliseconds(repeats, work) {
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const native = JSON.parse(execFileSync('build/native/descent_bench', { encoding: 'utf8' }));

const core = await require('../../build/wasm/descent-core.js')();
const optimizers = core.catalog().optimizers;
let raceSteps = 0;
const raceMs = medianMilliseconds(5, () => {
  raceSteps = 0;
  for (const optimizer of optimizers) {
    const run = core.runDescent({
      surface: 'rosenbrock', optimizer: optimizer.id, start: [-1.5, 2.0], steps: RACE_STEPS,
      lr: optimizer.defaultLearningRate * RACE_LEARNING_RATE_FACTOR,
    });
    if (!run.ok) throw new Error(run.error);
    raceSteps += run.stepsCompleted;
  }
});

const raceFrame = {
  surface: 'ravine', condition: RACE_FRAME_CONDITION, start: [-9.0, 2.0], steps: RACE_FRAME_STEPS,
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
const rows = [
  [`race: ${optimizers.length} optimizers × ${RACE_STEPS} steps, Rosenbrock (1 runDescent each)`, native.race_ms, raceMs],
  [`race frame: 1 runRace, ${optimizers.length} racers × ${RACE_FRAME_STEPS} steps, ravine κ=${RACE_FRAME_CONDITION}`, native.race_frame_ms, frameMs],
  [`contour field ${GRID_SIDE}×${GRID_SIDE}, ${CONTOUR_LEVELS} levels with lines, Rosenbrock`, native.field_ms, fieldMs],
];
const pad = (text, width) => String(text).padEnd(width);
console.log(`${pad('workload (median)', 78)}${pad('native ms', 12)}${pad('wasm ms', 12)}wasm/native`);
for (const [name, nativeMs, wasmMs] of rows) {
  console.log(`${pad(name, 78)}${pad(nativeMs.toFixed(2), 12)}${pad(wasmMs.toFixed(2), 12)}${(wasmMs / nativeMs).toFixed(2)}×`);
}
console.log(`(${raceSteps} + ${frameSteps} optimizer steps and ${fieldSegments} contour segments in each build; ` +
  'wasm figures include the typed-array copies a page gets)');
