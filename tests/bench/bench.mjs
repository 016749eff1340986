// Runs the same workloads natively (build/native/descent_bench) and in
// WebAssembly under node (build/wasm/descent-core.js) and prints them side by side.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const RACE_STEPS = 10000; // keep in step with bench/bench_workloads.hpp
const GRID_SIDE = 256;
const CONTOUR_LEVELS = 24;
const RACE_LEARNING_RATE_FACTOR = 0.01;

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
const gridMs = medianMilliseconds(9, () => {
  const map = core.surfaceMap({ surface: 'rosenbrock', columns: GRID_SIDE, rows: GRID_SIDE, levels: CONTOUR_LEVELS });
  if (!map.ok) throw new Error(map.error);
});

if (raceSteps !== native.race_steps) {
  throw new Error(`native and WebAssembly completed different step counts: ${native.race_steps} vs ${raceSteps}`);
}
const rows = [
  [`race: ${optimizers.length} optimizers × ${RACE_STEPS} steps, Rosenbrock (1 call each)`, native.race_ms, raceMs],
  [`contour map ${GRID_SIDE}×${GRID_SIDE}, ${CONTOUR_LEVELS} levels, Rosenbrock`, native.grid_ms, gridMs],
];
const pad = (text, width) => String(text).padEnd(width);
console.log(`${pad('workload (median)', 66)}${pad('native ms', 12)}${pad('wasm ms', 12)}wasm/native`);
for (const [name, nativeMs, wasmMs] of rows) {
  console.log(`${pad(name, 66)}${pad(nativeMs.toFixed(2), 12)}${pad(wasmMs.toFixed(2), 12)}${(wasmMs / nativeMs).toFixed(2)}×`);
}
console.log(`(${raceSteps} optimizer steps completed in each build; wasm figures include the typed-array copies a page gets)`);
