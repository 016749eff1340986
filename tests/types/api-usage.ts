// Compiled (never run) against bindings/descent-core.d.ts by `npx tsc -p tests/types`: every
// function and class of the module used the way the declarations document them, raw and through
// the checked API (module.api). tests/wasm/declarations.test.js checks that every declared name
// appears here and that the built module exports exactly the declared names.
import createDescentCore from '../../bindings/descent-core';
import type {
  CheckedHandle,
  DescentApi,
  DescentCore,
  DescentError,
  Failure,
  LayerInfo,
  LayerKind,
  NeuralNetwork,
  Playground,
} from '../../bindings/descent-core';

declare function show(...values: unknown[]): void;

// Narrows a raw result: the success type, or throws with the core's message.
function expectOk<T>(result: T): Exclude<T, Failure> {
  const failure = result as Failure;
  if (failure.ok === false) throw new Error(failure.error);
  return result as Exclude<T, Failure>;
}

function rawSurfaces(core: DescentCore): void {
  const catalog = core.catalog();
  const bowl = catalog.surfaces.find((surface) => surface.dimension === 2);
  show(
    catalog.optimizers[0].hyperParameters[0].logScale,
    catalog.schedules[0].formula,
    catalog.maxSteps,
    catalog.maxRacers,
    bowl?.defaultStart[0],
  );
  const info = core.surfaceInfo({ surface: 'bowl' });
  if (info.ok) show(info.formula, info.box.xMin, info.minima[0].point[0], info.minima[0].global);
  else show(info.error);
  const run = expectOk(
    core.runDescent({
      surface: 'rosenbrock',
      start: [-1, 1],
      optimizer: 'adam',
      lr: 0.01,
      hyper: { beta1: 0.9 },
      schedule: 'cosine',
      scheduleParams: {},
      clip: 'norm',
      clipThreshold: 1,
      steps: 200,
      noise: 0,
      seed: 1,
    }),
  );
  const outcome: 'reached_minimum' | 'diverged' | 'escaped' | 'diverging' | 'stuck' | 'descending' = run.outcome;
  show(run.positions[0], run.losses.length, run.state[0]?.values, run.divergedAtStep, outcome, run.message);
  const race = expectOk(
    core.runRace({
      surface: 'saddle',
      start: [1, 0.001],
      steps: 300,
      seed: 2,
      racers: [{ optimizer: 'sgd' }, { optimizer: 'momentum', lr: 0.05 }],
    }),
  );
  show(race.runs[1].stepsCompleted);
  const curvature = expectOk(core.surfaceCurvature({ surface: 'saddle', point: [0, 0] }));
  const kind: 'minimum' | 'maximum' | 'saddle' | 'degenerate' = curvature.kind;
  show(curvature.eigenvalues[0], curvature.hessian[3], kind, curvature.explanation);
  const map = expectOk(
    core.surfaceMap({
      surface: 'himmelblau',
      columns: 64,
      rows: 48,
      levels: 12,
      box: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
    }),
  );
  show(map.rgba[0], map.contourSegments.length, map.contourSegmentLevels[0], map.logarithmic);
  show(expectOk(core.surfaceCurve({ surface: 'quadratic1d' }, -2, 2, 101)).values[50]);
  const stream = expectOk(core.rngStream(42, 8));
  show(stream.uniform[0], stream.normal[0]);
  const typed = core.typedSurfaces();
  show(typed[0].defaultExpression, typed[0].id === 'custom' || typed[0].id === 'custom1d');
}

