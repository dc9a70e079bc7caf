import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { id, idParts } from '../../../../renderer/src/i18n/id';
import { en } from '../../../../renderer/src/i18n/en';
import { createTranslate, format, placeholdersIn } from '../../../../renderer/src/i18n/catalog';
import type { RegionProfile } from '../../../../core/domain/profiles/profile';

const catalogs = { id, en } as Record<string, Record<string, string>>;
const profilesDir = path.resolve(__dirname, '../../../../assets/profiles');

function regionWords(): { word: string; from: string }[] {
  const words: { word: string; from: string }[] = [];
  for (const file of readdirSync(profilesDir).filter((f) => f.endsWith('.json'))) {
    const profile = JSON.parse(readFileSync(path.join(profilesDir, file), 'utf8')) as RegionProfile;
    const { agency, ictOffice, ictOfficeShort, officer, government, city, actionPlan } = profile.terms;
    for (const [field, word] of Object.entries({ agency, ictOffice, ictOfficeShort, officer, government, city, actionPlan })) {
      words.push({ word, from: `${file} terms.${field}` });
    }
  }
  return words;
}

describe('i18n catalogs', () => {
  it('en has exactly the keys of id', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });

  it('takes each key from exactly one part, and every feature catalog file is one of the parts', async () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [part, texts] of Object.entries(idParts)) {
      for (const key of Object.keys(texts)) {
        const first = owner.get(key);
        if (first) twice.push(`${key}: ${first} and ${part}`);
        owner.set(key, part);
      }
    }
    expect(twice).toEqual([]);
    expect([...owner.keys()].sort()).toEqual(Object.keys(id).sort());
    const featuresDir = path.resolve(__dirname, '../../../../renderer/src/features');
    const files = readdirSync(featuresDir)
      .map((area) => path.join(featuresDir, area, 'i18n.id.ts'))
      .filter((file) => existsSync(file));
    const onDisk = await Promise.all(files.map(async (file) => Object.values((await import(file)) as Record<string, object>)[0]));
    expect(onDisk.length).toBeGreaterThanOrEqual(7);
    const parts: object[] = Object.values(idParts);
    expect(onDisk.filter((texts) => !parts.includes(texts as object))).toEqual([]);
  });

  it.each(Object.keys(id))('%s has the same placeholders in every language and no empty text', (key) => {
    const expected = placeholdersIn(catalogs.id?.[key] ?? '');
    for (const [lang, catalog] of Object.entries(catalogs)) {
      const message = catalog[key] ?? '';
      expect({ lang, key, placeholders: placeholdersIn(message) }).toEqual({ lang, key, placeholders: expected });
      expect(message.trim()).not.toBe('');
    }
  });

  it('holds no region word: those come from the active profile', () => {
    const words = regionWords();
    expect(words.length).toBeGreaterThanOrEqual(5 * 7);
    const found: string[] = [];
    for (const [lang, catalog] of Object.entries(catalogs)) {
      for (const [key, message] of Object.entries(catalog)) {
        for (const { word, from } of words) {
          const pattern = new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u');
          if (pattern.test(message)) found.push(`${lang} ${key}: "${word}" (${from})`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('has a month name for each month', () => {
    for (let m = 1; m <= 12; m++) expect(id[`month.${m}` as keyof typeof id]).toMatch(/^\p{Lu}\p{Ll}+$/u);
    expect(id['month.6']).toBe('Juni');
  });
});

describe('format and createTranslate', () => {
  it('fills every placeholder, repeated ones too', () => {
    expect(format('{a} dan {b}, lagi {a}', { a: 'OPD', b: 2 })).toBe('OPD dan 2, lagi OPD');
  });

  it('leaves a placeholder without a value visible instead of dropping it', () => {
    expect(format('Server {ictOfficeShort} belum diatur', {})).toBe('Server {ictOfficeShort} belum diatur');
  });

  it('translates with the chosen catalog', () => {
    const tId = createTranslate(id);
    const tEn = createTranslate(en);
    expect(tId('status.serverMissing', { ictOfficeShort: 'Kominfotik' })).toBe('Server Kominfotik belum diatur');
    expect(tEn('status.serverMissing', { ictOfficeShort: 'Kominfotik' })).toBe('Kominfotik server not set');
    expect(tId('status.offline')).toBe('Luring');
    expect(tEn('status.offline')).toBe('Offline');
  });
});
