import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import recommended from 'bpmnlint/config/recommended';
import flowdesk from 'bpmnlint-plugin-flowdesk';
import bpmnlintrc from '../../.bpmnlintrc?raw';

/**
 * The lint rules the modeler shows while a designer draws: the same `.bpmnlintrc` the build lints the shipped models
 * with (bpmnlint:recommended + plugin:flowdesk/recommended), packed for the browser by hand instead of by
 * bpmnlint-pack-config (a rollup 2 tool): vite bundles every rule module, and a StaticResolver hands them to bpmnlint
 * under the names `.bpmnlintrc` uses. The server's deploy linter enforces the same rules (docs/modeling.md).
 */
const bpmnlintRules = import.meta.glob<(config?: unknown) => unknown>(
  '../../node_modules/bpmnlint/rules/*.js', { eager: true, import: 'default' });
const flowdeskRules = import.meta.glob<(config?: unknown) => unknown>(
  '../../lint/bpmnlint-plugin-flowdesk/rules/*.js', { eager: true, import: 'default' });

const cache: Record<string, unknown> = {
  'config:bpmnlint/recommended': recommended,
  'config:bpmnlint-plugin-flowdesk/recommended': flowdesk.configs.recommended,
};
for (const [path, rule] of Object.entries(bpmnlintRules)) cache[`rule:bpmnlint/${ruleName(path)}`] = rule;
for (const [path, rule] of Object.entries(flowdeskRules)) cache[`rule:bpmnlint-plugin-flowdesk/${ruleName(path)}`] = rule;
const resolver = new StaticResolver(cache);

function ruleName(path: string): string {
  return path.substring(path.lastIndexOf('/') + 1).replace(/\.js$/, '');
}

interface LintConfig {
  extends?: string | string[];
  rules?: Record<string, unknown>;
}

/**
 * The linter configuration for bpmn-js-bpmnlint; with `forms` (the keys /api/forms lists) the form-key rule also
 * checks that a `formio:` key names a saved form, as the deploy linter does.
 */
export function lintConfig(forms?: string[]): { config: LintConfig; resolver: unknown } {
  const config = JSON.parse(bpmnlintrc) as LintConfig;
  if (forms) config.rules = { ...config.rules, 'flowdesk/form-key': ['error', { forms }] };
  return { config, resolver };
}
