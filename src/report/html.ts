/**
 * report.html: the report as one self-contained page (no network): a theme × quadrant heatmap of
 * distinct partners with the number in each cell, a theme × partner table of statements, the
 * statements behind any cell or theme on click or Enter, filters by country, dimension and
 * quadrant that recount both tables, and the sections of report.md. A phone shows all four
 * quadrants (their letters for heads). Built from the same
 * report model; statement lists are rendered on demand, so a run of 100,000 statements stays
 * usable.
 */
import { STANDS_OUT_AT, type ThemeComparison } from '../compare/index.js';
import { createHash } from 'node:crypto';
import { type RunReport, rejectedReason } from '../model/index.js';
import { codebookOf } from './codebook.js';
import { hasEdits, type ReportDocument } from './document.js';
import { escapeHtml } from './escape.js';
import { cellColour, PALETTE, type PageData, type PageStatement, STATUSES } from './page/data.js';
import { PAGE_SCRIPT } from './page/script.js';
import { formatProblem } from '../model/index.js';
import { borderlineWords, consensusWords, hollowWords, plural, polarityText, standingWords } from './words.js';
import { QUADRANT_NAMES, QUADRANTS, type Quadrant, type Statement } from '../model/index.js';

/** Rows of a static list shown in the page; the CSV files have them all. */
const LIST_LIMIT = 200;

/** Index of each distinct value, in first-seen order. */
function indexer(): { of: (value: string) => number; values: string[] } {
  const map = new Map<string, number>();
  const values: string[] = [];
  return {
    of: (value) => {
      let i = map.get(value);
      if (i === undefined) {
        i = values.length;
        map.set(value, i);
        values.push(value);
      }
      return i;
    },
    values,
  };
}

/** The data the page's script works on, as compact arrays. */
function pageData(report: RunReport): PageData {
  const partners = report.comparison.partners.map((p): [string, string] => [p.name, p.country]);
  const partnerIndex = new Map(report.comparison.partners.map((p, i) => [p.name, i]));
  const themes = report.comparison.themes.map((c) => c.theme);
  const themeIndex = new Map(themes.map((t, i) => [t.id, i]));
  const dimensions = indexer();
  const sources = indexer();
  const statements = report.analysed.map(({ statement: s, assignment: a }): PageStatement => {
    const theme = a.themeId === undefined ? -1 : (themeIndex.get(a.themeId) ?? -1);
    const status = STATUSES.indexOf(a.status);
    return [
      partnerIndex.get(s.partner) ?? 0,
      QUADRANTS.indexOf(s.quadrant),
      s.dimension === '' ? -1 : dimensions.of(s.dimension),
      theme,
      status,
      Math.round(a.score * 1000),
      Math.round(a.margin * 1000),
      s.text,
      a.matched.join(', '),
      s.id,
      sources.of(s.source),
      s.cell ? `${s.line} (${s.cell})` : s.line,
      a.themeId2 === undefined ? -1 : (themeIndex.get(a.themeId2) ?? -1),
    ];
  });
  return {
    partners,
    themes: themes.map((t): [string, string] => [t.id, t.label]),
    dimensions: dimensions.values,
    sources: sources.values,
    quadrants: QUADRANTS.map((q) => QUADRANT_NAMES[q]),
    statements,
    codebook: codebookOf(report),
    consensusShare: report.comparison.consensusShare,
    key: createHash('sha1')
      .update(`${report.settings.title}\u0000${themes.map((t) => t.id).join(',')}\u0000`)
      .update(report.statements.map((s) => s.id).join(','))
      .digest('hex')
      .slice(0, 16),
  };
}

/** The quadrants' column heads: the name on wide screens, its letter on narrow ones. */
function quadrantHeads(): string {
  return [...QUADRANTS.map((q) => QUADRANT_NAMES[q]), 'Partners']
    .map(
      (name) =>
        `<th scope="col" class="n"><span class="long">${escapeHtml(name)}</span><span class="short" aria-hidden="true">${escapeHtml(name === 'Partners' ? 'All' : name.slice(0, 1))}</span></th>`,
    )
    .join('');
}

