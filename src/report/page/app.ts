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

/** An analyst's change, kept in the browser per report and written into the codebook on download. */
type Edit =
  | { kind: 'move'; statement: string; theme: number }
  | { kind: 'unassign'; statement: string }
  | { kind: 'rename'; theme: number; label: string }
  | { kind: 'merge'; from: number; into: number }
  | { kind: 'exclude'; statement: string; reason: string }
  | { kind: 'split'; theme: number; label: string; statements: string[] };

const STORAGE = `swotlens-edits:${data.key}`;
const loadEdits = (): Edit[] => {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE) ?? '[]') as unknown;
    return Array.isArray(stored) ? (stored as Edit[]) : [];
  } catch {
    return [];
  }
};
let edits: Edit[] = loadEdits();
const saveEdits = (): void => {
  try {
    localStorage.setItem(STORAGE, JSON.stringify(edits));
  } catch {
    // Storage refused (private mode, full): the changes last as long as the page.
  }
};
/** Each statement's theme and status as the run left them, before any edit. */
const original = data.statements.map((s) => [s[F.theme], s[F.status], s[F.theme2]] as const);
const statementAt = new Map(data.statements.map((s, i) => [s[F.id], i]));
const PINNED = STATUSES.indexOf('pinned');
const UNASSIGNED = STATUSES.indexOf('unassigned');
/** Statements the analyst moved to review: by the codebook the run read, then in this page. */
let held = new Set<string>();
let labels = data.themes.map((t) => t[1]);
let excluded = new Set<string>();
let mergedInto = data.themes.map((_, i) => i);
/** Themes split off in the page, after the run's own: their ids (unique among the codebook's) and where they came from. */
let added: { id: string; from: number }[] = [];

/** A theme id from a label, unlike any id taken: lower case letters, digits and _. */
const newId = (label: string, taken: ReadonlySet<string>): string => {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'theme';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
};

/** Replays the edits over the run's own assignment: labels, merges, moves (as pins), exclusions. */
const applyEdits = (): void => {
  labels = data.themes.map((t) => t[1]);
  mergedInto = data.themes.map((_, i) => i);
  excluded = new Set();
  held = new Set(data.codebook.unassign ?? []);
  added = [];
  const taken = new Set(data.codebook.themes.flatMap((t) => [t.id, ...(t.aliases ?? [])]));
  data.statements.forEach((s, i) => {
    const [theme, status, theme2] = original[i] ?? [-1, 0, -1];
    s[F.theme] = theme;
    s[F.status] = status;
    s[F.theme2] = theme2;
  });
  for (const e of edits) {
    if (e.kind === 'rename') labels[e.theme] = e.label;
    else if (e.kind === 'exclude') excluded.add(e.statement);
    else if (e.kind === 'split') {
      const id = newId(e.label, taken);
      taken.add(id);
      const t = labels.length;
      added.push({ id, from: e.theme });
      labels.push(e.label);
      mergedInto.push(t);
      for (const statement of e.statements) {
        const s = data.statements[statementAt.get(statement) ?? -1];
        held.delete(statement);
        if (s) {
          s[F.theme] = t;
          s[F.status] = PINNED;
          s[F.theme2] = -1;
        }
      }
    } else if (e.kind === 'unassign') {
      const s = data.statements[statementAt.get(e.statement) ?? -1];
      held.add(e.statement);
      if (s) {
        s[F.theme] = -1;
        s[F.status] = UNASSIGNED;
        s[F.theme2] = -1;
      }
    } else if (e.kind === 'merge') {
      mergedInto = mergedInto.map((t) => (t === e.from ? e.into : t));
      for (const s of data.statements) {
        if (s[F.theme] === e.from) s[F.theme] = e.into;
        if (s[F.theme2] === e.from) s[F.theme2] = s[F.theme] === e.into ? -1 : e.into;
      }
    } else {
      const s = data.statements[statementAt.get(e.statement) ?? -1];
      held.delete(e.statement);
      if (s) {
        s[F.theme] = mergedInto[e.theme] ?? e.theme;
        s[F.theme2] = -1;
        s[F.status] = PINNED;
      }
    }
  }
};

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
  !excluded.has(s[F.id]) &&
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
/** The themes a statement counts in: its own, and a compound bullet's second. */
const themesOf = (s: PageStatement): number[] =>
  s[F.theme] < 0 ? [] : s[F.theme2] >= 0 && s[F.theme2] !== s[F.theme] ? [s[F.theme], s[F.theme2]] : [s[F.theme]];

