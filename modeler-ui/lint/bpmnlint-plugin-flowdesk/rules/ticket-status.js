const { isAny, property } = require('./helper');

const WAIT_STATES = [ 'bpmn:UserTask', 'bpmn:ReceiveTask', 'bpmn:CallActivity', 'bpmn:IntermediateCatchEvent' ];

/**
 * Where a ticket waits, the model says which status the requester sees: the extension property ticketStatus on the
 * wait state or on a sub-process around it (the engine's TicketStatusPlugin sets it when the step starts).
 */
module.exports = function() {
  function check(node, reporter) {
    if (!isAny(node, WAIT_STATES)) return;
    for (let scope = node; scope && !scope.$instanceOf('bpmn:Process'); scope = scope.$parent) {
      if ((property(scope, 'ticketStatus') || '').trim()) return;
    }
    reporter.report(node.id, 'Wait state without ticketStatus (extension property): the ticket keeps the status of the previous step');
  }

  return { check };
};
