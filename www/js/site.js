// Entry of the site bundle (site.js): what the site's own pages add to the widgets of descent.js —
// the theme switch; on lessons, the "try this" buttons, their expected results, the interactive
// predictions, the links from quoted numbers to the widget, the pin toggle and the reader's
// progress; on the home page, the course map's progress and search, and the widget gallery; and
// keyboard access to sideways-scrolling boxes. Loaded with `defer` after descent.js, so the
// widget classes are defined when it runs.
import './site/theme.js';
import './site/lesson-experiments.js';
import './site/lesson-expect.js';
import './site/lesson-pin.js';
import './site/lesson-progress.js';
import './site/lesson-links.js';
import './site/lesson-predict.js';
import './site/course-progress.js';
import './site/lesson-filter.js';
import './site/widget-gallery.js';
import './site/scroll-regions.js';