/** Whether a statement is in theme `t`, by its own theme or as a compound bullet's second. */
const inTheme = (s: PageStatement, t: number): boolean => s[F.theme] === t || (s[F.theme] >= 0 && s[F.theme2] === t);

const redraw = (): void => {
  /** Per theme, the partners with evidence in S, W, O, T and any quadrant. */
  const sets = labels.map(() => [
    new Set<number>(),
    new Set<number>(),
    new Set<number>(),
    new Set<number>(),
    new Set<number>(),
  ]);
  const perPartner = labels.map(() => data.partners.map(() => 0));
  let matching = 0;
  const byStatus = STATUSES.map(() => 0);
  for (const s of data.statements) {
    if (!passes(s)) continue;
    matching++;
    byStatus[s[F.status]] = (byStatus[s[F.status]] ?? 0) + 1;
    if (s[F.theme] < 0 || !isEvidence(STATUSES[s[F.status]] ?? 'unassigned')) continue;
    for (const t of themesOf(s)) {
      const row = sets[t];
      row?.[s[F.quadrant]]?.add(s[F.partner]);
      row?.[4]?.add(s[F.partner]);
      const counts = perPartner[t];
      if (counts) counts[s[F.partner]] = (counts[s[F.partner]] ?? 0) + 1;
    }
  }
  for (const cell of document.querySelectorAll<HTMLElement>('#heatmap .cell')) {
    const t = Number(cell.dataset.theme);
    const q = cell.dataset.quadrant === '' ? 4 : Number(cell.dataset.quadrant);
    paint(cell, sets[t]?.[q]?.size ?? 0, total);
  }
  const most = Math.max(1, ...perPartner.flat());
  for (const cell of document.querySelectorAll<HTMLElement>('#partner-matrix .pcell'))
    paint(cell, perPartner[Number(cell.dataset.theme)]?.[Number(cell.dataset.partner)] ?? 0, most);
  byId('shown').textContent = String(matching);
  // The review buttons count what they would show: the statements in view with that status.
  for (const button of document.querySelectorAll<HTMLElement>('[data-show-status]')) {
    const n = byStatus[Number(button.dataset.showStatus)] ?? 0;
    button.textContent = (button.textContent ?? '').replace(/\(\d+\)$/, `(${n})`);
  }
  recount(sets);
};

/**
 * Consensus and divergence under the filters and the edits, as the report counts them for the whole
 * run: a theme is consensus when raised as a strength or opportunity (or as a weakness or threat)
 * by the consensus share of the partners in view, divergent when one partner has it as a strength
 * but not a weakness and another the reverse; assigned and pinned statements only.
 */
const recount = (sets: readonly Set<number>[][]): void => {
  const inView = new Set<number>();
  data.partners.forEach(([, country], p) => {
    if (state.country === '' || country === countries[+state.country]) inView.add(p);
  });
  const need = Math.max(1, Math.ceil(data.consensusShare * inView.size - 1e-9));
  // The sides from the heatmap's partner sets: strengths and opportunities, weaknesses and threats.
  const sides = sets.map(([S, W, O, T]) => ({
    S: S as Set<number>,
    W: W as Set<number>,
    plus: new Set([...(S as Set<number>), ...(O as Set<number>)]),
    minus: new Set([...(W as Set<number>), ...(T as Set<number>)]),
  }));
  const consensus: string[] = [];
  const divergent: string[] = [];
  sides.forEach((side, t) => {
    if (mergedInto[t] !== t) return;
    const as = [
      ...(side.plus.size >= need ? [`as a strength or opportunity by ${side.plus.size}`] : []),
      ...(side.minus.size >= need ? [`as a weakness or threat by ${side.minus.size}`] : []),
    ];
    if (as.length > 0) consensus.push(`${esc(labels[t] ?? '')} (${as.join(', ')})`);
    const strengthOnly = [...side.S].filter((p) => !side.W.has(p));
    const weaknessOnly = [...side.W].filter((p) => !side.S.has(p));
    const names = (ps: number[]): string =>
      ps
        .map((p) => data.partners[p]?.[0] ?? '')
        .sort()
        .map(esc)
        .join(', ');
    if (strengthOnly.length > 0 && weaknessOnly.length > 0)
      divergent.push(
        `${esc(labels[t] ?? '')} (a strength for ${names(strengthOnly)}; a weakness for ${names(weaknessOnly)})`,
      );
  });
  const under = [
    ...(edits.length > 0 ? ['your changes'] : []),
    ...(state.country !== '' || state.dimension !== '' || state.quadrant !== '' ? ['these filters'] : []),
  ];
  byId('recount').innerHTML =
    under.length > 0
      ? `<strong>Under ${under.join(' and ')}</strong> (${inView.size} partner${inView.size === 1 ? '' : 's'} in view, consensus from ${need}):` +
        `<div><em>Consensus</em> — ${consensus.length > 0 ? consensus.join('; ') : 'none'}.</div>` +
        `<div><em>Divergent, and who could learn from whom</em> — ${divergent.length > 0 ? divergent.join('; ') : 'none'}.</div>`
      : '';
  // The sections below count the whole run: say so while the box counts otherwise.
  for (const note of document.querySelectorAll<HTMLElement>('.whole-run')) note.hidden = under.length === 0;
};

