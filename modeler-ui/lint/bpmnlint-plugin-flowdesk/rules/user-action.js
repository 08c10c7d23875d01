const { property } = require('./helper');

/** The actions the engine knows (dev.flowdesk.workflow.UserActions.KNOWN). */
const ACTIONS = [ 'cancel', 'confirm', 'reopen', 'request-info', 'withdraw' ];

/**
 * The extension property userAction puts a button on the ticket page while the element waits: it names a known action
 * and sits on what waits for a message (a message catch event or a receive task), since the action delivers it.
 */
module.exports = function() {
  function waitsForMessage(node) {
    if (node.$instanceOf('bpmn:ReceiveTask')) return !!node.messageRef;
    return node.$instanceOf('bpmn:CatchEvent')
      && (node.eventDefinitions || []).some((d) => d.$instanceOf('bpmn:MessageEventDefinition'));
  }

  function check(node, reporter) {
    if (!node.$instanceOf('bpmn:BaseElement')) return;
    const action = (property(node, 'userAction') || '').trim();
    if (!action) return;
    if (!ACTIONS.includes(action)) {
      reporter.report(node.id, `userAction '${action}' is unknown; use one of ${ACTIONS.join(', ')}`);
    } else if (!waitsForMessage(node)) {
      reporter.report(node.id, 'userAction belongs on a message event or a receive task: the action delivers its message');
    }
  }

  return { check };
};
