// node --test: the language choice (src/i18n/choose.ts, compiled here by TypeScript) and the catalogues' plurals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const src = fileURLToPath(new URL('../src/i18n/', import.meta.url));
const compiled = ts.transpileModule(readFileSync(join(src, 'choose.ts'), 'utf8'), {
  compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
}).outputText;
const file = join(mkdtempSync(join(tmpdir(), 'flowdesk-i18n-')), 'choose.mjs');
writeFileSync(file, compiled);
const { chooseLocale, supported } = await import(pathToFileURL(file).href);
const en = JSON.parse(readFileSync(join(src, 'en.json'), 'utf8'));
const de = JSON.parse(readFileSync(join(src, 'de.json'), 'utf8'));

test('the saved choice wins over the profile and the browser', () => {
  assert.equal(chooseLocale('de', 'en', ['en-US']), 'de');
  assert.equal(chooseLocale('en', 'de', ['de-DE']), 'en');
});

test('without a saved choice the profile decides, then the first language the browser names that the app speaks', () => {
  assert.equal(chooseLocale(null, 'de', ['en-US']), 'de');
  assert.equal(chooseLocale(null, null, ['fr-FR', 'de-AT', 'en']), 'de');
  assert.equal(chooseLocale('xx', 'fr', ['fr', 'en-GB']), 'en');
});

test('a language the app does not speak falls back to English', () => {
  assert.equal(chooseLocale(null, null, ['fr', 'it']), 'en');
  assert.equal(chooseLocale(null, undefined, []), 'en');
  assert.equal(supported('DE_ch'), 'de');
  assert.equal(supported(''), null);
});

test('every counted text has the forms the plural rules of both languages ask for', () => {
  for (const [lang, catalogue] of [['en', en], ['de', de]]) {
    const rules = new Intl.PluralRules(lang);
    const bases = Object.keys(catalogue).filter((k) => k.endsWith('.one')).map((k) => k.slice(0, -4));
    assert.ok(bases.length > 3, 'the catalogues have counted texts');
    for (const base of bases) {
      for (const count of [0, 1, 2, 21]) {
        const form = rules.select(count);
        assert.ok(`${base}.${form}` in catalogue, `${lang}: ${base} has no "${form}" form (count ${count})`);
      }
    }
  }
});

test('German is written with its umlauts and quotation marks, not with ae/oe/ue stand-ins', () => {
  const text = Object.values(de).join('\n');
  assert.match(text, /[äöüÄÖÜß]/);
  assert.doesNotMatch(text, /\b(Loeschen|Schliessen|Stoerung|Ueber|Groesse|Pruefen)\b/);
  assert.equal(de['area.kb'], 'Wissensdatenbank');
});
