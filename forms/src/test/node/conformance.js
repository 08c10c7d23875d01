#!/usr/bin/env node
// Runs every fixture (a form plus named submissions) through @formio/core exactly as a Form.io server validates a
// submission: processSync with the default Processors and config.server = true. Writes, per fixture, the errors
// (path and message, in formio's order) and the cleaned data to <outDir>/results.json, which the Java
// ConformanceTest compares with the forms module. Hand-written expectations in the fixtures are checked here too,
// so a wrong expectation fails loudly instead of being silently copied into Java.
//
// usage: node conformance.js <fixturesDir> <outDir>
'use strict';
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
const results = {};
let mismatches = 0;
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
  results[file] = perFixture;
}
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 1));
const version = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('@formio/core')), '..', 'package.json'), 'utf8')).version;
console.log(`@formio/core ${version}: ${count} submissions in ${Object.keys(results).length} fixtures; `
  + `${mismatches} hand-written expectations disagree`);
process.exit(mismatches ? 1 : 0);
