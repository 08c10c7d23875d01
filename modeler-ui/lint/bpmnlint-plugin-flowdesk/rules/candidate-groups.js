/** A user task nobody is offered is a ticket nobody works on: it names candidate groups, candidate users or an assignee. */
module.exports = function() {
  function check(node, reporter) {
    if (!node.$instanceOf('bpmn:UserTask')) return;
    const offered = [ 'camunda:candidateGroups', 'camunda:candidateUsers', 'camunda:assignee' ]
      .some((attribute) => (node.get(attribute) || '').trim());
    if (!offered) {
      reporter.report(node.id, 'User task has no candidate groups (camunda:candidateGroups) nor assignee', [ 'candidateGroups' ]);
    }
  }

  return { check };
};
