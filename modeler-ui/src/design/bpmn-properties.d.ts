// bpmn-js-properties-panel and camunda-bpmn-js-behaviors ship no type declarations; this page uses their
// didi modules and the one hook below.
declare module 'bpmn-js-properties-panel' {
  type ModuleDeclaration = import('didi').ModuleDeclaration;
  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  export const CamundaPlatformPropertiesProviderModule: ModuleDeclaration;
  export function useService<T = unknown>(name: string, strict?: boolean): T;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const CamundaPlatformBehaviorsModule: import('didi').ModuleDeclaration;
  export default CamundaPlatformBehaviorsModule;
}

declare module '@bpmn-io/properties-panel' {
  export const SelectEntry: unknown;
  export const CheckboxEntry: unknown;
  export function isSelectEntryEdited(node: unknown): boolean;
  export function isCheckboxEntryEdited(node: unknown): boolean;
}

declare module '@bpmn-io/properties-panel/preact' {
  export function h(type: unknown, props: Record<string, unknown> | null, ...children: unknown[]): unknown;
}
