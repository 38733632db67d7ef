/**
 * REFI-QDA exports: codebook.qdc and project.qdpx valid against the standard's XSDs (xmllint,
 * Debian's libxml2-utils; skipped where it is missing, except under CI), every theme a code whose
 * GUID follows its id, every statement with a theme a coded selection that resolves, and a .qdc
 * read back with --codebook.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse, codebookOf } from '../../src/index.js';
import { projectQdpx } from '../../src/report/index.js';
import { guidOf, readQdc } from '../../src/themes/index.js';
import { cli, fixture, readCsv, stopMessage, temporaryDir } from '../helpers.js';

const XMLLINT = '/usr/bin/xmllint';
const canValidate = existsSync(XMLLINT) || Boolean(process.env.CI);
const dir = temporaryDir('swotlens-refi-');

interface Project {
  codes: Map<string, string>;
  selections: { name: string; source: string; start: number; end: number; codeRefs: string[] }[];
  sources: Map<string, string>;
}

/** The codes, selections and source paths of a project.qde, read with an XML parser. */
function readProject(xml: string): Project {
  const parser = new SaxesParser({ xmlns: true });
  const project: Project = { codes: new Map(), selections: [], sources: new Map() };
  let source = '';
  parser.on('opentag', (tag) => {
    const attr = (name: string): string => tag.attributes[name]?.value ?? '';
    if (tag.local === 'Code') project.codes.set(attr('guid'), attr('name'));
    if (tag.local === 'TextSource') {
      source = attr('guid');
      project.sources.set(source, attr('plainTextPath').replace('internal://', 'sources/'));
    }
    if (tag.local === 'PlainTextSelection')
      project.selections.push({
        name: attr('name'),
        source,
        start: Number(attr('startPosition')),
        end: Number(attr('endPosition')),
        codeRefs: [],
      });
    if (tag.local === 'CodeRef') project.selections.at(-1)?.codeRefs.push(attr('targetGUID'));
  });
  parser.write(xml).close();
  return project;
}

