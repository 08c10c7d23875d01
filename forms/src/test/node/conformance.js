#!/usr/bin/env node
// Runs every fixture (a form plus named submissions) through @formio/core exactly as a Form.io server validates a
// submission: processSync with the default Processors and config.server = true. Writes, per fixture, the errors
// (path and message, in formio's order) and the cleaned data to <outDir>/results.json, which the Java
// ConformanceTest compares with the forms module. Hand-written expectations in the fixtures are checked here too,
// so a wrong expectation fails loudly instead of being silently copied into Java.
//
// usage: node conformance.js <fixturesDir> <outDir>
'use strict';
// formio parses date limits and values with dayjs in the server's local zone; Flowdesk's server zone is UTC.
process.env.TZ = 'UTC';
const fs = require('node:fs');
const path = require('node:path');
const { processSync, Processors, interpolateErrors } = require('@formio/core');

const [fixturesDir, outDir] = process.argv.slice(2);
if (!fixturesDir || !outDir) {
  console.error('usage: node conformance.js <fixturesDir> <outDir>');
  process.exit(2);
}

function validate(form, data) {
  const submission = { data: JSON.parse(JSON.stringify(data)) };
  const context = {
    form: JSON.parse(JSON.stringify(form)),
    submission,
    data: submission.data,
    components: undefined,
    processors: Processors,
    scope: { errors: [] },
    config: { server: true },
  };
  context.components = context.form.components;
  // formio logs rules it cannot apply (e.g. a year limit on an empty day) with console.error; keep the build quiet.
  const log = console.error;
  console.error = () => {};
  try {
    processSync(context);
  } finally {
    console.error = log;
  }
  const errors = interpolateErrors(context.scope.errors || []).map((e) => ({
    path: e.context.path,
    message: e.message,
  }));
  return { errors, data: JSON.parse(JSON.stringify(context.data)) };
}

const builtinDir = path.join(__dirname, '..', '..', 'main', 'resources', 'dev', 'flowdesk', 'forms', 'builtin');
const GENERATED_PER_FIXTURE = 150;
const GENERIC_VALUES = [null, '', ' ', 0, 1, -1, 3.5, '1', '2', 'abc', 'a b c', true, false, [], {}, ['a'], [1, 2],
  { a: true }, [{}], [{ a: 1 }], '2025-01-01T00:00:00Z', '01/02/2024', '10:30', 'x'.repeat(300), 'a@b.co',
  'https://example.org'];

// Deterministic PRNG (mulberry32) so the generated submissions are the same on every machine.
function prng(seedText) {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Random submissions built from the fixture's own keys and values mixed with values of the wrong type, so the
// differential check covers far more combinations than anyone writes by hand.
function generate(fixtureName, submissions) {
  const random = prng(fixtureName);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const pool = {};
  for (const s of submissions) {
    for (const [key, value] of Object.entries(s.data || {})) {
      (pool[key] = pool[key] || []).push(value);
    }
  }
  const keys = Object.keys(pool);
  const generated = [];
  for (let i = 0; i < GENERATED_PER_FIXTURE && keys.length; i++) {
    const data = JSON.parse(JSON.stringify(pick(submissions).data || {}));
    const changes = 1 + Math.floor(random() * 3);
    for (let c = 0; c < changes; c++) {
      const key = pick(keys);
      const r = random();
      if (r < 0.15) delete data[key];
      else if (r < 0.6) data[key] = JSON.parse(JSON.stringify(pick(pool[key])));
      else data[key] = JSON.parse(JSON.stringify(pick(GENERIC_VALUES)));
    }
    generated.push({ name: `generated ${i}`, data });
  }
  return generated;
}

const results = {};
let mismatches = 0;
let crashes = 0;
let count = 0;
for (const file of fs.readdirSync(fixturesDir).filter((f) => f.endsWith('.json')).sort()) {
  const fixture = JSON.parse(fs.readFileSync(path.join(fixturesDir, file), 'utf8'));
  if (fixture.formResource) {
    // A shipped form, read from the module's main resources so the suite checks exactly what we ship.
    fixture.form = JSON.parse(fs.readFileSync(path.join(builtinDir, `${fixture.formResource}.json`), 'utf8'));
  }
  const perFixture = {};
  for (const submission of fixture.submissions) {
    const result = validate(fixture.form, submission.data);
    perFixture[submission.name] = result;
    count++;
    if (submission.errors) {
      const expected = submission.errors.map(([p, m]) => ({ path: p, message: m }));
      if (JSON.stringify(expected) !== JSON.stringify(result.errors)) {
        mismatches++;
        console.error(`${file} / ${submission.name}: hand-written errors differ from @formio/core`);
        console.error(`  expected: ${JSON.stringify(expected)}`);
        console.error(`  formio:   ${JSON.stringify(result.errors)}`);
      }
    }
  }
  for (const submission of generate(file, fixture.submissions)) {
    let result;
    try {
      result = validate(fixture.form, submission.data);
    } catch (e) {
      // formio itself throws on some wrong-typed values (a number in a day field); the Java side must answer
      // with field errors there, so the result only records that formio had no answer.
      result = { crash: String(e && e.message) };
      crashes++;
    }
    perFixture[submission.name] = Object.assign({ input: submission.data }, result);
    count++;
  }
  results[file] = perFixture;
}
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 1));
const version = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('@formio/core')), '..', 'package.json'), 'utf8')).version;
console.log(`@formio/core ${version}: ${count} submissions in ${Object.keys(results).length} fixtures; `
  + `${mismatches} hand-written expectations disagree; @formio/core threw on ${crashes} generated submissions`);
process.exit(mismatches ? 1 : 0);
