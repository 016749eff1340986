// Training a CnnSession within a frame's budget, for <descent-cnn>'s live run: a few mini-batches per
// call, never past a stopping point (the end of a "skip ahead"), and an epoch's last mini-batch —
// the one that evaluates the whole test set — in a call of its own at the start of a slice, so a
// frame never holds both a budget's worth of batches and the evaluation. Also the copy of what the
// widget shows out of the session (the core's typed arrays, copied: the session may be deleted).
import { withinBudget } from '../transports/live-run.js';

const MAX_CHUNK = 64; // mini-batches per core call at most, between clock checks

// Trains for about budgetMs (or one mini-batch when single); stopAtStep: a step count not to pass
// (null: none). Returns {progress, examples, coreMs}: the progress after the slice, the training
// examples it trained and the time spent in the core.
export function trainSlice(session, { budgetMs, single = false, stopAtStep = null }) {
  const before = session.progress();
  let { batch, steps } = before;
  const { batchesPerEpoch } = before;
  let trained = 0;
  const start = performance.now();
  const stop = () => before.done || (stopAtStep !== null && steps >= stopAtStep);
  if (single) {
    if (!stop()) session.advance(1);
  } else if (!stop()) {
    withinBudget(
      budgetMs,
      (chunk) => {
        const leftInEpoch = batchesPerEpoch - batch;
        // The epoch's last batch evaluates the test set: alone, and only first thing in a slice.
        if (leftInEpoch === 1 && trained > 0) return true;
        let asked = leftInEpoch === 1 ? 1 : Math.min(chunk, leftInEpoch - 1);
        if (stopAtStep !== null) asked = Math.min(asked, stopAtStep - steps);
        const done = session.advance(asked);
        trained += asked;
        steps += asked;
        batch = (batch + asked) % batchesPerEpoch;
        return done || leftInEpoch === 1 || (stopAtStep !== null && steps >= stopAtStep);
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
