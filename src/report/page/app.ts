/**
 * The script of report.html: filters that recount the heatmap and the theme × partner table, and
 * the statements behind any cell, theme or status on a click or Enter, 200 at a time. Bundled into the page at build time
 * (`npm run build:page` writes page/script.ts); it reads the data html.ts writes, typed by data.ts.
 */
import { escapeHtml } from '../escape.js';
import { isEvidence } from '../../model/status.js';
import { explainAssignment } from '../explain.js';
import { cellColour, FIELD as F, type PageData, type PageStatement, STATUSES } from './data.js';

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const esc = escapeHtml;

const data = JSON.parse(byId('data').textContent ?? '{}') as PageData;
const state = { country: '', dimension: '', quadrant: '' };
const total = Math.max(1, data.partners.length);

const fill = (select: HTMLSelectElement, values: readonly string[], label: string): void => {
  select.innerHTML = `<option value="">${label}</option>${values.map((v, i) => `<option value="${i}">${esc(v)}</option>`).join('')}`;
};
const countries = [...new Set(data.partners.map((p) => p[1]))].sort();
fill(byId('f-country'), countries, 'all countries');
fill(byId('f-dimension'), data.dimensions, 'all dimensions');
fill(byId('f-quadrant'), data.quadrants, 'all quadrants');
if (data.dimensions.length === 0) byId<HTMLSelectElement>('f-dimension').disabled = true;

/** Whether a statement passes the filters. */
const passes = (s: PageStatement): boolean =>
  (state.country === '' || data.partners[s[F.partner]]?.[1] === countries[+state.country]) &&
  (state.dimension === '' || s[F.dimension] === +state.dimension) &&
  (state.quadrant === '' || s[F.quadrant] === +state.quadrant);

/** Sets a table cell's number and colour. */
const paint = (cell: HTMLElement, n: number, of: number): void => {
  const { fill: colour, ink } = cellColour(n, of);
  cell.style.background = colour;
  cell.style.color = ink;
  cell.textContent = String(n);
};

/**
 * Recounts under the filters, from the evidence (assigned or pinned statements): the distinct
 * partners of every heatmap cell, and every partner's statements in every theme.
 */
const redraw = (): void => {
  const sets = data.themes.map(() => [new Set(), new Set(), new Set(), new Set(), new Set()]);
  const perPartner = data.themes.map(() => data.partners.map(() => 0));
  for (const s of data.statements) {
    if (s[F.theme] < 0 || !passes(s) || !isEvidence(STATUSES[s[F.status]] ?? 'unassigned')) continue;
    const row = sets[s[F.theme]];
    row?.[s[F.quadrant]]?.add(s[F.partner]);
    row?.[4]?.add(s[F.partner]);
    const counts = perPartner[s[F.theme]];
    if (counts) counts[s[F.partner]] = (counts[s[F.partner]] ?? 0) + 1;
  }
  for (const cell of document.querySelectorAll<HTMLElement>('#heatmap .cell')) {
    const t = Number(cell.dataset.theme);
    const q = cell.dataset.quadrant === '' ? 4 : Number(cell.dataset.quadrant);
    paint(cell, sets[t]?.[q]?.size ?? 0, total);
  }
  const most = Math.max(1, ...perPartner.flat());
  for (const cell of document.querySelectorAll<HTMLElement>('#partner-matrix .pcell'))
    paint(cell, perPartner[Number(cell.dataset.theme)]?.[Number(cell.dataset.partner)] ?? 0, most);
  byId('shown').textContent = String(data.statements.filter(passes).length);
};

let current: PageStatement[] = [];
let shown = 0;

const item = (s: PageStatement): string => {
  const [name, country] = data.partners[s[F.partner]] ?? ['', ''];
  const theme = s[F.theme] >= 0 ? data.themes[s[F.theme]]?.[1] : '';
  const status = STATUSES[s[F.status]] ?? 'unassigned';
  const why = explainAssignment(status, s[F.score] / 1000, s[F.margin] / 1000, s[F.matched], theme);
  const dimension = s[F.dimension] >= 0 ? ` · ${esc(data.dimensions[s[F.dimension]])}` : '';
  return (
    `<li><span class="q">${'SWOT'[s[F.quadrant]]}</span>${esc(s[F.text])}` +
    `<div class="meta">${esc(name)} (${esc(country)}) · ${data.quadrants[s[F.quadrant]]}${dimension}` +
    ` · ${status} · ${esc(data.sources[s[F.source]])}:${esc(s[F.line])} · ${esc(s[F.id])}</div>` +
    `<div class="why">${esc(why)}</div></li>`
  );
};

const more = (): void => {
  const next = current.slice(shown, shown + 200);
  byId('statements').insertAdjacentHTML('beforeend', next.map(item).join(''));
  shown += next.length;
  byId('more').hidden = shown >= current.length;
};

const show = (title: string, predicate: (s: PageStatement) => boolean): void => {
  current = data.statements.filter((s) => passes(s) && predicate(s));
  shown = 0;
  byId('statements').innerHTML = '';
  byId('panel-title').textContent = `${title} — ${current.length} statement${current.length === 1 ? '' : 's'}`;
  byId('panel').hidden = false;
  more();
  byId('panel').scrollIntoView({ block: 'nearest' });
};

const themeLabel = (t: number): string => data.themes[t]?.[1] ?? '';

byId('more').addEventListener('click', more);
byId('close').addEventListener('click', () => {
  byId('panel').hidden = true;
});
/** A click or Enter (or Space) on an element. */
const onActivate = (element: HTMLElement, act: () => void): void => {
  element.addEventListener('click', act);
  element.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      act();
    }
  });
};
for (const cell of document.querySelectorAll<HTMLElement>('#heatmap .cell')) {
  const t = Number(cell.dataset.theme);
  const q = cell.dataset.quadrant ?? '';
  onActivate(cell, () =>
    show(
      themeLabel(t) + (q === '' ? '' : ` · ${data.quadrants[+q]}`),
      (s) => s[F.theme] === t && (q === '' || s[F.quadrant] === +q),
    ),
  );
}
for (const cell of document.querySelectorAll<HTMLElement>('#partner-matrix .pcell')) {
  const t = Number(cell.dataset.theme);
  const p = Number(cell.dataset.partner);
  onActivate(cell, () =>
    show(`${themeLabel(t)} · ${data.partners[p]?.[0] ?? ''}`, (s) => s[F.theme] === t && s[F.partner] === p),
  );
}
for (const button of document.querySelectorAll<HTMLElement>('#heatmap .theme')) {
  const theme = Number(button.dataset.theme);
  button.addEventListener('click', () => show(themeLabel(theme), (s) => s[F.theme] === theme));
}
for (const a of document.querySelectorAll<HTMLElement>('[data-show-theme]')) {
  const theme = Number(a.dataset.showTheme);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    show(themeLabel(theme), (s) => s[F.theme] === theme);
  });
}
for (const b of document.querySelectorAll<HTMLElement>('[data-show-status]')) {
  const status = Number(b.dataset.showStatus);
  b.addEventListener('click', () =>
    show((b.textContent ?? '').replace(/ \(\d+\)$/, ''), (s) => s[F.status] === status),
  );
}
for (const [id, key] of [
  ['f-country', 'country'],
  ['f-dimension', 'dimension'],
  ['f-quadrant', 'quadrant'],
] as const) {
  byId(id).addEventListener('change', (e) => {
    state[key] = (e.target as HTMLSelectElement).value;
    redraw();
    byId('panel').hidden = true;
  });
}
redraw();