function rawNetworks(core: DescentCore): void {
  const data = expectOk(core.makeDataset({ name: 'circle', count: 200, noise: 0.1, seed: 1 }));
  show(data.featureNames, data.labels[0], data.classCount);
  const created = core.createNetwork({
    inputWidth: 2,
    layers: [{ width: 8, activation: 'tanh' }, { width: 1 }],
    initializer: 'xavier_uniform',
    seed: 3,
  });
  if (!created.ok) return show(created.error);
  const network: NeuralNetwork = created.network;
  try {
    show(network.parameterCount(), network.inputWidth(), network.outputWidth(), network.getParameters()[0]);
    show(network.setParameters(new Float64Array(network.parameterCount())).ok);
    const step = network.lossAndGradient(data.inputs, data.rows, data.targets, 'binary_cross_entropy');
    if (step.ok) show(step.loss, step.gradient[0]);
    show(expectOk(network.predict([0, 0, 1, 1], 2)).outputs[1]);
    show(expectOk(network.predictGrid({ xMin: -1, xMax: 1, yMin: -1, yMax: 1 }, 32, 32)).outputs.length);
    const trained = expectOk(
      network.train({
        dataset: data,
        epochs: 20,
        batchSize: 16,
        optimizer: 'adam',
        lr: 0.03,
        loss: 'bce',
        layerDiagnostics: true,
      }),
    );
    const stop: 'completed' | 'early_stopping' | 'diverged' = trained.stopKind;
    show(trained.history.trainLoss[0], trained.history.layers[0]?.deadUnitFraction, stop, trained.bestEpoch);
  } finally {
    network.delete();
  }
}

// A small convolutional network on 1×8×8 images: layer kinds, windows and the input image.
function rawConvolutionalNetwork(core: DescentCore): void {
  const kinds: LayerKind[] = ['conv2d', 'max_pool2d', 'avg_pool2d', 'global_avg_pool', 'flatten', 'dense'];
  const created = core.createNetwork({
    inputImage: { channels: 1, height: 8, width: 8 },
    layers: [
      { kind: 'conv2d', width: 4, kernel: 3, padding: 1, activation: 'relu' },
      { kind: 'max_pool2d', kernel: 2 },
      { kind: 'conv2d', width: 4, kernel: 3, stride: 1, dilation: 1, groups: 2, activation: 'relu' },
      { kind: 'avg_pool2d', kernel: 2, stride: 1 },
      { kind: 'flatten' },
      { width: 2 },
    ],
    seed: 1,
  });
  if (!created.ok) return show(created.error, kinds);
  try {
    const layers: LayerInfo[] = created.network.layers();
    show(layers[0].kind, layers[0].name, layers[0].inputShape[0], layers[0].outputShape, layers[0].parameterCount);
    show(created.network.predict(new Float64Array(64), 1).ok);
    const gradient = new Float64Array(created.network.parameterCount());
    const step = created.network.lossAndGradient(new Float64Array(128), 2, [1, 0, 0, 1], 'cross_entropy', gradient);
    if (step.ok) show(step.gradient === gradient, step.loss);
  } finally {
    created.network.delete();
  }
}

function rawDynamicsAndAutograd(core: DescentCore): void {
  const dynamicsCatalog = core.dynamicsCatalog();
  show(dynamicsCatalog.activations, dynamicsCatalog.limits.maxDepth, dynamicsCatalog.thresholds.fadingRatio);
  const made = core.createDynamicsProbe({
    depth: 10,
    width: 32,
    activation: 'sigmoid',
    initializer: 'xavier',
    steps: 50,
    seed: 1,
  });
  if (made.ok) {
    const probe = made.probe;
    show(probe.advance(10), probe.summary().stepsCompleted, probe.entries(0).verdicts[0]);
    probe.delete();
  }
  const whole = expectOk(core.runDynamics({ depth: 4, steps: 5 }));
  show(whole.finished, whole.histograms[0], whole.messages[0]);

  const check = core.checkFormula({ expression: '(x+1)^2', dimension: 1 });
  if (!check.ok) show(check.error, check.position);
  const graph = expectOk(
    core.evaluateFormula({ expression: 'relu(w*x + b)', values: { w: 0.5, x: 2, b: 0.1 }, derivativesFrom: [0] }),
  );
  const outputIndex: number = graph.output; // an index into nodes …
  const value: number = graph.outputValue; // … the value is outputValue (= nodes[output].value)
  show(
    graph.nodes[outputIndex].value === value,
    graph.edges[0].contribution,
    graph.derivatives[0],
    graph.undefinedNode,
  );
  const gradient = expectOk(core.gradientCheck({ expression: 'x^2', values: { x: 3 }, variable: 'x', epsilon: 1e-6 }));
  show(gradient.analytic - gradient.numerical);
  const stepped = expectOk(
    core.gradientStep({ expression: '(w - 3)^2', values: { w: 0 }, parameters: ['w'], lr: 0.1 }),
  );
  show(stepped.values.w, stepped.value);
}

