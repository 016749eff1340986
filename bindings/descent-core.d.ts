// Hand-written types for the JavaScript API of the WebAssembly core
// (build/wasm/descent-core.js, also the first part of build/site/descent.js).
// Every function validates its input and returns {ok: false, error} rather than throwing.

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
  surface: string;        // a Catalog.surfaces id
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

export interface DescentCore {
  catalog(): Catalog;
  surfaceInfo(spec: SurfaceSpec): SurfaceInfo | Failure;
  runDescent(config: DescentConfig): DescentRun | Failure;
  runRace(config: RaceConfig): RaceResult | Failure;
  surfaceCurvature(request: SurfaceSpec & { point: [number, number] }): Curvature | Failure;
  surfaceMap(request: SurfaceSpec & { columns: number; rows: number; levels?: number; box?: ViewBox }): SurfaceMap | Failure;
  surfaceCurve(spec: SurfaceSpec, xMin: number, xMax: number, samples: number): { ok: true; values: Float64Array } | Failure;
  rngStream(seed: number, count: number): { ok: true; uniform: Float64Array; normal: Float64Array } | Failure;
}

// The Emscripten MODULARIZE factory: a global in browsers, module.exports under node.
declare function createDescentCore(): Promise<DescentCore>;
export default createDescentCore;