/** The theme × quadrant table of distinct partners: a table, so that it reflows on a phone and every cell takes the keyboard. */
function heatmap(report: RunReport, hollow: readonly ThemeComparison[]): string {
  const themes = report.comparison.themes;
  const total = Math.max(1, report.comparison.partners.length);
  const rows = themes.map((c: ThemeComparison, r) => {
    const counts = [...QUADRANTS.map((q: Quadrant) => c.partners[q].length), c.allPartners.length];
    const cells = counts.map((n, col) => {
      const { fill, ink } = cellColour(n, total);
      const q = col < 4 ? String(col) : '';
      const where = col < 4 ? QUADRANT_NAMES[QUADRANTS[col] as Quadrant] : 'all quadrants';
      return `<td class="cell n" data-theme="${r}" data-quadrant="${q}" tabindex="0" role="button" aria-label="${escapeHtml(c.theme.label)}, ${where}: ${n} partners" style="background:${fill};color:${ink}">${n}</td>`;
    });
    // A group of borderline statements alone stays in the table, so that statements can be moved into it, marked as no finding.
    const none = hollow.includes(c);
    return `<tr${none ? ' class="hollow"' : ''}><th scope="row"><button type="button" class="theme" data-theme="${r}" title="${escapeHtml(c.theme.label)} (${escapeHtml(c.theme.id)})${none ? ': no statement fits well enough to count, not a finding' : ''}">${escapeHtml(c.theme.label)}</button></th>${cells.join('')}</tr>`;
  });
  return `<div class="scroll"><table id="heatmap" class="grid" aria-label="Themes by quadrant: distinct partners"><thead><tr><th scope="col">Theme</th>${quadrantHeads()}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** Short codes for the partners (their country code, numbered when a country has several), in the order given. */
export function partnerCodes(partners: readonly { name: string; country: string }[]): string[] {
  const perCountry = new Map<string, number>();
  for (const p of partners) perCountry.set(p.country, (perCountry.get(p.country) ?? 0) + 1);
  const seen = new Map<string, number>();
  return partners.map((p) => {
    const base = p.country || 'P';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return (perCountry.get(p.country) ?? 0) > 1 || base === 'P' ? `${base}${n}` : base;
  });
}

/** The theme × partner table: each partner's statements in each theme (assigned or pinned), partners by short code. */
function partnerMatrix(report: RunReport): string {
  const { partners, themes } = report.comparison;
  const codes = partnerCodes(partners);
  const partnerIndex = new Map(partners.map((p, i) => [p.name, i]));
  const themeIndex = new Map(themes.map((c, i) => [c.theme.id, i]));
  const counts = themes.map(() => partners.map(() => 0));
  for (const { statement, assignment } of report.analysed) {
    if (assignment.status !== 'assigned' && assignment.status !== 'pinned') continue;
    const t = assignment.themeId === undefined ? undefined : themeIndex.get(assignment.themeId);
    const p = partnerIndex.get(statement.partner);
    if (t !== undefined && p !== undefined) (counts[t] as number[])[p] = ((counts[t] as number[])[p] as number) + 1;
  }
  const most = Math.max(1, ...counts.flat());
  const heads = codes
    .map(
      (code, p) => `<th scope="col" class="n" title="${escapeHtml(partners[p]?.name ?? '')}">${escapeHtml(code)}</th>`,
    )
    .join('');
  const rows = themes.map((c, t) => {
    const cells = partners.map((partner, p) => {
      const n = counts[t]?.[p] ?? 0;
      const { fill, ink } = cellColour(n, most);
      return `<td class="pcell n" data-theme="${t}" data-partner="${p}" tabindex="0" role="button" aria-label="${escapeHtml(c.theme.label)}, ${escapeHtml(partner.name)}: ${n} statements" style="background:${fill};color:${ink}">${n}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(c.theme.label)}</th>${cells.join('')}</tr>`;
  });
  const key = partners
    .map((p, i) => `<li><strong>${escapeHtml(codes[i] ?? '')}</strong> ${escapeHtml(p.name)}</li>`)
    .join('');
  return `<section id="by-partner"><h2>Themes by partner</h2><p>Statements each partner has in each theme (assigned or pinned). Click a cell for them.</p><div class="scroll"><table id="partner-matrix" class="grid" aria-label="Themes by partner: statements"><thead><tr><th scope="col">Theme</th>${heads}</tr></thead><tbody>${rows.join('')}</tbody></table></div><ul class="codes">${key}</ul></section>`;
}

function legend(total: number): string {
  const stops = PALETTE.map(
    (c, i) =>
      `<span style="background:${c}" title="${Math.round((i / (PALETTE.length - 1)) * total)} partners"></span>`,
  ).join('');
  return `<div class="legend">0 <span class="scale">${stops}</span> ${total} partners</div>`;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '—' : items.map(escapeHtml).join(', ');
}

function changes(report: RunReport): string {
  const c = report.changes;
  if (!c) return '';
  const items = [
    `Partners: ${c.partners.new.length > 0 ? `new ${list(c.partners.new)}` : 'no new partner'}${c.partners.missing.length > 0 ? `; missing ${list(c.partners.missing)}` : ''}`,
    `Statements: ${c.statements.new} new, ${c.statements.gone} gone; ${c.statements.kept} kept their theme, ${c.statements.moved.length} moved`,
    ...(c.themes.new.length > 0 ? [`New themes: ${list(c.themes.new.map((t) => t.label))}`] : []),
    ...(c.themes.vanished.length > 0 ? [`Vanished themes: ${list(c.themes.vanished.map((t) => t.label))}`] : []),
    ...(c.themes.merged.length > 0 ? [`Merged: ${list(c.themes.merged.map((m) => `${m.id} → ${m.into}`))}`] : []),
    ...(c.themes.renamed.length > 0 ? [`Renamed: ${list(c.themes.renamed.map((r) => `${r.from} → ${r.to}`))}`] : []),
  ];
  const counts =
    c.counts.length === 0
      ? ''
      : `<table><thead><tr><th>Theme</th><th>Column</th><th>Before</th><th>After</th></tr></thead><tbody>${c.counts.map((x) => `<tr><td>${escapeHtml(x.label)}</td><td>${escapeHtml(x.column)}</td><td class="n">${x.before}</td><td class="n">${x.after}</td></tr>`).join('')}</tbody></table>`;
  return `<section id="changes"><h2>What changed</h2><p>Since the run in <code>${escapeHtml(c.previous)}</code>.</p><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>${counts}</section>`;
}

/** The analyst's edits the codebook carries, as this run applied them. */
function edits(doc: ReportDocument): string {
  const e = doc.edits;
  if (!hasEdits(e)) return '';
  const label = (id: string): string => doc.labels.get(id) ?? id;
  const items = [
    ...(e.renamed.length > 0 ? [`Renamed: ${list(e.renamed.map((r) => `${r.from} → ${r.to}`))}`] : []),
    ...(e.merged.length > 0 ? [`Merged: ${list(e.merged.map((m) => `${m.from} into ${label(m.into)}`))}`] : []),
    ...(e.split.length > 0
      ? [`Split: ${list(e.split.map((x) => `${x.from} into ${x.into.map(label).join(' and ')}`))}`]
      : []),
    ...(e.pinned.length > 0 ? [`Pinned: ${list(e.pinned.map((p) => `${p.statement} to ${label(p.theme)}`))}`] : []),
    ...(e.excluded.length > 0 ? [`Excluded: ${list(e.excluded.map((x) => `${x.statement} (${x.reason})`))}`] : []),
    ...(e.unassigned.length > 0 ? [`Moved to review: ${list(e.unassigned)}`] : []),
  ];
  return `<section id="edits"><h2>Your edits</h2><p>Applied from the codebook <code>${escapeHtml(doc.run.settings.codebook ?? '')}</code>.</p><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul></section>`;
}

function sections(doc: ReportDocument): string {
  const report = doc.run;
  const { comparison, terminology } = report;
  const byId = doc.statementById;
  const total = comparison.partners.length;
  const out: string[] = [];
  const { consensus, divergent } = doc;
  out.push(
    `<section id="areas"><h2>Broader areas</h2><p>The themes grouped into ${plural(doc.areas.length, 'broader area')} by how close their centres are (the area is <code>parent</code> in codebook.yaml: edit it to regroup). Partners with an assigned statement in any theme of the area; counted over the whole run.</p><table><thead><tr><th>Area</th><th>Themes</th>${QUADRANTS.map((q) => `<th>${q}</th>`).join('')}<th>Partners</th></tr></thead><tbody>${doc.areas
      .map(
        (a) =>
          `<tr><td><b>${escapeHtml(a.name)}</b></td><td>${a.themes.map((c) => `<a href="#" data-show-theme="${comparison.themes.indexOf(c)}">${escapeHtml(c.theme.label)}</a>`).join('; ')}</td>${QUADRANTS.map((q) => `<td class="n">${a.partners[q].length}</td>`).join('')}<td class="n">${a.total}</td></tr>`,
      )
      .join('')}</tbody></table></section>`,
  );
  out.push(
    `<section id="consensus"><h2>Consensus themes</h2><p class="whole-run" hidden>Counted over the whole run; the box under the heatmap recounts under your filters and changes.</p><p>Raised on one side — as a strength or opportunity, or as a weakness or threat — by at least ${comparison.consensusPartners} of ${total} partners, counting statements assigned to the theme.</p>`,
  );
  const borderline = (c: ThemeComparison): string => {
    const words = borderlineWords(c.borderline);
    return words ? ` <span class="muted">(${escapeHtml(words)})</span>` : '';
  };
  out.push(
    consensus.length === 0
      ? '<p>No theme reaches the consensus threshold.</p>'
      : `<ul>${consensus.map((c) => `<li><a href="#" data-show-theme="${comparison.themes.indexOf(c)}">${escapeHtml(c.theme.label)}</a> — ${escapeHtml(consensusWords(c, total))}: ${QUADRANTS.map((q) => `${q} ${c.partners[q].length}`).join(', ')}${borderline(c)}</li>`).join('')}</ul>`,
  );
  out.push('</section>');
  out.push(
    '<section id="divergent"><h2>Divergent themes</h2><p class="whole-run" hidden>Counted over the whole run; the box under the heatmap recounts under your filters and changes.</p><p>An assigned strength for some partners and an assigned weakness for others.</p>',
  );
  out.push(
    divergent.length === 0
      ? '<p>None.</p>'
      : `<table><thead><tr><th>Theme</th><th>Strength for</th><th>Weakness for</th></tr></thead><tbody>${divergent.map((c) => `<tr><td><a href="#" data-show-theme="${comparison.themes.indexOf(c)}">${escapeHtml(c.theme.label)}</a></td><td>${list(c.partners.S)}</td><td>${list(c.partners.W)}</td></tr>`).join('')}</tbody></table>`,
  );
  out.push('</section>');
  out.push(
    '<section id="learning"><h2>Who could learn from whom</h2><p class="whole-run" hidden>Counted over the whole run; the box under the heatmap recounts under your filters and changes.</p><p>Per theme, a partner that lists it only as a strength beside one that lists it only as a weakness, each with the statement that fits the theme best.</p>',
  );
  const said = (s: Statement): string => `<b>${escapeHtml(s.partner)}</b>: ${escapeHtml(s.text)}`;
  out.push(
    doc.learning.length === 0
      ? '<p>No learning pairs.</p>'
      : doc.learning
          .map(
            (row) =>
              `<h3>${escapeHtml(row.theme.theme.label)}</h3><table class="pairs"><thead><tr><th>Can share (strength)</th><th>Wants to learn (weakness)</th></tr></thead><tbody>${row.pairs.map((p) => `<tr><td>${said(p.strength)}</td><td>${said(p.weakness)}</td></tr>`).join('')}</tbody></table>${row.total > row.pairs.length ? `<p class="muted">… and ${row.total - row.pairs.length} more pairs in themes.json.</p>` : ''}`,
          )
          .join(''),
  );
  out.push('</section>');

  out.push(
    `<section id="stands-out"><h2>What stands out</h2><p>Partners and countries (of two or more partners) that raise a theme notably more than their number of statements predicts: a one-sided Fisher exact test per theme and partner or country, counting assigned and pinned statements, with the Benjamini–Hochberg correction over all ${comparison.standsOutTests} tests; shown at q ≤ ${STANDS_OUT_AT}. Counted over the whole run.</p>`,
    doc.standsOut.length === 0
      ? '<p>No partner or country raises a theme notably more than its share.</p>'
      : `<ul>${doc.standsOut.map(({ theme, finding }) => `<li><a href="#" data-show-theme="${comparison.themes.indexOf(theme)}">${escapeHtml(theme.theme.label)}</a> — ${escapeHtml(standingWords(finding))}.</li>`).join('')}</ul>`,
    '</section>',
  );

  out.push('<section id="terminology"><h2>Terminology</h2>');
  for (const t of terminology.terms) {
    out.push(
      `<h3>“${escapeHtml(t.label)}” by country</h3><p>Statements in which each sense is read from the text or the partner's usage; “Unread” counts statements whose sense is only assumed or uncertain.</p><table><thead><tr><th>Country</th>${t.senses.map((s) => `<th>${escapeHtml(s)}</th>`).join('')}<th>Unread</th><th>Dominant</th><th>An example of each sense</th></tr></thead><tbody>`,
    );
    for (const c of t.countries) {
      const examples = c.senses
        .map((use) => {
          const s = byId.get(use.example);
          return s
            ? `<div><em>${escapeHtml(use.sense)}</em>: “${escapeHtml(s.text)}” — ${escapeHtml(s.partner)}</div>`
            : '';
        })
        .join('');
      out.push(
        `<tr${c.conflict ? ' class="conflict"' : ''}><td>${escapeHtml(c.country)}</td>${t.senses.map((s) => `<td class="n">${c.senses.find((u) => u.sense === s)?.statements ?? 0}</td>`).join('')}<td class="n">${c.unread}</td>` +
          `<td>${c.dominant ? `<strong>${escapeHtml(c.dominant)}</strong>${c.conflict ? ' (differs)' : ''}` : c.undecided}</td><td class="quote">${examples}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  if (terminology.terms.length === 0) out.push('<p>No statement uses a term with several senses.</p>');
  if (terminology.zoo.length > 0) {
    out.push(
      `<h3>Variant zoo</h3><ul>${terminology.zoo
        .slice(0, 40)
        .map(
          (z) =>
            `<li><strong>${escapeHtml(z.label)}</strong>: ${z.variants.map((v) => `${escapeHtml(v.surface)} (${escapeHtml(v.countries.join(', '))})`).join('; ')}</li>`,
        )
        .join('')}</ul>`,
    );
  }
  if (terminology.candidates.length > 0) {
    out.push(
      `<h3>Glossary candidates</h3><ul>${terminology.candidates
        .slice(0, 40)
        .map(
          (c) =>
            `<li><strong>${escapeHtml(c.short)}</strong> — ${plural(c.statements, 'statement')}, ${plural(c.partners.length, 'partner')}</li>`,
        )
        .join('')}</ul>`,
    );
  }
  out.push('</section>');

  out.push('<section id="review"><h2>For review</h2>');
  out.push(
    `<p><button data-show-status="2">Unassigned statements (${doc.counts.unassigned})</button> <button data-show-status="1">Borderline statements (${doc.counts.borderline})</button></p>`,
  );
  const compound = doc.review.compound;
  out.push(
    `<h3>Two topics in one bullet (${compound.length})</h3><p>Bullets whose clauses fit two themes: each is counted in both (flag <code>compound</code> and <code>theme_id_2</code> in assignments.csv).</p>`,
    compound.length === 0
      ? '<p>None.</p>'
      : `<ul>${compound
          .slice(0, LIST_LIMIT)
          .map(
            ({ statement: s, assignment: a }) =>
              `<li><span class="q">${s.quadrant}</span>${escapeHtml(s.text)}<div class="meta">${escapeHtml(s.partner)} (${escapeHtml(s.country)}) · ${escapeHtml(doc.labels.get(a.themeId ?? '') ?? '')} and ${escapeHtml(doc.labels.get(a.themeId2 ?? '') ?? '')} · ${escapeHtml(s.id)}</div></li>`,
          )
          .join(
            '',
          )}</ul>${compound.length > LIST_LIMIT ? `<p class="muted">… and ${compound.length - LIST_LIMIT} more in assignments.csv.</p>` : ''}`,
  );
  const wrong = doc.review.quadrant;
  out.push(
    `<h3>In the wrong quadrant? (${wrong.length})</h3><p>Statements whose own words say the opposite of their quadrant — a strength or opportunity worded as a problem, a weakness or threat worded as an asset (flag <code>quadrant</code> in assignments.csv).</p>`,
    wrong.length === 0
      ? '<p>None.</p>'
      : `<ul>${wrong
          .slice(0, LIST_LIMIT)
          .map(
            ({ statement: s, polarity }) =>
              `<li><span class="q">${s.quadrant}</span>${escapeHtml(s.text)}<div class="meta">${escapeHtml(s.partner)} (${escapeHtml(s.country)}) · ${QUADRANT_NAMES[s.quadrant]} · ${escapeHtml(`${s.source}:${s.line}`)} · ${escapeHtml(s.id)} · ${escapeHtml(polarityText(polarity))}</div></li>`,
          )
          .join(
            '',
          )}</ul>${wrong.length > LIST_LIMIT ? `<p class="muted">… and ${wrong.length - LIST_LIMIT} more in assignments.csv.</p>` : ''}`,
    '</section>',
  );

  out.push(`<section id="rejected"><h2>Rows not read (${report.rejected.length})</h2>`);
  if (report.rejected.length === 0) out.push('<p>Every row was read.</p>');
  else {
    out.push(
      `<p>All of them, with their reasons, are in <a href="rejected.csv">rejected.csv</a>.</p><table><thead><tr><th>Where</th><th>Reason</th></tr></thead><tbody>`,
    );
    out.push(
      report.rejected
        .slice(0, LIST_LIMIT)
        .map(
          (r) =>
            `<tr><td>${escapeHtml(`${r.place.file}:${r.place.line}`)}</td><td>${escapeHtml(rejectedReason(r))}</td></tr>`,
        )
        .join(''),
    );
    out.push('</tbody></table>');
  }
  out.push('</section>');

  const { settings } = report;
  out.push(
    '<section id="run"><h2>Run</h2><table><thead><tr><th>Input</th><th>Format</th><th>Items</th><th>Statements</th><th>Rejected</th></tr></thead><tbody>',
  );
  out.push(
    report.files
      .map(
        (f) =>
          `<tr><td>${escapeHtml(f.path)}</td><td>${escapeHtml([f.format, f.encoding, f.layout].filter(Boolean).join(', '))}</td><td class="n">${f.rows}</td><td class="n">${f.statements}</td><td class="n">${f.rejected}</td></tr>`,
      )
      .join(''),
  );
  out.push('</tbody></table>');
  out.push(
    `<p>swotlens ${escapeHtml(report.version)}${settings.pipeline ? ` · pipeline <code>${escapeHtml(settings.pipeline)}</code>` : ''}${settings.codebook ? ` · codebook <code>${escapeHtml(settings.codebook)}</code>` : ''} · consensus at ${Math.round(settings.consensus * 100)}% · themes need ${settings.themes.minStatements} statements · assigned from ${settings.themes.assignAt}, borderline from ${settings.themes.borderlineAt} · meaning from ${settings.themes.meaning}, share ${settings.themes.semantic}</p>`,
  );
  if (report.warnings.length > 0)
    out.push(
      `<details><summary>${plural(report.warnings.length, 'warning')}</summary><ul>${report.warnings
        .slice(0, LIST_LIMIT)
        .map((w) => `<li>${escapeHtml(formatProblem(w))}</li>`)
        .join('')}</ul></details>`,
    );
  out.push('</section>');
  return out.join('\n');
}

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fff}
header,main{max-width:1100px;margin:0 auto;padding:0 20px}
header{padding-top:18px}h1{font-size:24px;margin:0 0 6px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:16px}
.summary{color:#444}.warn{background:#fff4d6;border-left:4px solid #e0a800;padding:8px 12px}
#filters{display:flex;gap:14px;flex-wrap:wrap;align-items:center;margin:14px 0;padding:10px;background:#f6f6f6;border-radius:6px}
#filters label{font-size:13px;color:#444}select{font:inherit;padding:2px 4px}
.scroll{overflow-x:auto;max-width:100%}main table:not(.grid){display:block;max-width:100%;overflow-x:auto}table.grid{border-collapse:separate;border-spacing:2px}
table.grid td.cell,table.grid td.pcell{min-width:64px;text-align:center;border-radius:3px;cursor:pointer;border:0;font-variant-numeric:tabular-nums}
table.grid td.pcell{min-width:34px}table.grid td:hover,table.grid td:focus{outline:2px solid #d62728;outline-offset:-2px}
table.grid th[scope=row]{font-weight:400;max-width:420px}button.theme{background:none;border:0;padding:0;font:inherit;color:#1a1a1a;text-align:left;cursor:pointer}
button.theme:hover,button.theme:focus{text-decoration:underline}tr.hollow button.theme{font-style:italic;color:#555}.short{display:none}.codes{columns:2;font-size:13px;padding-left:18px}#recount{font-size:14px;margin:8px 0;padding:8px 12px;background:#f3f7fb;border-radius:6px}#recount:empty{display:none}#recount div{margin-top:4px}.whole-run{font-style:italic;color:#555}.edit{font-size:12px;margin-top:2px}.edit select{font-size:12px;max-width:220px}#theme-tools{margin:0 0 8px}
@media (max-width:600px){header,main{padding:0 8px}table.grid td,table.grid th{padding:4px 3px}.long{display:none}.short{display:inline}table.grid td.cell{min-width:38px}table.grid th[scope=row]{max-width:none;font-size:13px}.codes{columns:1}}
.legend{font-size:12px;color:#555;display:flex;align-items:center;gap:6px;margin:4px 0 0}.scale span{display:inline-block;width:18px;height:10px}
#panel{border:1px solid #ccc;border-radius:6px;padding:10px 14px;margin:14px 0;background:#fbfbfb}#panel[hidden]{display:none}
#panel h3{margin:0 0 6px}#statements{list-style:none;padding:0;margin:0}#statements li{padding:6px 0;border-bottom:1px solid #eee}
.meta{font-size:12px;color:#555}.muted{color:#555}table.pairs td{vertical-align:top;width:50%}.why{font-size:12px;color:#2a6f2a}.q{display:inline-block;width:18px;font-weight:700}
table{border-collapse:collapse;margin:6px 0}td,th{padding:4px 8px;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:top}td.n{text-align:right}
tr.conflict td{background:#fff0f0}.quote{font-size:13px;color:#333}button{font:inherit;padding:3px 10px;cursor:pointer}
`;

export function renderHtml(doc: ReportDocument): string {
  const report = doc.run;
  const { comparison, settings } = report;
  const { counts, conflicts } = doc;
  const json = JSON.stringify(pageData(report)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(settings.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(settings.title)}</h1>
<p class="summary">${plural(report.statements.length, 'statement')} from ${plural(comparison.partners.length, 'partner')} in ${plural(report.files.length, 'input')}; <a href="#rejected">${plural(report.rejected.length, 'row')} not read</a>. ${plural(report.themeSet.themes.length, 'theme')}; ${counts.assigned} statements assigned, ${counts.pinned > 0 ? `${counts.pinned} pinned, ` : ''}${counts.borderline} borderline, ${counts.unassigned} unassigned.${doc.review.quadrant.length > 0 ? ` <a href="#review">${plural(doc.review.quadrant.length, 'statement')} worded against ${doc.review.quadrant.length === 1 ? 'its' : 'their'} quadrant</a>.` : ''}</p>
<p class="summary">Partners: ${comparison.partners.map((p) => `${escapeHtml(p.name)} (${escapeHtml(p.country)})`).join('; ')}.</p>
${conflicts.map((t) => `<p class="warn"><strong>Terminology:</strong> “${escapeHtml(t.label)}” does not mean the same everywhere — see <a href="#terminology">Terminology</a> before comparing themes that use it.</p>`).join('\n')}
</header>
<main>
${changes(report)}
${edits(doc)}
<section id="themes">
<h2>Themes by quadrant</h2>
<p>Each number counts <strong>distinct partners</strong>. Click a cell or a theme for its statements.</p>
<div id="filters"><label>Country <select id="f-country"></select></label><label>Dimension <select id="f-dimension"></select></label><label>Quadrant <select id="f-quadrant"></select></label><span class="meta"><span id="shown"></span> statements match</span></div>
${heatmap(report, doc.hollow)}
${legend(comparison.partners.length)}
${doc.hollow.length > 0 ? `<p class="meta">${hollowWords(doc.hollow.map((c) => ({ ...c, label: escapeHtml(c.theme.label) })))}</p>` : ''}
<div id="recount" aria-live="polite"></div>
<div id="panel" hidden><h3 id="panel-title"></h3><div id="theme-tools" hidden><button type="button" id="rename">Rename theme…</button> <label>Merge into <select id="merge"></select></label> <button type="button" id="split">Split off selected…</button></div><ul id="statements"></ul><p><button id="more" hidden>Show more</button> <button id="close">Close</button></p></div>
</section>
<section id="curate"><h2>Your changes</h2><p>Move a statement, exclude one, rename or merge a theme, or split selected statements off into a new theme, from the statements' panel. Changes are kept in this browser for this report; <strong>Download codebook.yaml</strong> writes them as the codebook <code>swotlens run --codebook</code> reads.</p><ol id="edit-list"></ol><p><button type="button" id="undo" disabled>Undo</button> <button type="button" id="download">Download codebook.yaml</button> <button type="button" id="discard" disabled>Discard all</button></p></section>
${partnerMatrix(report)}
${sections(doc)}
</main>
<script type="application/json" id="data">${json}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