/** The themes a statement can move to or a theme merge into: those still standing, but `except`. */
const themeOptions = (except: number): string =>
  labels
    .map((label, t) => (t === except || mergedInto[t] !== t ? '' : `<option value="${t}">${esc(label)}</option>`))
    .join('');

let current: PageStatement[] = [];
let shown = 0;

const item = (s: PageStatement): string => {
  const [name, country] = data.partners[s[F.partner]] ?? ['', ''];
  const theme = s[F.theme] >= 0 ? data.themes[s[F.theme]]?.[1] : '';
  const status = STATUSES[s[F.status]] ?? 'unassigned';
  const why = explainAssignment(status, s[F.score] / 1000, s[F.margin] / 1000, s[F.matched], theme, held.has(s[F.id]));
  const dimension = s[F.dimension] >= 0 ? ` · ${esc(data.dimensions[s[F.dimension]])}` : '';
  const second =
    s[F.theme] >= 0 && s[F.theme2] >= 0 ? ` · two topics: also counted in “${esc(labels[s[F.theme2]] ?? '')}”` : '';
  return (
    `<li><span class="q">${'SWOT'[s[F.quadrant]]}</span>${esc(s[F.text])}` +
    `<div class="meta">${esc(name)} (${esc(country)}) · ${data.quadrants[s[F.quadrant]]}${dimension}` +
    ` · ${status} · ${esc(data.sources[s[F.source]])}:${esc(s[F.line])} · ${esc(s[F.id])}</div>` +
    `<div class="why">${esc(why)}${second}</div>` +
    `<div class="edit">${panelTheme >= 0 ? `<label><input type="checkbox" data-select="${esc(s[F.id])}"> select</label> ` : ''}<label>Move to <select data-move="${esc(s[F.id])}"><option value="">…</option>${s[F.theme] >= 0 ? '<option value="review">review (no theme)</option>' : ''}${themeOptions(s[F.theme])}</select></label> <button type="button" data-exclude="${esc(s[F.id])}">Exclude…</button></div></li>`
  );
};

const more = (): void => {
  const next = current.slice(shown, shown + 200);
  byId('statements').insertAdjacentHTML('beforeend', next.map(item).join(''));
  shown += next.length;
  byId('more').hidden = shown >= current.length;
};

let again: (() => void) | undefined;
let panelTheme = -1;
const show = (title: string, predicate: (s: PageStatement) => boolean, theme = -1): void => {
  current = data.statements.filter((s) => passes(s) && predicate(s));
  shown = 0;
  byId('statements').innerHTML = '';
  byId('panel-title').textContent = `${title} — ${current.length} statement${current.length === 1 ? '' : 's'}`;
  byId('panel').hidden = false;
  panelTheme = theme;
  byId('theme-tools').hidden = theme < 0;
  if (theme >= 0) byId('merge').innerHTML = `<option value="">…</option>${themeOptions(theme)}`;
  again = () => show(title, predicate, theme);
  more();
  byId('panel').scrollIntoView({ block: 'nearest' });
};

const themeLabel = (t: number): string => labels[t] ?? '';