function rawExplorers(core: DescentCore): void {
  const regularization = expectOk(
    core.runRegularization({ capacity: 'high', epochs: 50, dropout: 0.2, earlyStopping: true }),
  );
  show(regularization.verdicts[0], regularization.curves.length, regularization.stopKind);
  const made = core.createRegularizationRun({ epochs: 100 });
  if (made.ok) {
    const run = made.run;
    const advanced = expectOk(run.advance(10));
    show(advanced.epochsCompleted, run.finished(), run.epochsCompleted(), run.result().trainLoss);
    run.delete();
  }
  const penalties = expectOk(core.compareWeightPenalties({ l1Strength: 0.01, l2Strength: 0.01, bins: 20 }));
  show(penalties.l1.exactZeros, penalties.l2.counts[0]);
  const biasVariance = expectOk(core.runBiasVariance({ sets: 5, simpleCapacity: 'low', complexCapacity: 'high' }));
  show(biasVariance.simple.biasSquared, biasVariance.complex.variance);

  const regularizationCatalog = core.regularizationCatalog();
  show(
    regularizationCatalog.capacities[0].layers[0],
    regularizationCatalog.optimizers[0].maxWeightDecay,
    regularizationCatalog.limits.maxEpochs,
    regularizationCatalog.defaults.validationPoints,
  );

  const playgroundCatalog = core.playgroundCatalog();
  show(playgroundCatalog.limits.maxNeurons, playgroundCatalog.datasets[0].hasClassCount);
  const made2 = core.createPlayground({
    dataset: 'xor',
    hidden: [4, 4],
    activation: 'tanh',
    loss: 'binary_cross_entropy',
    seed: 1,
  });
  if (made2.ok) {
    const playground: Playground = made2.playground;
    show(playground.advance(1), playground.frame().boundaryClass[0], playground.layout().layerWidths[0]);
    show(
      playground.setParameter(0, 0.5).ok,
      expectOk(playground.linkParameter(0, 0, 0)).index,
      expectOk(playground.biasParameter(0, 0)).value,
    );
    playground.delete();
  }
  const csv = core.parseCsv('x1,x2,class\n0,0,a\n1,1,b\n', { target: 'class', targetKind: 'classification' });
  if (csv.ok) show(csv.classNames, csv.features[0], csv.targetKind);

  const losses = expectOk(core.lossCurves({ curves: ['mse', 'huber'], huberDelta: 1, from: -3, to: 3, samples: 61 }));
  show(losses.input[0], losses.curves.mse.gradient[0]);
  const points = expectOk(core.lineFitPoints({ count: 20, seed: 1 }));
  show(expectOk(core.fitLines({ xs: points.xs, ys: points.ys, losses: ['mae'] })).fits[0].slope);
  show(expectOk(core.categoricalCrossEntropy({ probabilities: [0.7, 0.2, 0.1], trueClass: 0 })).loss);
  show(expectOk(core.klDivergence({ p: [0.5, 0.5], q: [0.9, 0.1] })).klPQ);

  const activationCatalog = core.activationCatalog();
  show(
    activationCatalog.activations[0],
    activationCatalog.initializers[0],
    activationCatalog.layerActivations[0],
    activationCatalog.limits.maxInitWidth,
    activationCatalog.defaults.shownLayers[0],
  );
  const curves = expectOk(core.activationCurves({ activation: 'gelu', from: -4, to: 4, samples: 321, probe: 1 }));
  show(curves.peakDerivative, curves.peakAt, curves.saturated[0]);
  show(expectOk(core.softmaxOf({ logits: [1, 2, 3], temperature: 1 })).probabilities[2]);
  show(
    expectOk(
      core.initPropagation({
        initializer: 'he_normal',
        activation: 'relu',
        width: 64,
        depth: 10,
        shownLayers: [1, 5, 10],
      }),
    ).activationVariance[0],
  );

  const convCatalog = core.convCatalog();
  show(convCatalog.kernels[0], convCatalog.images[0], convCatalog.pools[0], convCatalog.limits.maxFilters);
  const image = expectOk(core.proceduralImage({ shape: 'cross', size: 12, jitter: 0, noise: 0.1, seed: 2 }));
  const kernel = expectOk(core.kernelPreset({ name: 'sobel-x', size: 3 })).weights;
  const explored = expectOk(
    core.exploreConvolution({
      channels: image.channels,
      height: image.size,
      width: image.size,
      image: image.pixels,
      filters: 1,
      convolution: { kernel: 3, padding: 1 },
      kernels: kernel,
      pool: 'max',
      poolWindow: { kernel: 2 },
      explainedCell: { channel: 0, row: 1, column: 2 },
      tracedCell: { channel: 0, row: 0, column: 0 },
    }),
  );
  show(explored.featureMaps[0], explored.pooled?.[0], explored.explained.products[0], explored.inputGradient[0]);
  const field = expectOk(
    core.receptiveFieldMap({
      height: 12,
      width: 12,
      layers: [{ kernel: 3 }, { kernel: 2, stride: 2 }],
      row: 1,
      column: 1,
    }),
  );
  show(field.sizes[1], field.paths[0], field.firstRow);
  const costs = expectOk(
    core.convolutionCosts({
      inputChannels: 256,
      outputChannels: 512,
      kernel: 3,
      height: 28,
      width: 28,
      bottleneck: 64,
    }),
  );
  show(costs.separable.weights, costs.bottleneck.multiplyAdds);

  const architectures = core.architectureCatalog();
  show(architectures.ids[0], architectures.titles[0]);
  const resnet = expectOk(core.architectureTable({ id: 'resnet50' }));
  const { layers } = resnet;
  show(layers.names[0], layers.kinds[0], layers.channels[0], layers.heights[0], layers.widths[0]);
  show(layers.parameters[0], layers.multiplyAdds[0], layers.fieldSizes[0], layers.fieldJumps[0]);
  show(resnet.id, resnet.title, resnet.inputShape.height, resnet.totalParameters, resnet.totalMultiplyAdds);

  const range = expectOk(core.lrRangeTest({ minLr: 1e-5, maxLr: 10, steps: 100 }));
  show(range.suggestedLr, range.smoothedLoss[0]);
  const schedule = expectOk(core.lrScheduleSamples({ schedule: 'one_cycle', lr: 0.5, steps: 100 }));
  show(schedule.peakLearningRate, schedule.learningRate[0]);
  const comparison = expectOk(core.lrScheduleComparison({ schedule: 'cosine', lr: 0.5, epochs: 10 }));
  show(comparison.scheduled.epochLoss[0], comparison.constant.diverged);
  show(expectOk(core.lrThreeRates({ tooLarge: 4.5 })).aboutRight.stopReason);
  const lrRuns = expectOk(core.createLrRuns({ kind: 'rates', epochs: 5 })).runs;
  while (lrRuns.advance(2) !== true) show(lrRuns.progress().epochs, lrRuns.progress().totalEpochs);
  show(lrRuns.result().ok);
  lrRuns.delete();
  const rangeRun = expectOk(core.createLrRangeTest({ steps: 40 })).run;
  while (rangeRun.advance(15) !== true) show(rangeRun.result().loss.length);
  show(rangeRun.result().suggestedLr);
  rangeRun.delete();
  show(expectOk(core.lrLinearScaling({ lr: 0.1, baseBatch: 32, newBatch: 256 })).scaledLr);

  const cnnCatalog = core.cnnCatalog();
  show(
    cnnCatalog.optimizers[0],
    cnnCatalog.poolings[0],
    cnnCatalog.limits.maxFilters,
    cnnCatalog.defaults.convBlocks[0].kernel,
    cnnCatalog.defaults.dropout,
    cnnCatalog.defaults.classes[0],
    cnnCatalog.defaults.perClass + cnnCatalog.defaults.frozenConvBlocks,
  );
  const digits = { pixels: new Uint8Array(4 * 28 * 28), labels: new Uint8Array([0, 1, 2, 3]) };
  const cnn = expectOk(
    core.createCnnSession({
      convBlocks: [
        { filters: 6, kernel: 5, pooling: 'max' },
        { filters: 16, kernel: 5, padding: 'same', batchNorm: true },
      ],
      dense: [120, 84],
      dropout: 0.25,
      activation: 'relu',
      optimizer: 'adam',
      lr: 1e-3,
      batchSize: 2,
      trainSize: 4,
      epochs: 1,
      shift: 2,
      seed: 1,
      height: 28,
      width: 28,
      train: digits,
      test: digits,
    }),
  );
  const cnnSession = cnn.session;
  const transferred = expectOk(
    core.createCnnSession({
      convBlocks: [
        { filters: 6, kernel: 5, pooling: 'max' },
        { filters: 16, kernel: 5, padding: 'same', batchNorm: true },
      ],
      classes: [0, 1],
      perClass: 2,
      frozenConvBlocks: 2,
      from: cnnSession,
      height: 28,
      width: 28,
      train: digits,
      test: digits,
    }),
  ).session;
  show(transferred.progress().trainingCount, transferred.progress().testCount);
  transferred.delete();
  while (cnnSession.advance(1) !== true) show(cnnSession.progress().examples, cnnSession.progress().parameterCount);
  show(cnnSession.history().testAccuracy[0], cnnSession.confusion()[0], cnnSession.misclassified().predicted[0]);
  show(cnnSession.filters().weights[0]);
  const drawn = digits.pixels.subarray(0, 28 * 28);
  show(expectOk(cnnSession.predict(drawn)).probabilities[0], expectOk(cnnSession.featureMaps(drawn)).layers[0].layer);
  show(expectOk(cnnSession.saliency(drawn, 3)).values[0], expectOk(cnnSession.gradCam(drawn, 3)).width);
  const { maximizer } = expectOk(
    cnnSession.activationMaximizer({
      target: 'filter',
      classIndex: 0,
      layer: 1,
      filter: 4,
      steps: 200,
      stepSize: 0.02,
      l2: 0.01,
      blurEvery: 4,
      seed: 1,
    }),
  );
  for (let state = expectOk(maximizer.advance(0)); !state.done; state = expectOk(maximizer.advance(20))) {
    show(state.step, state.steps, state.objective, state.height, state.width, state.image[0]);
  }
  show(maximizer.objectives()[0]);
  maximizer.delete();
  cnnSession.delete();

  const rnnCatalog = core.rnnCatalog();
  show(rnnCatalog.tasks[0].id, rnnCatalog.tasks[0].defaultLength, rnnCatalog.cells[0], rnnCatalog.optimizers[0]);
  show(rnnCatalog.limits.maxHiddenSize, rnnCatalog.defaults.learningRate, rnnCatalog.defaults.task);
  const rnn = expectOk(
    core.createRnnSession({
      task: 'adding',
      cell: 'lstm',
      hiddenSize: 8,
      sequenceLength: 10,
      truncation: 0,
      optimizer: 'adam',
      learningRate: 0.01,
      clipNorm: 1,
      batchSize: 16,
      seed: 1,
    }),
  ).session;
  const trained = expectOk(rnn.train(5));
  show(trained.losses[0], trained.gradientNorms[0], trained.steps, trained.diverged, trained.stopReason);
  const rnnTest = expectOk(rnn.evaluate(256));
  show(rnnTest.done, rnnTest.steps);
  const metric: 'mse' | 'accuracy' = rnnTest.metric;
  show(metric, rnnTest.loss, rnnTest.value, rnnTest.baseline);
  const unrolled = expectOk(rnn.inspect(0));
  show(unrolled.hiddenStates[0], unrolled.cellStates.length, unrolled.gates[0], unrolled.gateNames[0]);
  show(unrolled.gradientNorms[0], unrolled.outputs[0], unrolled.targets[0], unrolled.mask[0], unrolled.inputs[0]);
  show(expectOk(rnn.info()).parameterCount);
  rnn.delete();

  const sgd = core.sgdDataSet();
  show(sgd.defaults.lr, sgd.steep[0], sgd.viewBox.xMax);
  const sgdRun = expectOk(core.sgdRun({ batchSize: 8, lr: 0.05, epochs: 5, start: [0, 0], seed: 1 }));
  const where: 'sharp minimum' | 'wide minimum' | 'elsewhere' | 'diverged' = sgdRun.outcome;
  show(sgdRun.positions[0], sgdRun.minima[0].smallestStableBatch, where);
  const slicedRun = expectOk(core.createSgdRun({ batchSize: 1, epochs: 2 })).run;
  while (slicedRun.advance(100) !== true) show(slicedRun.progress().iterations, slicedRun.progress().totalIterations);
  show(slicedRun.result().message);
  slicedRun.delete();
  show(expectOk(core.sgdGradientFan({ point: [0, 0], batchSize: 8, count: 16, seed: 1 })).batchGradients[0]);
  show(expectOk(core.sgdLandscape({ columns: 64, rows: 64 })).minima[0].sharpness);

  const perceptronCatalog = core.perceptronCatalog();
  show(perceptronCatalog.datasets[0], perceptronCatalog.limits.minLearningRate, perceptronCatalog.defaults.epochs);
  const gates = expectOk(
    core.perceptronVsMlp({ dataset: 'xor', epochs: 300, learningRate: 0.5, seed: 1, fieldResolution: 40 }),
  );
  show(gates.perceptron.converged, gates.mlp.epochsToSolve);
  show(
    expectOk(core.perceptronMlpField({ parameters: gates.mlp.parameters.subarray(0, 9), resolution: 20 }))
      .probability[0],
  );
}

