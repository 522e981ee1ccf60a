// A table wider than a phone's screen scrolls sideways; a keyboard user can scroll it only if it
// can take the focus (axe: scrollable-region-focusable). Tables that overflow get tabindex="0"
// while they overflow, and lose it when they fit again, so a wide screen has no extra tab stops.
const SCROLLERS = '.table, .table-wrap';
const MARK = 'data-scroll-focus';

function update(root: HTMLElement) {
  for (const el of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
    const overflows = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible';
    if (overflows && !el.hasAttribute('tabindex')) {
      el.setAttribute('tabindex', '0');
      el.setAttribute(MARK, '');
    } else if (!overflows && el.hasAttribute(MARK)) {
      el.removeAttribute('tabindex');
      el.removeAttribute(MARK);
    }
  }
}

/** Keeps the scrolling tables under `root` focusable as the page changes and the window resizes;
 * checked once per frame at most. Returns the function that stops watching. */
export function watchScrollRegions(root: HTMLElement): () => void {
  let frame = 0;
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; update(root); });
  };
  const mo = new MutationObserver(schedule);
  mo.observe(root, { childList: true, subtree: true });
  addEventListener('resize', schedule);
  schedule();
  return () => {
    mo.disconnect();
    removeEventListener('resize', schedule);
    cancelAnimationFrame(frame);
  };
}
