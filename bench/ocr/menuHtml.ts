// Turns a menu spec into a page Chromium can photograph: the paper menu lying on a table.
import type { MenuSpec } from './menuSpec';

export interface Frame {
  width: number;
  height: number;
  /** CSS transform of the paper: perspective and rotation for a hand-held photo, none for a scan. */
  transform: string;
  /** Fraction of the frame the paper covers (before the transform). */
  paperScale: number;
  /** Font size before shrinking to fit, in px. */
  fontPx: number;
  table: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function menuHtml(spec: MenuSpec, frame: Frame): string {
  let dishIndex = 0;
  const sections = spec.sections
    .map(({ category, dishes }) => {
      const rows = dishes
        .map((dish) => {
          const leader = spec.leader === 'none' ? '' : `<span class="leader ${spec.leader}"></span>`;
          const description = dish.description
            ? `<div class="desc">${escapeHtml(dish.description)}</div>`
            : '';
          return `<div class="dish" data-dish="${dishIndex++}"><span class="name">${escapeHtml(dish.name)}</span>${leader}<span class="price">${escapeHtml(dish.priceText)}</span></div>${description}`;
        })
        .join('');
      return `<div class="section"><h2>${escapeHtml(category)}</h2>${rows}</div>`;
    })
    .join('');
  const paperW = Math.round(frame.width * frame.paperScale);
  const paperH = Math.round(frame.height * frame.paperScale);
  return `<!doctype html><html><head><meta charset="utf-8"><style>
html, body { margin: 0; width: ${frame.width}px; height: ${frame.height}px; overflow: hidden; background: ${frame.table}; }
.paper {
  position: absolute; box-sizing: border-box; overflow: hidden;
  left: ${Math.round((frame.width - paperW) / 2)}px; top: ${Math.round((frame.height - paperH) / 2)}px;
  width: ${paperW}px; height: ${paperH}px; padding: 2.2em 2.6em;
  background: ${spec.paper}; color: ${spec.ink};
  font-family: '${spec.bodyFont}'; font-size: ${frame.fontPx}px; line-height: 1.3;
  transform: ${frame.transform}; box-shadow: 0 0 40px rgba(0,0,0,.35);
}
h1 { font-family: '${spec.headingFont}'; font-size: 1.9em; text-align: center; margin: 0 0 .7em; }
h2 { font-family: '${spec.headingFont}'; font-size: 1.35em; color: ${spec.accent}; margin: .6em 0 .35em; }
.dish { display: flex; align-items: baseline; margin: .3em 0; break-inside: avoid; }
.name { white-space: nowrap; }
.price { white-space: nowrap; margin-left: auto; }
.leader { flex: 1 1 0; margin: 0 .4em; overflow: hidden; white-space: nowrap; }
.leader.dots::after { content: '${'. '.repeat(300)}'; }
.leader.rule { border-bottom: .14em dotted currentColor; }
.desc { font-size: .68em; font-style: italic; opacity: .8; margin: -.15em 0 .45em; }
.columns .body, .nextLine .body { column-count: 2; column-gap: 3.5em; }
.nextLine .dish { display: block; margin: .4em 0; }
.nextLine .name { display: block; }
.nextLine .price { display: block; margin-left: 1.2em; font-weight: bold; }
.nextLine .leader { display: none; }
</style></head><body><div class="paper ${spec.layout}"><h1>${escapeHtml(spec.title)}</h1><div class="body">${sections}</div></div></body></html>`;
}

/**
 * Runs in the page: sizes the type so that the menu fills its paper (no clipped rows), then returns
 * each dish's box (name and price together) in frame pixels, after the paper's transform.
 * Kept as plain JavaScript text: tsx would wrap a TypeScript function with helpers the page lacks.
 */
export const FIT_AND_MEASURE = `(() => {
  const paper = document.querySelector('.paper');
  const transform = paper.style.transform || getComputedStyle(paper).transform;
  paper.style.transform = 'none';
  const dishes = [...document.querySelectorAll('.dish')];
  const overflows = () =>
    paper.scrollHeight > paper.clientHeight + 1 ||
    [...document.querySelectorAll('.dish, .body')].some((el) => el.scrollWidth > el.clientWidth + 1) ||
    // A row whose name and price (nearly) touch has no room for a leader or a gap: shrink as well.
    dishes.some((el) => {
      const name = el.querySelector('.name').getBoundingClientRect();
      const price = el.querySelector('.price').getBoundingClientRect();
      return Math.abs(name.top - price.top) < 2 && price.left - name.right < name.height;
    });
  // Menus fill their page: grow the type up to 1.6× the drawn size, then back off until nothing overflows.
  let size = parseFloat(getComputedStyle(paper).fontSize);
  const largest = size * 1.6;
  while (!overflows() && size < largest) {
    size *= 1.05;
    paper.style.fontSize = size + 'px';
  }
  while (overflows() && size > 8) {
    size *= 0.95;
    paper.style.fontSize = size + 'px';
  }
  paper.style.transform = transform;
  return dishes.map((el) => {
    // The text's own extent (a block element's box would span its whole column).
    const rects = [el.querySelector('.name'), el.querySelector('.price')].map((p) => {
      const range = document.createRange();
      range.selectNodeContents(p);
      return range.getBoundingClientRect();
    });
    const left = Math.min(...rects.map((r) => r.left));
    const top = Math.min(...rects.map((r) => r.top));
    const right = Math.max(...rects.map((r) => r.right));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    return { x: left, y: top, w: right - left, h: bottom - top };
  });
})()`;