// The checked API: the same calls, failures thrown as DescentError, new objects scoped.
async function checked(): Promise<void> {
  const module = await createDescentCore({ descentDevelopment: true });
  const core: DescentApi = module.api;
  const raw: DescentCore = core.raw;
  show(raw === module, core.development);

  try {
    core.runDescent({ surface: 'bowl', start: [1, 1], lr: Number.NaN });
  } catch (error) {
    if (error instanceof core.DescentError) {
      const failure: DescentError = error;
      show(failure.message, failure.field, failure.operation, failure.failure?.error);
    }
  }
  try {
    core.checkFormula({ expression: '(x+' });
  } catch (error) {
    if (error instanceof core.DescentError) show(error.position);
  }
  const made = new core.DescentError('custom', { field: 'lr' });
  show(made.field, made.name);

  // A checked success has no Failure in its type: no `ok` test needed before the fields.
  const run = core.runDescent({ surface: 'bowl', start: [1, 1] });
  show(run.positions[0], run.ok);
  // @ts-expect-error a checked result has no Failure branch to read
  show(core.runDescent({ surface: 'bowl', start: [1, 1] }).error);
  // @ts-expect-error a raw result must be narrowed (ok) before its fields are read
  show(raw.runDescent({ surface: 'bowl', start: [1, 1] }).positions);
  // @ts-expect-error a network from the checked API is not a {ok, network} result
  show(core.createNetwork({ inputWidth: 1, layers: [{ width: 1 }] }).network);
  const graph = core.evaluateFormula({ expression: 'x*y', values: { x: 2, y: 3 } });
  show(graph.outputValue, graph.nodes[graph.output].value);

  // create* hands back the object itself, checked; using() deletes it after the body.
  const data = core.makeDataset({ name: 'xor', count: 100, seed: 1 });
  const history = core.using(
    core.createNetwork({ inputWidth: 2, layers: [{ width: 4, activation: 'relu' }, { width: 1 }] }),
    (network) => {
      const checkedNetwork: CheckedHandle<NeuralNetwork> = network;
      show(checkedNetwork.raw.parameterCount(), network.isDeleted());
      const step = network.lossAndGradient(data.inputs, data.rows, data.targets, 'bce');
      show(
        step.loss,
        network.predict([0, 0], 1).outputs[0],
        network.predictGrid({ xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, 4, 4).outputs[0],
      );
      show(network.setParameters(network.getParameters()).ok, network.inputWidth(), network.outputWidth());
      return network.train({ dataset: data, epochs: 5 }).history;
    },
  );
  show(history.trainLoss[0]);

  const frames = await core.using(core.createPlayground({ dataset: 'circle', hidden: [4] }), async (playground) => {
    playground.advance(1);
    show(
      playground.setParameter(0, 1).ok,
      playground.linkParameter(0, 0, 0).value,
      playground.biasParameter(0, 0).index,
      playground.layout().classCount,
    );
    return playground.frame().epoch;
  });
  show(frames);

  const probe = core.createDynamicsProbe({ depth: 3 });
  try {
    show(probe.advance(2), probe.summary().diverged, probe.entries(0).loss[0]);
  } finally {
    probe.delete();
  }
  core.using(core.createRegularizationRun({ epochs: 10 }), (run) =>
    show(run.advance(5).finished, run.finished(), run.epochsCompleted(), run.result().weights),
  );
  // Raw objects (from module.createNetwork) can be scoped too.
  const rawNetwork = expectOk(raw.createNetwork({ inputWidth: 1, layers: [{ width: 1 }] })).network;
  show(core.using(rawNetwork, (network) => network.parameterCount()));

  // Every other function, checked: results typed without Failure.
  show(
    core.catalog().maxSteps,
    core.surfaceInfo({ surface: 'bowl' }).minima,
    core.runRace({ surface: 'bowl', start: [1, 1], racers: [{}] }).runs[0],
  );
  show(
    core.surfaceCurvature({ surface: 'bowl', point: [0, 0] }).kind,
    core.surfaceMap({ surface: 'bowl', columns: 8, rows: 8 }).values[0],
  );
  show(core.surfaceCurve({ surface: 'quadratic1d' }, -1, 1, 3).values, core.rngStream(1, 2).normal);
  show(core.runDynamics({ depth: 3, steps: 1 }).loss, core.dynamicsCatalog().optimizers);
  show(
    core.gradientCheck({ expression: 'x', values: { x: 1 }, variable: 'x' }).analytic,
    core.gradientStep({ expression: 'w^2', values: { w: 1 }, parameters: ['w'], lr: 0.1 }).value,
    core.typedSurfaces()[0].label,
  );
  show(core.runRegularization({}).bestEpoch, core.compareWeightPenalties({}).limit, core.runBiasVariance({}).sets);
  show(core.playgroundCatalog().losses, core.parseCsv('a,b\n1,2\n', undefined).rows);
  show(core.lossCurves({}).input, core.fitLines({ xs: [0, 1], ys: [0, 1] }).fits, core.lineFitPoints({}).xs);
  show(
    core.categoricalCrossEntropy({ probabilities: [0.5, 0.5], trueClass: 1 }).logits,
    core.klDivergence({ p: [1], q: [1] }).klQP,
  );
  show(
    core.activationCurves({}).derivative,
    core.softmaxOf({ logits: [0] }).probabilities,
    core.initPropagation({}).histograms,
  );
  show(
    core.lrRangeTest({}).stoppedAtStep,
    core.lrScheduleSamples({}).finalLearningRate,
    core.lrScheduleComparison({}).totalSteps,
  );
  show(core.lrThreeRates({}).tooSmall.epochAccuracy, core.lrLinearScaling({ lr: 1, baseBatch: 1, newBatch: 2 }).factor);
  show(
    core.sgdDataSet().size,
    core.sgdRun({}).message,
    core.sgdGradientFan({ point: [0, 0] }).fullGradient,
    core.sgdLandscape({ columns: 4, rows: 4 }).formula,
  );
  show(
    core.activationCatalog().limits.maxInitDepth,
    core.regularizationCatalog().optimizers[0].id,
    core.perceptronCatalog().datasets,
  );
  show(core.perceptronVsMlp({}).view.min, core.perceptronMlpField({ parameters: new Float64Array(9) }).resolution);
}

// A raw module is what createDescentCore resolves to.
createDescentCore().then((core) => {
  rawSurfaces(core);
  rawNetworks(core);
  rawConvolutionalNetwork(core);
  rawDynamicsAndAutograd(core);
  rawExplorers(core);
  return checked();
}, show);
