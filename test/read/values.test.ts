import { describe, expect, it } from 'vitest';
import { parseCountry, parseQuadrant } from '../../src/read/index.js';

describe('parseQuadrant', () => {
  it.each([
    ['S', 'S'],
    ['strengths', 'S'],
    ['Stärken', 'S'],
    ['Forces', 'S'],
    ['Punti di forza', 'S'],
    ['Fortalezas', 'S'],
    ['Mocne strony', 'S'],
    ['W', 'W'],
    ['Weaknesses', 'W'],
    ['Schwächen', 'W'],
    ['Faiblesses', 'W'],
    ['Punti di debolezza', 'W'],
    ['Debilidades', 'W'],
    ['Słabe strony', 'W'],
    ['o', 'O'],
    ['Opportunities', 'O'],
    ['Chancen', 'O'],
    ['Opportunités', 'O'],
    ['Opportunità', 'O'],
    ['Oportunidades', 'O'],
    ['Szanse', 'O'],
    ['T', 'T'],
    ['THREATS', 'T'],
    ['Risiken', 'T'],
    ['Menaces', 'T'],
    ['Minacce', 'T'],
    ['Amenazas', 'T'],
    ['Zagrożenia', 'T'],
    ['Strengths:', 'S'],
    ['  opportunita ', 'O'],
    ['Strength (S)', 'S'],
    ['W – Weaknesses', 'W'],
    ['Opportunities / Chancen', 'O'],
    ['T-Threats', 'T'],
  ])('%s is %s', (word, quadrant) => {
    expect(parseQuadrant(word)).toEqual({ quadrant });
  });

  it('reads a near miss and says what it was taken for', () => {
    expect(parseQuadrant('Strenghts')).toEqual({ quadrant: 'S', fuzzyOf: 'strengths' });
    expect(parseQuadrant('Weaknes')).toEqual({ quadrant: 'W', fuzzyOf: 'weakness' });
  });

  it('refuses words that are not quadrants, and short near misses', () => {
    expect(parseQuadrant('Best practice').quadrant).toBeUndefined();
    expect(parseQuadrant('X').quadrant).toBeUndefined();
    expect(parseQuadrant('Str').quadrant).toBeUndefined();
  });
});

describe('parseCountry', () => {
  it.each([
    ['AT', 'AT'],
    ['at', 'AT'],
    ['Austria', 'AT'],
    ['Österreich', 'AT'],
    ['Polska', 'PL'],
    ['Pologne', 'PL'],
    ['EL', 'GR'],
    ['UK', 'GB'],
    ['Deutschland', 'DE'],
    ['España', 'ES'],
    ['Czechia', 'CZ'],
  ])('%s is %s', (value, code) => {
    expect(parseCountry(value)).toBe(code);
  });

  it('refuses codes and names that are not countries', () => {
    expect(parseCountry('XX')).toBeUndefined();
    expect(parseCountry('EU')).toBeUndefined();
    expect(parseCountry('Styria')).toBeUndefined();
  });
});
