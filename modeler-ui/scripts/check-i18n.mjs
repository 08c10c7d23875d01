// Checks the browser app's translations (run by `npm test` and in Maven's test phase):
//  1. en.json and de.json have the same keys, every value is filled, both sides use the same {placeholders},
//     and counted texts have both plural forms (.one and .other);
//  2. every key is used in src/ (a literal 'key', a tn('base', …) for base.one/base.other, or a dynamic prefix
//     such as label('status', …) or t(`status.${…}`)), and every literal passed to t()/tn() exists;
//  3. no user-visible English is left in the TypeScript sources: string literals given to h() as children, to
//     notice(), as title/placeholder/aria-label/label/description, or assigned to textContent/innerText/title/
//     placeholder. A line ending in `// i18n-ignore` is exempt (e.g. a brand name).
// Exits 1 with the findings, else prints a summary.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const en = JSON.parse(readFileSync(join(src, 'i18n/en.json'), 'utf8'));
const de = JSON.parse(readFileSync(join(src, 'i18n/de.json'), 'utf8'));
const problems = [];

// 1. The two catalogues agree.
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
for (const key of Object.keys(en)) {
  if (!(key in de)) problems.push(`de.json lacks "${key}"`);
}
for (const key of Object.keys(de)) {
  if (!(key in en)) problems.push(`en.json lacks "${key}" (de.json has it)`);
}
for (const key of Object.keys(en).filter((k) => k in de)) {
  if (!String(en[key]).trim() || !String(de[key]).trim()) problems.push(`"${key}" is empty in a catalogue`);
  if (placeholders(en[key]) !== placeholders(de[key])) {
    problems.push(`"${key}": en has {${placeholders(en[key])}}, de has {${placeholders(de[key])}}`);
  }
  const plural = /^(.*)\.(one|other)$/.exec(key);
  if (plural && !(`${plural[1]}.${plural[2] === 'one' ? 'other' : 'one'}` in en)) problems.push(`"${key}" has no other plural form`);
}

// The sources, parsed by TypeScript.
function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const used = new Set();
const prefixes = new Set();
const TEXT_PROPERTIES = new Set(['title', 'placeholder', 'aria-label', 'label', 'description', 'alt']);
const TEXT_TARGETS = new Set(['textContent', 'innerText', 'title', 'placeholder']);
const ALLOWED = new Set(['Flowdesk', 'English', 'Deutsch']);

/** A literal a reader would see as English words (not a code, a symbol or a CSS class). */
function wordy(text) {
  const plain = text.trim();
  if (!plain || ALLOWED.has(plain)) return false;
  return /[A-Za-z]{3,}/.test(plain) && (/\s/.test(plain) || /^[A-Z][a-z]/.test(plain));
}

function literalText(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return null;
}

for (const path of files(src)) {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const lines = text.split('\n');
  const where = (node) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return { line: line + 1, ignored: /\/\/ i18n-ignore\s*$/.test(lines[line]) };
  };
  const report = (node, what) => {
    const value = literalText(node);
    if (value === null || !wordy(value)) return;
    const { line, ignored } = where(node);
    if (!ignored) problems.push(`${relative(root, path)}:${line}: English text ${what}: ${JSON.stringify(value)}`);
  };
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (node.text in en) used.add(node.text);
    }
    if (ts.isTemplateExpression(node) && /^[a-zA-Z]+(\.[a-zA-Z]+)*\.$/.test(node.head.text)) prefixes.add(node.head.text);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      const [first, second] = node.arguments;
      if (name === 'label' && first && ts.isStringLiteral(first)) prefixes.add(`${first.text}.`);
      if (name === 'tn' && first && ts.isStringLiteral(first)) {
        for (const form of ['one', 'other']) {
          const key = `${first.text}.${form}`;
          if (key in en) used.add(key);
          else problems.push(`${relative(root, path)}:${where(node).line}: tn("${first.text}") has no "${key}"`);
        }
      }
      if ((name === 't' || name === 'tr') && first && ts.isStringLiteral(first) && !(first.text in en)) {
        problems.push(`${relative(root, path)}:${where(node).line}: unknown key "${first.text}"`);
      }
      if (name === 'h') {
        node.arguments.slice(2).forEach((child) => report(child, 'as an element child'));
        if (second && ts.isObjectLiteralExpression(second)) checkProperties(second);
      }
      if (name === 'notice' && second) report(second, 'in a notice');
    }
    if (ts.isObjectLiteralExpression(node) && !(ts.isCallExpression(node.parent) && node.parent.expression.getText(file) === 'h')) {
      checkProperties(node);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken
        && ts.isPropertyAccessExpression(node.left) && TEXT_TARGETS.has(node.left.name.text)) {
      report(node.right, `assigned to ${node.left.name.text}`);
    }
    ts.forEachChild(node, visit);
  };
  const checkProperties = (object) => {
    for (const property of object.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const key = property.name.getText(file).replace(/^['"]|['"]$/g, '');
      if (TEXT_PROPERTIES.has(key)) report(property.initializer, `as ${key}`);
    }
  };
  visit(file);
}

// 2. Every key is used.
for (const key of Object.keys(en)) {
  if (used.has(key) || [...prefixes].some((p) => key.startsWith(p))) continue;
  problems.push(`"${key}" is in the catalogues but no source uses it`);
}

if (problems.length) {
  console.error(`check-i18n: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-i18n: ${Object.keys(en).length} keys in en and de, all used; no English literal left in src/`);
