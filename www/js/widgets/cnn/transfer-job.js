// Transfer learning as one job of the core's CnnSessions, for <descent-cnn>'s transfer panel: pre-train
// the network on the source classes (all their training images), then, for each "examples per class"
// n, train on the first n training images of each target class: from scratch, with random conv
// blocks frozen (only the head learns: the control), and from the pre-trained conv blocks with
// 0, 1, … all of them frozen (createCnnSession's `from` and `frozenConvBlocks`; the head always starts
// fresh from the seed). Every run uses the same seed, so the job is reproducible from it.
//
// It works a unit at a time (a mini-batch, a slice of test scoring, or making the next session),
// so the live-run transport can keep each frame in its budget. Imports nothing: node tests drive it
// with the built core (tests/wasm/cnn-transfer-job.test.js).
//
//   const job = new TransferJob(core, {base, source, target, perClass, pretrainEpochs, epochs});
//   while (!job.advance(8));   // true once every run is done
//   job.results();             // {pretrain, runs: [{perClass, mode, frozen, testAccuracy, …}]}
//   job.delete();

// The test set's images per class (data/digits.js), and the core's units: 100 test images scored
// per unit (CnnSession::advance). Only the progress estimate uses them.
const TEST_PER_CLASS = 100;
const TRAIN_PER_CLASS = 500;
const TEST_IMAGES_PER_UNIT = 100;

// The runs of one "examples per class" value, in the order they are shown.
export function transferModes(convBlocks) {
  const modes = [
    { mode: 'scratch', frozen: 0 },
    { mode: 'random', frozen: convBlocks },
  ];
  for (let frozen = 0; frozen <= convBlocks; frozen++) modes.push({ mode: 'pretrained', frozen });
  return modes;
}

export class TransferJob {
  // base: createCnnSession's request (network, optimizer, seed, images; its classes, trainSize,
  // perClass, frozenConvBlocks and epochs are set here); source, target: class lists; perClass:
  // the examples per class of the fine-tuning runs (a list); pretrainEpochs, epochs: of the pre-training
  // and of each fine-tuning run.
  constructor(core, { base, source, target, perClass, pretrainEpochs, epochs }) {
    this.core = core;
    this.base = { ...base, trainSize: 0, perClass: 0, frozenConvBlocks: 0 };
    this.source = [...source];
    this.target = [...target];
    this.pretrainEpochs = pretrainEpochs;
    this.epochs = epochs;
    const blocks = (base.convBlocks ?? []).length;
    this.plan = perClass.flatMap((n) => transferModes(blocks).map((m) => ({ perClass: n, ...m })));
    this.pretrained = null; // the pre-trained session, kept until the last run that starts from it is made
    this.current = null; // the session being trained: the pre-training, then plan[next - 1]
    this.next = -1; // -1: the pre-training is not made yet
    this.done = false;
    this.deleted = false;
    this.pretrain = null; // {testAccuracy, trainingCount, testCount} once pre-trained
    this.runs = []; // finished runs
    this.unitsDone = 0; // the estimated units of the finished sessions
    // Work estimate in units, for the progress bar: batches and test scoring per epoch.
    const batch = base.batchSize ?? 32;
    const units = (trainImages, classes, epochs) =>
      epochs * (Math.ceil(trainImages / batch) + Math.ceil((classes * TEST_PER_CLASS) / TEST_IMAGES_PER_UNIT) + 0.5);
    this.pretrainUnits = units(this.source.length * TRAIN_PER_CLASS, this.source.length, pretrainEpochs);
    this.runUnits = this.plan.map(({ perClass: n }) =>
      units(Math.min(n, TRAIN_PER_CLASS) * this.target.length, this.target.length, epochs),
    );
    this.totalUnits = this.pretrainUnits + this.runUnits.reduce((a, b) => a + b, 0);
  }

