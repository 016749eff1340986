// The page's own boxes that scroll sideways on a phone (site.css): tables, displayed maths, code
// and the embed page's attribute tables take a tab stop while they overflow, so a keyboard can
// scroll them (www/js/ui/scroll-focus.js). A widget does the same for its own tables.
import { keepScrollableFocusable } from '../ui/scroll-focus.js';

const SCROLLING_BOXES = 'main table:not(.table-scroll table), main .math-display, main pre, main .table-scroll';

if (typeof document !== 'undefined') {
  const start = () => keepScrollableFocusable(document.querySelectorAll(SCROLLING_BOXES));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
