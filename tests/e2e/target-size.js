// WCAG 2.2 success criterion 2.5.8, Target Size (Minimum), measured in the page: every pointer
// target is at least 24 × 24 CSS px, unless one of the criterion's exceptions applies:
//   spacing  a 24 px circle centred on the target's bounding box intersects no other target and
//            no other undersized target's circle;
//   inline   a link inside a sentence (an inline <a> whose block has text outside links), whose
//            size the line height of the text sets.
// (The criterion's "equivalent", "user agent control" and "essential" exceptions need a person's
// judgement; none is claimed here.) Targets are found in the document and in every open shadow
// root: links, buttons, form fields, <summary>, and anything with a click role or a tab stop.
// Elements not rendered or visually hidden (1 px clipped, like a skip link until focused) are no
// targets.
//
// undersizedTargets runs in the page (page.evaluate(undersizedTargets, 24)) and returns every target
// smaller than the minimum with the exception that lets it pass, or 'none'.
function undersizedTargets(minimum) {
  const CONTROLS =
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=checkbox], [role=radio], [role=tab], [role=slider]';
  const TARGETS = `${CONTROLS}, [tabindex]:not([tabindex="-1"])`;

  const elements = [];
  const collect = (root) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.matches(TARGETS)) elements.push(element);
      if (element.shadowRoot) collect(element.shadowRoot);
    }
  };
  collect(document);

  const describe = (element) => {
    const host = element.getRootNode().host;
    const text = (element.getAttribute('aria-label') || element.textContent || element.value || '').trim();
    const own = `${element.localName}${element.id ? '#' + element.id : ''}${element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\s+/).join('.') : ''}${element.type ? `[type=${element.type}]` : ''}`;
    return `${host ? host.localName + (host.id ? '#' + host.id : '') + ' › ' : ''}${own} "${text.replace(/\s+/g, ' ').slice(0, 40)}"`;
  };

  // The box a pointer can hit, or null for an element that is not shown.
  const boxOf = (element) => {
    if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return null;
    const rect = element.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) return null;
    if (rect.right + scrollX <= 0 || rect.bottom + scrollY <= 0) return null; // moved off the page
    return { left: rect.left + scrollX, top: rect.top + scrollY, width: rect.width, height: rect.height };
  };

  const blockOf = (element) => {
    let block = element.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    return block;
  };
  // A link in a sentence: inline, and its block has words outside its links (a <nav> is a menu).
  // A lesson's quoted number linked to its widget (span.shown) is a link of that kind too.
  const inSentence = (element) => {
    const linkLike = element.localName === 'a' || element.matches('span.shown');
    if (!linkLike || !getComputedStyle(element).display.startsWith('inline')) return false;
    const block = blockOf(element);
    if (!block || block.closest('nav')) return false;
    const copy = block.cloneNode(true);
    for (const link of copy.querySelectorAll('a, span.shown')) link.remove();
    return /\p{L}{2,}/u.test(copy.textContent);
  };

  // A box that scrolls sideways has a tab stop for the keyboard; a finger scrolls it by swiping.
  const isScrollingBox = (element) =>
    !element.matches(CONTROLS) && ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);

  const targets = [];
  for (const element of elements) {
    const box = boxOf(element);
    if (!box || isScrollingBox(element)) continue;
    targets.push({ element, box, undersized: box.width < minimum - 0.01 || box.height < minimum - 0.01 });
  }

  const centre = ({ box }) => [box.left + box.width / 2, box.top + box.height / 2];
  // Distance from a point to a box (0 inside it).
  const distanceToBox = ([x, y], box) => {
    const dx = Math.max(box.left - x, 0, x - (box.left + box.width));
    const dy = Math.max(box.top - y, 0, y - (box.top + box.height));
    return Math.hypot(dx, dy);
  };
  const radius = minimum / 2;
  const spaced = (target) => {
    const c = centre(target);
    return targets.every((other) => {
      if (other === target || other.element.contains(target.element) || target.element.contains(other.element))
        return true;
      if (distanceToBox(c, other.box) < radius) return false;
      if (other.undersized) {
        const [ox, oy] = centre(other);
        if (Math.hypot(c[0] - ox, c[1] - oy) < minimum) return false;
      }
      return true;
    });
  };

  // Every undersized target, with the exception that lets it pass ('inline', 'spacing') or 'none'.
  return targets
    .filter((target) => target.undersized)
    .map((target) => ({
      target: describe(target.element),
      size: `${target.box.width.toFixed(1)} × ${target.box.height.toFixed(1)} px`,
      exception: inSentence(target.element) ? 'inline' : spaced(target) ? 'spacing' : 'none',
    }));
}

module.exports = { undersizedTargets };
