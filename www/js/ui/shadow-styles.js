// One constructable stylesheet per distinct style text, shared by every widget of that kind: a
// host page whose Content-Security-Policy has style-src 'self' (no 'unsafe-inline') refuses
// <style> elements but not these. Browsers without them (Safari < 16.4) get a <style>.
const sharedSheets = new Map();

export function adoptStyles(shadowRoot, styles) {
  if (!('adoptedStyleSheets' in shadowRoot) || typeof CSSStyleSheet.prototype.replaceSync !== 'function') {
    shadowRoot.innerHTML = `<style>${styles}</style>`;
    return;
  }
  let sheet = sharedSheets.get(styles);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
    sharedSheets.set(styles, sheet);
  }
  shadowRoot.adoptedStyleSheets = [sheet];
}
