// Lints BPMN models with the modeler's .bpmnlintrc (bpmnlint:recommended + plugin:flowdesk/recommended), reading
// them as bpmn-js does (with the camunda: extension), and exits 1 when any rule reports an error. Warnings are
// printed and do not fail. The form keys must be among the shipped forms.
//
//   node lint/lint-models.mjs [model.bpmn | directory ...]    (default: the shipped models of ../processes)
//
// Run by `npm run lint-models` and by the Maven build (modeler-ui/pom.xml), so a shipped model bpmnlint refuses fails
// the build.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';
import bpmnlint from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const camunda = JSON.parse(readFileSync(join(root, 'node_modules/camunda-bpmn-moddle/resources/camunda.json'), 'utf8'));
const SHIPPED_MODELS = join(root, '../processes/src/main/resources/processes');
const SHIPPED_FORMS = join(root, '../forms/src/main/resources/dev/flowdesk/forms/builtin');

function bpmnFiles(paths) {
  return paths.flatMap((path) => statSync(path).isDirectory()
    ? readdirSync(path).filter((f) => f.endsWith('.bpmn')).sort().map((f) => join(path, f))
    : [ path ]);
}

const forms = readdirSync(SHIPPED_FORMS).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json'));
const rc = JSON.parse(readFileSync(join(root, '.bpmnlintrc'), 'utf8'));
const config = { ...rc, rules: { ...rc.rules, 'flowdesk/form-key': [ 'error', { forms } ] } };
// bpmnlint resolves plugins with require() from the directory that holds .bpmnlintrc, whatever the working directory.
const linter = new bpmnlint.Linter({ config, resolver: new NodeResolver({ require: createRequire(join(root, 'package.json')) }) });
const moddle = new BpmnModdle({ camunda });

const files = bpmnFiles(process.argv.length > 2 ? process.argv.slice(2) : [ SHIPPED_MODELS ]);
if (!files.length) {
  console.error('lint-models: no .bpmn file found');
  process.exit(2);
}
let errors = 0;
let warnings = 0;
for (const file of files) {
  const { rootElement, warnings: readWarnings } = await moddle.fromXML(readFileSync(file, 'utf8'));
  const reports = await linter.lint(rootElement);
  const lines = [];
  for (const warning of readWarnings) {
    lines.push(`  ${'(file)'.padEnd(36)} error  ${warning.message}  bpmn-moddle`);
    errors++;
  }
  for (const [ rule, issues ] of Object.entries(reports)) {
    for (const issue of issues) {
      if (issue.category === 'error') errors++; else warnings++;
      lines.push(`  ${String(issue.id).padEnd(36)} ${issue.category.padEnd(6)} ${issue.message}  ${rule}`);
    }
  }
  console.log(`${relative(process.cwd(), file)}${lines.length ? '\n' + lines.join('\n') : ': clean'}`);
}
console.log(`lint-models: ${files.length} model(s), ${errors} error(s), ${warnings} warning(s)`);
process.exit(errors ? 1 : 0);