  // Does up to `units` units of work of one session, or makes the next session (a call of its own:
  // a caller that times its calls, as withinBudget does, sees what each kind costs); true once every
  // run is done. Throws the core's message.
  advance(units) {
    if (this.done || this.deleted) return this.done;
    if (!this.current) {
      this.start();
      return false;
    }
    const answer = this.current.advance(units);
    if (answer !== true && answer !== false) throw new Error(answer.error);
    const progress = this.current.progress();
    if (progress.done) this.finish(progress);
    return this.done;
  }

  // The next session: the pre-training, then the plan's next run.
  start() {
    const request =
      this.next < 0
        ? { ...this.base, classes: this.source, epochs: this.pretrainEpochs }
        : this.runRequest(this.plan[this.next]);
    const made = this.core.createCnnSession(request);
    if (!made.ok) throw new Error(made.error);
    this.current = made.session;
    // The last run that starts from the pre-trained blocks is made: they are copied, free them.
    if (this.next >= 0 && !this.plan.slice(this.next + 1).some((run) => run.mode === 'pretrained'))
      this.freePretrained();
  }

  runRequest({ perClass, mode, frozen }) {
    const request = {
      ...this.base,
      classes: this.target,
      perClass,
      frozenConvBlocks: frozen,
      epochs: this.epochs,
    };
    if (mode === 'pretrained') request.from = this.pretrained;
    return request;
  }

  finish(progress) {
    const history = this.current.history();
    const testAccuracy = Float64Array.from(history.testAccuracy);
    const summary = {
      testAccuracy: testAccuracy[testAccuracy.length - 1] ?? NaN,
      history: testAccuracy,
      trainAccuracy: history.trainAccuracy[history.trainAccuracy.length - 1] ?? NaN,
      trainingCount: progress.trainingCount,
      testCount: progress.testCount,
      diverged: progress.diverged,
      parameterCount: progress.parameterCount,
    };
    if (this.next < 0) {
      this.pretrain = summary;
      this.pretrained = this.current; // kept: the runs start from it
      this.unitsDone = this.pretrainUnits;
    } else {
      this.runs.push({ ...this.plan[this.next], ...summary });
      this.current.delete();
      this.unitsDone = this.pretrainUnits + this.runUnits.slice(0, this.next + 1).reduce((a, b) => a + b, 0);
    }
    this.current = null;
    this.next += 1;
    if (this.next >= this.plan.length) {
      this.done = true;
      this.freePretrained();
    }
  }

  freePretrained() {
    if (this.pretrained && this.pretrained !== this.current) this.pretrained.delete();
    this.pretrained = null;
  }

  // Where the job is: {fraction, phase ('pretrain' | 'finetune' | 'done'), run (the plan entry being
  // trained), index (0-based among the plan), count, epoch, epochs}.
  progress() {
    const p = this.current?.progress();
    let units = this.unitsDone;
    if (p) {
      const share = (p.epoch + p.batch / Math.max(1, p.batchesPerEpoch)) / Math.max(1, p.epochs);
      units += share * (this.next < 0 ? this.pretrainUnits : this.runUnits[this.next]);
    }
    const fraction = this.done ? 1 : Math.min(0.999, units / this.totalUnits);
    const base = { fraction, index: Math.max(0, this.next), count: this.plan.length, epoch: p?.epoch ?? 0 };
    if (this.done) return { ...base, phase: 'done', epochs: this.epochs };
    if (this.next < 0) return { ...base, phase: 'pretrain', epochs: this.pretrainEpochs };
    return { ...base, phase: 'finetune', run: this.plan[this.next], epochs: this.epochs };
  }

  results() {
    return { pretrain: this.pretrain, runs: [...this.runs], plan: this.plan };
  }

  isDeleted() {
    return this.deleted;
  }

  delete() {
    if (this.deleted) return;
    this.deleted = true;
    if (this.current && this.current !== this.pretrained) this.current.delete();
    this.current = null;
    this.freePretrained();
  }
}
