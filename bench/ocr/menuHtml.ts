// Turns a menu spec into a page Chromium can photograph: the paper menu lying on a table.
import { cssFontFamily } from './fonts';
import type { MenuSpec, SpecSection } from './menuSpec';

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

function heading(spec: MenuSpec, section: SpecSection): string {
  const category = escapeHtml(section.category);
  if (!section.price) return `<h2>${category}</h2>`;
  const price = escapeHtml(section.price.text);
  if (spec.sectionPricePlacement === 'below') {
    return `<h2>${category}</h2><div class="section-price below">${price}</div>`;
  }
  return `<h2 class="priced ${spec.sectionPricePlacement}"><span>${category}</span><span class="section-price">${price}</span></h2>`;
}

export function menuHtml(spec: MenuSpec, frame: Frame): string {
  let dishIndex = 0;
  const sections = spec.sections
    .map((section) => {
      const rows = section.dishes
        .map((dish) => {
          const name = `<span class="name">${escapeHtml(dish.name)}</span>`;
          const description = dish.description
            ? `<div class="desc">${escapeHtml(dish.description)}</div>`
            : '';
          let row: string;
          if (dish.sectionPriced) row = name;
          else {
            const price = `<span class="price">${escapeHtml(dish.priceText)}</span>`;
            const leader = spec.leader === 'none' ? '' : `<span class="leader ${spec.leader}"></span>`;
            row = spec.layout === 'priceLeft' ? `${price}${name}` : `${name}${leader}${price}`;
          }
          return `<div class="dish" data-dish="${dishIndex++}">${row}</div>${description}`;
        })
        .join('');
      return `<div class="section">${heading(spec, section)}${rows}</div>`;
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
  font-family: ${cssFontFamily(spec.bodyFont)}; font-size: ${frame.fontPx}px; line-height: 1.3;
  transform: ${frame.transform}; box-shadow: 0 0 40px rgba(0,0,0,.35);
}
h1 { font-family: ${cssFontFamily(spec.headingFont)}; font-size: 1.9em; text-align: center; margin: 0 0 .7em; }
h2 { font-family: ${cssFontFamily(spec.headingFont)}; font-size: 1.35em; color: ${spec.accent}; margin: .6em 0 .35em; break-after: avoid; }
h2.priced { display: flex; align-items: baseline; }
h2.priced.right .section-price { margin-left: auto; }
h2.priced.after .section-price { margin-left: 1em; }
.section-price { font-size: .8em; white-space: nowrap; color: ${spec.ink}; }
.section-price.below { font-size: 1em; font-weight: bold; margin: -.2em 0 .4em; break-after: avoid; }
.dish { display: flex; align-items: baseline; margin: .3em 0; break-inside: avoid; }
.name { white-space: nowrap; }
.price { white-space: nowrap; margin-left: auto; }
.leader { flex: 1 1 0; margin: 0 .4em; overflow: hidden; white-space: nowrap; }
.leader.dots::after { content: '${'. '.repeat(300)}'; }
.leader.rule { border-bottom: .14em dotted currentColor; }
.desc { font-size: .68em; font-style: italic; opacity: .8; margin: -.15em 0 .45em; }
.cols2 .body { column-count: 2; column-gap: 3.5em; }
.sectionPrices .dish { margin: .25em 0 .25em .6em; }
.sectionPrices .desc { margin-left: .9em; }
/* One column of names under priced headings: set centred, as such menus are. */
.sectionPrices.cols1 h2, .sectionPrices.cols1 .section-price.below, .sectionPrices.cols1 .desc { text-align: center; }
.sectionPrices.cols1 h2.priced { justify-content: center; }
.sectionPrices.cols1 h2.priced.right .section-price { margin-left: 1em; }
.sectionPrices.cols1 .dish { justify-content: center; margin: .25em 0; }
.sectionPrices.cols1 .desc { margin-left: 0; }
.nextLine .dish { display: block; margin: .4em 0; }
.nextLine .name { display: block; }
.nextLine .price { display: block; margin-left: 1.2em; font-weight: bold; }
.priceLeft .price { margin: 0 1em 0 0; text-align: right; flex: none; }
</style></head><body><div class="paper ${spec.layout} cols${spec.columns}"><h1>${escapeHtml(spec.title)}</h1><div class="body">${sections}</div></div></body></html>`;
}

/**
 * Runs in the page: sizes the type so that the menu fills its paper (no clipped rows), then returns
 * each dish's box (name and price together; the name alone under a section price) in frame pixels,
 * after the paper's transform (but before any warp of the photo, see distort.ts).
 * Kept as plain JavaScript text: tsx would wrap a TypeScript function with helpers the page lacks.
 */
export const FIT_AND_MEASURE = `(() => {
  const paper = document.querySelector('.paper');
  const transform = paper.style.transform || getComputedStyle(paper).transform;
  paper.style.transform = 'none';
  const dishes = [...document.querySelectorAll('.dish')];
  // Prices on the left stand in a column as wide as the widest of them (in em, so it scales).
  if (paper.classList.contains('priceLeft')) {
    const prices = [...document.querySelectorAll('.price')];
    const widest = Math.max(...prices.map((p) => p.getBoundingClientRect().width));
    const em = parseFloat(getComputedStyle(paper).fontSize);
    for (const p of prices) p.style.minWidth = (widest / em).toFixed(3) + 'em';
  }
  const overflows = () =>
    paper.scrollHeight > paper.clientHeight + 1 ||
    [...document.querySelectorAll('.dish, .body, h2')].some((el) => el.scrollWidth > el.clientWidth + 1) ||
    // A row whose name and price (nearly) touch has no room for a leader or a gap: shrink as well.
    dishes.some((el) => {
      const priceEl = el.querySelector('.price');
      if (!priceEl) return false;
      const name = el.querySelector('.name').getBoundingClientRect();
      const price = priceEl.getBoundingClientRect();
      const gap = Math.max(price.left - name.right, name.left - price.right);
      return Math.abs(name.top - price.top) < 2 && gap < name.height * (paper.classList.contains('priceLeft') ? 0.5 : 1);
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
    const rects = [el.querySelector('.name'), el.querySelector('.price')].filter(Boolean).map((p) => {
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
