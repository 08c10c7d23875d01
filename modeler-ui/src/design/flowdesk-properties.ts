import { CheckboxEntry, SelectEntry, isCheckboxEntryEdited, isSelectEntryEdited } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { t } from '../i18n';

/**
 * The group "Flowdesk" of the properties panel: the two extension properties the engine reads from a flow node,
 * `ticketStatus` (the status a ticket takes when the node is reached) and `slaClock` (`paused` stops the SLA clock),
 * as a select and a checkbox. They write the same `camunda:property` entries that "Extension properties" lists.
 */
export const TICKET_STATUSES = ['NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER', 'WAITING_APPROVAL', 'RESOLVED', 'CLOSED', 'REOPENED', 'REJECTED', 'CANCELLED'];

/* eslint-disable @typescript-eslint/no-explicit-any -- moddle elements and the panel's entries are untyped */
type Moddle = any;
type Element = any;
interface Command { cmd: string; context: Record<string, unknown> }
interface BpmnFactory { create(type: string, attrs?: Record<string, unknown>): Moddle }
interface CommandStack { execute(command: string, context: unknown): void }

function camundaProperties(element: Element): Moddle | undefined {
  const extensions = getBusinessObject(element).get('extensionElements');
  return extensions?.get('values').find((v: Moddle) => is(v, 'camunda:Properties'));
}

export function readProperty(element: Element, name: string): string {
  const property = camundaProperties(element)?.get('values').find((p: Moddle) => p.name === name);
  return property?.value ?? '';
}

/** Sets (or, with an empty value, removes) the camunda:property `name`, creating its containers if need be: one undo step. */
export function writeProperty(element: Element, name: string, value: string, bpmnFactory: BpmnFactory, commandStack: CommandStack): void {
  const update = (moddleElement: Moddle, properties: Record<string, unknown>): Command =>
    ({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } });
  const commands: Command[] = [];
  const bo = getBusinessObject(element);
  let extensions = bo.get('extensionElements');
  if (!extensions) {
    if (!value) return;
    extensions = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extensions.$parent = bo;
    commands.push(update(bo, { extensionElements: extensions }));
  }
  let properties = extensions.get('values').find((v: Moddle) => is(v, 'camunda:Properties'));
  if (!properties) {
    if (!value) return;
    properties = bpmnFactory.create('camunda:Properties', { values: [] });
    properties.$parent = extensions;
    commands.push(update(extensions, { values: [...extensions.get('values'), properties] }));
  }
  const existing = properties.get('values').find((p: Moddle) => p.name === name);
  if (existing && value) {
    commands.push(update(existing, { value }));
  } else if (existing) {
    commands.push(update(properties, { values: properties.get('values').filter((p: Moddle) => p !== existing) }));
  } else if (value) {
    const property = bpmnFactory.create('camunda:Property', { name, value });
    property.$parent = properties;
    commands.push(update(properties, { values: [...properties.get('values'), property] }));
  }
  if (commands.length) commandStack.execute('properties-panel.multi-command-executor', commands);
}

function TicketStatus(props: { element: Element; id: string }) {
  const { element, id } = props;
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const commandStack = useService<CommandStack>('commandStack');
  const current = readProperty(element, 'ticketStatus');
  const known = TICKET_STATUSES.includes(current);
  return h(SelectEntry, {
    element, id, label: t('properties.ticketStatus'),
    description: t('properties.ticketStatusHelp'),
    getValue: () => current,
    setValue: (value: string) => writeProperty(element, 'ticketStatus', value, bpmnFactory, commandStack),
    getOptions: () => [
      { value: '', label: t('properties.unchanged') },
      ...(current && !known ? [{ value: current, label: t('properties.unknownStatus', { status: current }) }] : []),
      ...TICKET_STATUSES.map((s) => ({ value: s, label: s })),
    ],
  });
}

function SlaPaused(props: { element: Element; id: string }) {
  const { element, id } = props;
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const commandStack = useService<CommandStack>('commandStack');
  return h(CheckboxEntry, {
    element, id, label: t('properties.slaPaused'),
    description: t('properties.slaPausedHelp'),
    getValue: () => readProperty(element, 'slaClock') === 'paused',
    setValue: (checked: boolean) => writeProperty(element, 'slaClock', checked ? 'paused' : '', bpmnFactory, commandStack),
  });
}

class FlowdeskPropertiesProvider {
  static $inject = ['propertiesPanel'];

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }) {
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: Element) {
    return (groups: { id: string }[]) => {
      if (!is(element, 'bpmn:FlowNode')) return groups;
      const group = {
        id: 'flowdesk',
        label: 'Flowdesk',
        entries: [
          { id: 'flowdesk-ticketStatus', element, component: TicketStatus, isEdited: isSelectEntryEdited },
          { id: 'flowdesk-slaClock', element, component: SlaPaused, isEdited: isCheckboxEntryEdited },
        ],
      };
      const general = groups.findIndex((g) => g.id === 'general');
      groups.splice(general + 1, 0, group);
      return groups;
    };
  }
}

export const FlowdeskPropertiesProviderModule = {
  __init__: ['flowdeskPropertiesProvider'],
  flowdeskPropertiesProvider: ['type', FlowdeskPropertiesProvider],
};
