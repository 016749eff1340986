// Entry of site-theme.js: loaded (not deferred) in the <head> of the site's pages, so the reader's
// stored theme is on <html> before anything is painted.
import { applyTheme, storedTheme } from './site/theme-choice.js';

applyTheme(storedTheme());
