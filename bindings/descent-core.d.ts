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
  maxSteps: number;
  maxLearningRate: number;
}

export interface SurfaceSpec {
  surface: string;        // a Catalog.surfaces id
  condition?: number;     // ravine condition number κ, 1–1000 (default 10)
}

export interface DescentConfig extends SurfaceSpec {
  optimizer?: string;                      // default "adam"
  lr?: number;                             // base learning rate, (0, maxLearningRate]
  hyper?: Record<string, number>;          // optimizer hyper-parameters; missing keys take defaults
  schedule?: string;                       // default "constant"
  scheduleParams?: Record<string, number>;
  clip?: 'none' | 'norm' | 'value';
  clipThreshold?: number;
  start: number[];                         // one number per surface dimension
  steps?: number;                          // 1–maxSteps (default 12)
  noise?: number;                          // std-dev of Gaussian gradient noise (default 0)
  seed?: number;                           // whole number ≥ 0, seeds the noise (default 1)
}

export type Failure = { ok: false; error: string };

export interface DescentRun {
  ok: true;
  dimension: 1 | 2;
  stepsCompleted: number;          // fewer than requested only when the run diverged
  positions: Float64Array;         // (stepsCompleted + 1) × dimension, point after k updates
  losses: Float64Array;            // stepsCompleted + 1
  gradients: Float64Array;         // (stepsCompleted + 1) × dimension, exact gradient at each point
  gradientNorms: Float64Array;     // stepsCompleted + 1
  learningRates: Float64Array;     // stepsCompleted, the schedule's rate for each update
  state: { key: string; label: string; meaning: string; values: Float64Array }[];  // stepsCompleted × dimension each
  outcome: 'reached_minimum' | 'diverged' | 'diverging' | 'stuck' | 'descending';
  divergedAtStep: number;          // -1 when it did not blow up
  reachedMinimumAtStep: number;    // -1 when it did not arrive
  nearestMinimum: number;          // index into surfaceInfo().minima, or -1
  message: string;                 // one line for the learner
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
  logarithmic: boolean;    // levels spaced geometrically above the minimum
  min: number;
  max: number;
}

export interface DescentCore {
  catalog(): Catalog;
  surfaceInfo(spec: SurfaceSpec): SurfaceInfo | Failure;
  runDescent(config: DescentConfig): DescentRun | Failure;
  surfaceMap(request: SurfaceSpec & { columns: number; rows: number; levels?: number; box?: ViewBox }): SurfaceMap | Failure;
  surfaceCurve(spec: SurfaceSpec, xMin: number, xMax: number, samples: number): { ok: true; values: Float64Array } | Failure;
  rngStream(seed: number, count: number): { ok: true; uniform: Float64Array; normal: Float64Array } | Failure;
}

// The Emscripten MODULARIZE factory: a global in browsers, module.exports under node.
declare function createDescentCore(): Promise<DescentCore>;
export default createDescentCore;
