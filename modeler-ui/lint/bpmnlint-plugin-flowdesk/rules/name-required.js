const { isAny } = require('./helper');

/**
 * Tickets and their history name the steps a ticket went through, so every step has a name — also the ones
 * bpmnlint's label-required spares (joining and parallel gateways, sub-processes). The others it leaves to
 * label-required, so no element is reported twice.
 */
module.exports = function() {
  function check(node, reporter) {
    if (!node.$instanceOf('bpmn:FlowNode') || (node.name || '').trim()) return;
    const spared = isAny(node, [ 'bpmn:ParallelGateway', 'bpmn:EventBasedGateway', 'bpmn:SubProcess' ])
      || (node.$instanceOf('bpmn:Gateway') && (node.outgoing || []).length <= 1);
    if (spared) {
      reporter.report(node.id, 'Give every element a name, so tickets and the history read well', [ 'name' ]);
    }
  }

  return { check };
};
