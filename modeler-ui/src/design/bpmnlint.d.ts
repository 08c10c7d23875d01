// bpmnlint, its plugin and bpmn-js-bpmnlint ship no declarations for the parts this area uses.
declare module 'bpmnlint/lib/resolver/static-resolver' {
  export default class StaticResolver {
    constructor(cache: Record<string, unknown>);
  }
}

declare module 'bpmnlint/config/recommended' {
  const config: { rules: Record<string, string> };
  export default config;
}

declare module 'bpmnlint-plugin-flowdesk' {
  const plugin: { configs: Record<string, { rules: Record<string, string> }> };
  export default plugin;
}

declare module 'bpmn-js-bpmnlint' {
  const LintModule: import('didi').ModuleDeclaration;
  export default LintModule;
}
