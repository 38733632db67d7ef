import { describe, expect, it } from 'vitest';
import { dataPath } from '../../src/config/data-path.js';
import { findTerms, loadGlossary, mergeGlossaries, readGlossaryFile, tokenize } from '../../src/terms/index.js';
import { fixture, stopMessage } from '../helpers.js';

const bundledPath = dataPath('glossary.yaml');

describe('the bundled glossary', () => {
  const glossary = loadGlossary();

  it('covers the concepts of cluster and digitalisation policy', async () => {
    for (const id of [
      'cluster',
      'dih',
      'edih',
      'sme',
      'smart_specialisation',
      'industry_4_0',
      'rnd',
      'ict',
      'vet',
      'kets',
      'competence_centre',
      'innovation_voucher',
    ]) {
      expect(glossary.concepts.has(id), id).toBe(true);
    }
    expect(glossary.concepts.get('cluster')?.senses.map((s) => s.name)).toEqual([
      'agglomeration',
      'organisation',
      'ecosystem',
      'policy',
      'other',
    ]);
  });

  it('maps national cluster terms to the sense they usually carry', async () => {
    const sense = (text: string): string[] =>
      findTerms(tokenize(text), glossary).map((m) => `${m.concept}/${m.sense ?? '?'}`);
    expect(sense('pôle de compétitivité')).toEqual(['cluster/organisation']);
    expect(sense("grappe d'entreprises")).toEqual(['cluster/organisation']);
    expect(sense('Spitzencluster')).toEqual(['cluster/policy']);
    expect(sense('Kompetenznetzwerk')).toEqual(['cluster/organisation']);
    expect(sense('distretto industriale')).toEqual(['cluster/agglomeration']);
    expect(sense('cluster tecnologico nazionale')).toEqual(['cluster/organisation']);
    expect(sense('klaster, klastr, klynge, kluster')).toEqual([
      'cluster/organisation',
      'cluster/organisation',
      'cluster/organisation',
      'cluster/ecosystem',
    ]);
    expect(sense('AEI')).toEqual(['cluster/organisation']);
  });

  it('keeps the Digital Innovation Hub and the European DIH apart', async () => {
    expect(
      findTerms(
        tokenize('a DIH and an EDIH; Digital Innovation Hubs and European Digital Innovation Hubs'),
        glossary,
      ).map((m) => m.concept),
    ).toEqual(['dih', 'edih', 'dih', 'edih']);
  });
});

describe('glossary validation names the file, the line and the fix', () => {
  const check = (name: string): Promise<string> =>
    stopMessage(() =>
      mergeGlossaries([
        readGlossaryFile(bundledPath, 'the bundled glossary'),
        readGlossaryFile(fixture('glossary', name, 'glossary.yaml')),
      ]),
    );

  it('a word claimed twice', async () => {
    expect(await check('duplicate-variant')).toBe(
      `${fixture('glossary', 'duplicate-variant', 'glossary.yaml')}:7: "tech hub" is already a variant of concept "hub" (line 4) — keep it in one concept only`,
    );
  });

  it('an unknown sense', async () => {
    expect(await check('unknown-sense')).toBe(
      `${fixture('glossary', 'unknown-sense', 'glossary.yaml')}:4: national term "klusterorganisation" names the sense "organization", which concept "cluster" does not define — its senses are agglomeration, organisation, ecosystem, policy, other; use one of them or define the sense`,
    );
  });

  it('an abbreviation claimed by two concepts', async () => {
    expect(await check('abbreviation-twice')).toMatch(
      new RegExp(
        `^${fixture('glossary', 'abbreviation-twice', 'glossary.yaml')}:5: abbreviation "EDIH" is claimed by concept "digital_europe" and by concept "edih" \\(the bundled glossary, line \\d+\\) — keep it in one concept only$`,
      ),
    );
  });

  it('a form that is not a usable pattern, each at its line', async () => {
    const path = fixture('glossary', 'bad-form', 'glossary.yaml');
    const message = await check('bad-form');
    expect(message).toContain(`${path}:5: form "klaszter(?:ek" is not a usable pattern:`);
    expect(message).toContain(`${path}:6: form "\\p{L}*" is not a usable pattern: it matches ordinary words`);
  });

  it('an actor word that is more than one word, each at its line', async () => {
    const path = fixture('glossary', 'bad-actor', 'glossary.yaml');
    const message = await check('bad-actor');
    expect(message).toContain(`${path}:6: actor word "research centre" is not one word as swotlens reads it`);
    expect(message).toContain(`${path}:7: actor word "start-up founders" is not one word`);
    expect(message).toContain('("startup", not "start-up")');
    expect(message).not.toContain('Hochschule');
  });

  it('an unknown key', async () => {
    expect(await check('unknown-key')).toBe(
      `${fixture('glossary', 'unknown-key', 'glossary.yaml')}:4: unknown key "abbreviation" in concepts.0 — see the comments at the top of data/glossary.yaml for the format`,
    );
  });
});

describe('a project glossary', () => {
  const glossary = loadGlossary(fixture('glossary', 'project', 'glossary.yaml'));

  it('adds concepts and adds to bundled ones', async () => {
    expect(
      findTerms(tokenize('PNRR funds and the National Recovery and Resilience Plan'), glossary).map((m) => m.concept),
    ).toEqual(['pnrr', 'pnrr']);
    expect(findTerms(tokenize('the distrikt'), glossary).map((m) => `${m.concept}/${m.sense}`)).toEqual([
      'cluster/agglomeration',
    ]);
    expect(glossary.concepts.get('cluster')?.countries.FI).toBe('organisation');
    expect(glossary.concepts.get('cluster')?.countries.IT).toBe('agglomeration');
    // Actor words join the bundled kinds, or make a kind of their own.
    const actors = glossary.concepts.get('cluster')?.actors;
    expect(actors?.get('hochschule')).toBe('research');
    expect(actors?.get('university')).toBe('research');
    expect(actors?.get('kompetenzzentrum')).toBe('clusters');
    expect(actors?.get('stakeholder')).toBe('');
  });
});
