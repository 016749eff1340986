// The CNN widget's transport: Reset, Play/Pause, Step, and the skip-ahead row (how many epochs,
// Skip ahead, its progress bar, Cancel and a status note). It shows the widget's state; the
// widget decides what the buttons do.
import { createButton } from '../../ui/controls.js';
import { setButtonContent } from '../../ui/icons.js';

export class TransportRow {
  // parts: the widget's parts (transport, skip-row); skipControl: the schema control of `skip`;
  // actions: {reset, playOrPause, step, skipAhead, cancel}.
  constructor(parts, skipControl, actions) {
    this.play = createButton({
      icon: 'play',
      label: 'Play',
      title: 'Train mini-batch after mini-batch',
      onClick: actions.playOrPause,
    });
    this.play.classList.add('primary');
    parts.transport.append(
      createButton({ label: 'Reset', title: 'Back to the initial weights (same seed)', onClick: actions.reset }),
      this.play,
      createButton({
        icon: 'step-forward',
        iconAfter: true,
        label: 'Step',
        title: 'Train one mini-batch',
        onClick: actions.step,
      }),
    );
    this.skip = createButton({
      label: 'Skip ahead',
      title: 'Train the next epochs as fast as possible, drawing only the progress',
      onClick: actions.skipAhead,
    });
    this.bar = document.createElement('progress');
    this.bar.max = 1;
    this.bar.value = 0;
    this.bar.setAttribute('aria-label', 'Skip ahead progress');
    this.cancel = createButton({ label: 'Cancel', title: 'Stop skipping ahead', onClick: actions.cancel });
    this.note = document.createElement('span');
    this.note.className = 'skip-note';
    this.note.setAttribute('role', 'status');
    parts['skip-row'].append(skipControl.element, this.skip, this.bar, this.cancel, this.note);
  }

  // playing: training frame after frame (not skipping); finished: no session or trained to the end.
  showButtons({ playing, finished, skipping }) {
    setButtonContent(this.play, { icon: playing ? 'pause' : 'play', label: playing ? 'Pause' : 'Play' });
    this.play.disabled = finished && !playing;
    this.skip.disabled = finished || skipping;
  }

  // progress: {done, total, epoch} while skipping, else null and the note of the last skip.
  showSkip(progress, note) {
    this.bar.hidden = !progress;
    this.cancel.hidden = !progress;
    if (progress) {
      this.bar.value = progress.done / progress.total;
      this.note.textContent = `to epoch ${progress.epoch}: ${Math.round((100 * progress.done) / progress.total)} %`;
    } else {
      this.note.textContent = note;
    }
  }
}
