// Entry of the site bundle (site.js): what the site's own pages add to the widgets of descent.js —
// the lessons' "try this" buttons, their expected results, the pin toggle, the reader's progress
// and keyboard access to sideways-scrolling boxes. Loaded with `defer` after descent.js, so the
// widget classes are defined when it runs.
import './site/lesson-experiments.js';
import './site/lesson-expect.js';
import './site/lesson-pin.js';
import './site/lesson-progress.js';
import './site/scroll-regions.js';