byId('more').addEventListener('click', more);
byId('close').addEventListener('click', () => {
  byId('panel').hidden = true;
});
/** What a table cell or theme label opens: delegated, so that rows added by a split work too. */
const openFrom = (target: EventTarget | null): boolean => {
  const element = (target as HTMLElement | null)?.closest<HTMLElement>('.cell, .pcell, .theme');
  if (!element) return false;
  const t = Number(element.dataset.theme);
  if (element.classList.contains('theme')) show(themeLabel(t), (s) => inTheme(s, t), t);
  else if (element.classList.contains('pcell')) {
    const p = Number(element.dataset.partner);
    show(`${themeLabel(t)} · ${data.partners[p]?.[0] ?? ''}`, (s) => inTheme(s, t) && s[F.partner] === p);
  } else {
    const q = element.dataset.quadrant ?? '';
    show(
      themeLabel(t) + (q === '' ? '' : ` · ${data.quadrants[+q]}`),
      (s) => inTheme(s, t) && (q === '' || s[F.quadrant] === +q),
      t,
    );
  }
  return true;
};
for (const table of [byId('heatmap'), byId('partner-matrix')]) {
  table.addEventListener('click', (e) => openFrom(e.target));
  table.addEventListener('keydown', (e) => {
    if ((e.key === 'Enter' || e.key === ' ') && !(e.target as HTMLElement).matches('button') && openFrom(e.target))
      e.preventDefault();
  });
}
for (const a of document.querySelectorAll<HTMLElement>('[data-show-theme]')) {
  const theme = Number(a.dataset.showTheme);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    show(themeLabel(theme), (s) => inTheme(s, theme), theme);
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
/** A theme's id: the run's, or the one given to a theme split off in the page. */
const idOf = (t: number): string | undefined => data.themes[t]?.[0] ?? added[t - data.themes.length]?.id;

/** An edit in words, for the list of changes. */
const describe = (e: Edit): string => {
  const theme = (t: number): string => `“${data.themes[t]?.[1] ?? labels[t] ?? ''}”`;
  if (e.kind === 'split') return `Split ${e.statements.length} statements off ${theme(e.theme)} as “${e.label}”`;
  if (e.kind === 'rename') return `Renamed ${theme(e.theme)} to “${e.label}”`;
  if (e.kind === 'merge') return `Merged ${theme(e.from)} into ${theme(e.into)}`;
  if (e.kind === 'exclude') return `Excluded ${e.statement}: ${e.reason}`;
  if (e.kind === 'unassign') return `Moved ${e.statement} to review`;
  return `Moved ${e.statement} to ${theme(e.theme)}`;
};

/** Labels of the two tables after renames and merges. */
const relabel = (): void => {
  for (const button of document.querySelectorAll<HTMLElement>('#heatmap .theme')) {
    const t = Number(button.dataset.theme);
    button.textContent =
      mergedInto[t] === t ? (labels[t] ?? '') : `${labels[t] ?? ''} → ${labels[mergedInto[t] ?? t] ?? ''}`;
  }
  document.querySelectorAll<HTMLElement>('#partner-matrix tbody th').forEach((th, t) => {
    th.textContent = labels[t] ?? '';
  });
  for (const row of document.querySelectorAll('tr.added')) row.remove();
  added.forEach((_, k) => {
    const t = data.themes.length + k;
    const label = esc(labels[t] ?? '');
    const cells = ['0', '1', '2', '3', ''].map(
      (q) => `<td class="cell n" data-theme="${t}" data-quadrant="${q}" tabindex="0" role="button">0</td>`,
    );
    byId('heatmap')
      .querySelector('tbody')
      ?.insertAdjacentHTML(
        'beforeend',
        `<tr class="added"><th scope="row"><button type="button" class="theme" data-theme="${t}">${label}</button></th>${cells.join('')}</tr>`,
      );
    const pcells = data.partners.map(
      (_p, p) => `<td class="pcell n" data-theme="${t}" data-partner="${p}" tabindex="0" role="button">0</td>`,
    );
    byId('partner-matrix')
      .querySelector('tbody')
      ?.insertAdjacentHTML('beforeend', `<tr class="added"><th scope="row">${label}</th>${pcells.join('')}</tr>`);
  });
};

const refresh = (): void => {
  applyEdits();
  relabel();
  redraw();
  byId('edit-list').innerHTML = edits.map((e) => `<li>${esc(describe(e))}</li>`).join('');
  byId<HTMLButtonElement>('undo').disabled = edits.length === 0;
  byId<HTMLButtonElement>('discard').disabled = edits.length === 0;
  if (!byId('panel').hidden) again?.();
};

const record = (edit: Edit): void => {
  edits = [...edits, edit];
  saveEdits();
  refresh();
};

byId('statements').addEventListener('change', (e) => {
  const select = e.target as HTMLSelectElement;
  const statement = select.dataset.move;
  if (!statement || select.value === '') return;
  record(
    select.value === 'review'
      ? { kind: 'unassign', statement }
      : { kind: 'move', statement, theme: Number(select.value) },
  );
});
byId('statements').addEventListener('click', (e) => {
  const statement = (e.target as HTMLElement).dataset.exclude;
  if (!statement) return;
  const reason = window.prompt(`Why is ${statement} left out?`)?.trim();
  if (reason) record({ kind: 'exclude', statement, reason });
});
byId('rename').addEventListener('click', () => {
  const label = window.prompt('New label', labels[panelTheme] ?? '')?.trim();
  if (label && label !== labels[panelTheme]) record({ kind: 'rename', theme: panelTheme, label });
});
byId('merge').addEventListener('change', (e) => {
  const into = (e.target as HTMLSelectElement).value;
  if (into !== '' && panelTheme >= 0) record({ kind: 'merge', from: panelTheme, into: Number(into) });
});
byId('split').addEventListener('click', () => {
  const statements = [...byId('statements').querySelectorAll<HTMLInputElement>('input[data-select]:checked')].map(
    (box) => box.dataset.select ?? '',
  );
  if (statements.length === 0 || panelTheme < 0) {
    window.alert('Select the statements to split off first.');
    return;
  }
  const label = window.prompt(`Label of the new theme for the ${statements.length} selected statements`)?.trim();
  if (label) record({ kind: 'split', theme: panelTheme, label, statements });
});
byId('undo').addEventListener('click', () => {
  edits = edits.slice(0, -1);
  saveEdits();
  refresh();
});
byId('discard').addEventListener('click', () => {
  if (!window.confirm('Discard all your changes to this report?')) return;
  edits = [];
  saveEdits();
  refresh();
});

/** The run's codebook with the edits written in: labels, merges, pins for moves, exclusions, moves to review. */
const editedCodebook = (): PageData['codebook'] => {
  const codebook = JSON.parse(JSON.stringify(data.codebook)) as PageData['codebook'];
  const themeOf = (t: number) => codebook.themes.find((theme) => theme.id === idOf(t));
  const pin: Record<string, string> = { ...(codebook.pin ?? {}) };
  const exclude = [...(codebook.exclude ?? [])];
  const unassign = new Set(codebook.unassign ?? []);
  for (const e of edits) {
    if (e.kind === 'rename') {
      const theme = themeOf(e.theme);
      if (theme) theme.label = e.label;
    } else if (e.kind === 'split') {
      const k = codebook.themes.length - data.codebook.themes.length;
      const id = added[k]?.id;
      if (!id) continue;
      codebook.themes.push({ id, label: e.label, description: `Split off “${labels[e.theme] ?? ''}” in report.html.` });
      for (const statement of e.statements) {
        pin[statement] = id;
        unassign.delete(statement);
      }
    } else if (e.kind === 'merge') {
      const into = themeOf(e.into);
      const from = idOf(e.from);
      if (into && from) into.merge = [...(into.merge ?? []), from];
    } else if (e.kind === 'move') {
      const id = idOf(e.theme);
      if (id) pin[e.statement] = id;
      unassign.delete(e.statement);
    } else if (e.kind === 'unassign') {
      unassign.add(e.statement);
      delete pin[e.statement];
    } else if (!exclude.some((x) => x.statement === e.statement)) {
      exclude.push({ statement: e.statement, reason: e.reason });
      delete pin[e.statement];
      unassign.delete(e.statement);
    }
  }
  const { pin: _pin, exclude: _exclude, unassign: _unassign, review, ...rest } = codebook;
  return {
    ...rest,
    ...(Object.keys(pin).length > 0 ? { pin } : {}),
    ...(exclude.length > 0 ? { exclude } : {}),
    ...(unassign.size > 0 ? { unassign: [...unassign].sort() } : {}),
    ...(review ? { review } : {}),
  };
};

byId('download').addEventListener('click', () => {
  // JSON is YAML: the codebook reads back with --codebook as it is.
  const text = `# Codebook edited in report.html (${edits.length} change${edits.length === 1 ? '' : 's'}): run swotlens again with --codebook this-file.\n${JSON.stringify(editedCodebook(), null, 2)}\n`;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  link.download = 'codebook.yaml';
  document.body.append(link);
  link.click();
  link.remove();
});

refresh();
