// Training a CnnSession within a frame's budget, for <descent-cnn>'s live run: a few units of work
// per call (a unit is a mini-batch, or scoring 100 test images at an epoch's end: the core slices
// the evaluation, CnnSession::advance), never past a stopping point (the end of a "skip ahead",
// whose last epoch is scored before it stops). Also the copy of what the widget shows out of the
// session (the core's typed arrays, copied: the session may be deleted).
import { withinBudget } from '../transports/live-run.js';

const MAX_CHUNK = 64; // units per core call at most, between clock checks

// Works for about budgetMs (or one mini-batch, and the evaluation it ends an epoch with, when
// single); stopAtStep: a step count not to pass (null: none). Returns {progress, examples, coreMs}:
// the progress after the slice, the training examples it trained and the time spent in the core.
export function trainSlice(session, { budgetMs, single = false, stopAtStep = null }) {
  const before = session.progress();
  const start = performance.now();
  const stopped = (p) => p.done || (stopAtStep !== null && p.steps >= stopAtStep && !p.evaluating);
  if (single) {
    if (!stopped(before)) session.advance(1);
    while (session.progress().evaluating) session.advance(1);
  } else if (!stopped(before)) {
    withinBudget(
      budgetMs,
      (chunk) => {
        const p = session.progress();
        if (stopped(p)) return true;
        let asked = p.evaluating ? chunk : Math.min(chunk, p.batchesPerEpoch - p.batch);
        if (stopAtStep !== null && !p.evaluating) asked = Math.min(asked, stopAtStep - p.steps);
        return session.advance(asked) || stopped(session.progress());
      },
      MAX_CHUNK,
    );
  }
  const coreMs = performance.now() - start;
  const progress = session.progress();
  return { progress, examples: progress.examples - before.examples, coreMs };
}

// What an epoch's end changes: the history, the confusion matrix, the mistakes.
export function readEpochResults(session) {
  const history = session.history();
  const mistakes = session.misclassified();
  return {
    history: {
      trainLoss: Float64Array.from(history.trainLoss),
      trainAccuracy: Float64Array.from(history.trainAccuracy),
      testLoss: Float64Array.from(history.testLoss),
      testAccuracy: Float64Array.from(history.testAccuracy),
    },
    confusion: Int32Array.from(session.confusion()),
    mistakes: { index: Int32Array.from(mistakes.index), predicted: Int32Array.from(mistakes.predicted) },
  };
}

// One image through the session: probabilities, feature maps, saliency and Grad-CAM of `explain`
// (null: the predicted class). A failure gives {error}.
export function inspectImage(session, pixels, explain) {
  const predicted = session.predict(pixels);
  if (!predicted.ok) return { error: predicted.error };
  const probabilities = Float32Array.from(predicted.probabilities);
  let best = 0;
  probabilities.forEach((p, k) => {
    if (p > probabilities[best]) best = k;
  });
  const classIndex = explain ?? best;
  const maps = session.featureMaps(pixels);
  const saliency = session.saliency(pixels, classIndex);
  const gradCam = session.gradCam(pixels, classIndex);
  for (const answer of [maps, saliency, gradCam]) if (!answer.ok) return { error: answer.error };
  const copyMap = ({ height, width, values }) => ({ height, width, values: Float32Array.from(values) });
  return {
    probabilities,
    predicted: best,
    classIndex,
    layers: maps.layers.map((layer) => ({ ...layer, values: Float32Array.from(layer.values) })),
    saliency: copyMap(saliency),
    gradCam: copyMap(gradCam),
  };
}