function validate(path: string, schema: string): string {
  return execFileSync(XMLLINT, ['--noout', '--schema', fixture('refi-qda', schema), path], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs swotlens on an input and checks its project: every theme a code, every themed statement a coded selection. */
async function checkRun(input: string, out: string): Promise<void> {
  expect((await cli('run', '--input', input, '--out', out)).code).toBe(0);
  const files = unzipSync(readFileSync(join(out, 'project.qdpx')));
  const qde = new TextDecoder().decode(files['project.qde']);
  const project = readProject(qde);
  const themes = readCsv(join(out, 'theme-quadrant.csv'));
  for (const t of themes) expect(project.codes.get(guidOf('theme', t.theme_id as string))).toBe(t.theme_label);
  const assignments = readCsv(join(out, 'assignments.csv'));
  const byId = new Map(project.selections.map((s) => [s.name, s]));
  expect(project.selections.length).toBe(assignments.length);
  for (const a of assignments) {
    const selection = byId.get(a.statement_id as string);
    expect(selection, a.statement_id).toBeDefined();
    if (!selection) continue;
    const text = [...new TextDecoder().decode(files[project.sources.get(selection.source) ?? ''])];
    expect(text.slice(selection.start, selection.end).join('')).toBe(a.statement);
    if (a.theme_id) {
      expect(selection.codeRefs).toEqual([guidOf('theme', a.theme_id)]);
      expect(project.codes.has(selection.codeRefs[0] ?? '')).toBe(true);
    } else {
      expect(selection.codeRefs).toEqual([]);
    }
  }
  if (canValidate) {
    writeFileSync(join(out, 'project.qde'), qde);
    validate(join(out, 'codebook.qdc'), 'Codebook.xsd');
    validate(join(out, 'project.qde'), 'Project.xsd');
  }
}

describe('REFI-QDA exports of the sample', () => {
  const out = join(dir, 'sample');
  beforeAll(async () => {
    await checkRun('data/sample/inno-industry-swot.csv', out);
  });

  it.skipIf(!canValidate)('are valid against the REFI-QDA schemas', () => {
    expect(() => validate(join(out, 'codebook.qdc'), 'Codebook.xsd')).not.toThrow();
    expect(() => validate(fixture('refi-qda', 'from-a-qda-tool.qdc'), 'Codebook.xsd')).not.toThrow();
  });

  it('deflate in chunks that make one stream: small chunks give the same files as one chunk', async () => {
    const report = await analyse({ inputs: ['data/sample/inno-industry-swot.csv'] });
    const codebook = codebookOf(report);
    const whole = unzipSync(projectQdpx(report, codebook, 1 << 30));
    const chunked = unzipSync(projectQdpx(report, codebook, 4096));
    expect(Object.keys(chunked)).toEqual(Object.keys(whole));
    for (const [name, bytes] of Object.entries(whole))
      expect(Buffer.from(chunked[name] ?? []).equals(bytes)).toBe(true);
    // The run wrote the same project (its own chunks): the file's contents are these.
    expect(new TextDecoder().decode(whole['project.qde'])).toBe(
      new TextDecoder().decode(unzipSync(readFileSync(join(out, 'project.qdpx')))['project.qde']),
    );
  });

  it('give every theme the same GUID in another run with other statements', async () => {
    const round = join(dir, 'round1.csv');
    const lines = readFileSync('data/sample/inno-industry-swot.csv', 'utf8').split('\n');
    writeFileSync(round, lines.filter((line, i) => i === 0 || !/,(DK|FI),/.test(line)).join('\n'));
    const again = join(dir, 'round1');
    expect((await cli('run', '--input', round, '--codebook', join(out, 'codebook.yaml'), '--out', again)).code).toBe(0);
    const guids = (path: string): Map<string, string> =>
      new Map(readQdc(path).themes.map((t) => [t.id, guidOf('theme', t.id)]));
    const first = readFileSync(join(out, 'codebook.qdc'), 'utf8');
    const second = readFileSync(join(again, 'codebook.qdc'), 'utf8');
    for (const [id, guid] of guids(join(again, 'codebook.qdc'))) {
      expect(first).toContain(`guid="${guid}"`);
      expect(second).toContain(`guid="${guid}"`);
      expect(guids(join(out, 'codebook.qdc')).get(id)).toBe(guid);
    }
  });

  it('reads its codebook.qdc back: the same themes, nearly every statement in the same theme', async () => {
    const again = join(dir, 'from-qdc');
    expect(
      (
        await cli(
          'run',
          '--input',
          'data/sample/inno-industry-swot.csv',
          '--codebook',
          join(out, 'codebook.qdc'),
          '--out',
          again,
        )
      ).code,
    ).toBe(0);
    const themes = (path: string) =>
      readCsv(join(path, 'theme-quadrant.csv'))
        .map((r) => `${r.theme_id} ${r.theme_label}`)
        .sort();
    expect(themes(again)).toEqual(themes(out));
    const before = new Map(readCsv(join(out, 'assignments.csv')).map((r) => [r.statement_id, r.theme_id]));
    const after = readCsv(join(again, 'assignments.csv'));
    // The .qdc carries no statement lists: its themes claim the statements by their definitions
    // and keywords, so a few borderline statements move (10 of 214 today).
    expect(after.filter((r) => before.get(r.statement_id) === r.theme_id).length / after.length).toBeGreaterThan(0.95);
  });
});

describe('REFI-QDA exports of real statements written elsewhere', () => {
  it('hold every theme as a code and every statement with a theme as a coded selection', async () => {
    const input = join(dir, 'swot-own.csv');
    // Our real development set without its coding: what a partner sends.
    const rows = readCsv(fixture('swot-own', 'statements.csv'));
    writeFileSync(
      input,
      `id,partner,country,quadrant,statement\n${rows.map((r) => [r.id, r.partner, r.country, r.quadrant, r.statement].map((c) => `"${(c ?? '').replace(/"/g, '""')}"`).join(',')).join('\n')}\n`,
    );
    await checkRun(input, join(dir, 'swot-own'));
  });
});

describe('a codebook from a QDA tool', () => {
  it('gives a theme for every codable code, nested ones too, keeping the ids swotlens wrote', () => {
    const codebook = readQdc(fixture('refi-qda', 'from-a-qda-tool.qdc'));
    expect(codebook.themes).toEqual([
      {
        id: 'it_specialists',
        label: 'Shortage of IT staff',
        description: 'Firms cannot find software developers and technicians.',
        keywords: ['specialists', 'IT', 'recruit'],
      },
      {
        id: 'cross_border_cooperation',
        label: 'Cross-border cooperation',
        description: 'Projects with partners across the border.',
      },
      { id: 'broadband_5g', label: 'Broadband & 5G' },
      { id: 'red_tape', label: 'Red tape', description: 'Slow permits and administrative burden.' },
    ]);
  });

  it('that is broken stops with one line naming the file and the line', async () => {
    const path = fixture('refi-qda', 'broken.qdc');
    expect(await stopMessage(() => readQdc(path))).toMatch(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5: is not well-formed XML: .+ — export the codebook again`,
      ),
    );
  });
});
