const { owner } = require('./helper');

/**
 * Designers model, they do not program the server: no script tasks, no camunda:script (listeners, input/output), no
 * condition in another language (FEEL, JavaScript, Groovy), no Java class (camunda:class). Delegates are Flowdesk
 * beans named as ${beanName}.
 */
module.exports = function() {
  function check(node, reporter) {
    if (node.$instanceOf('bpmn:ScriptTask')) {
      reporter.report(node.id, 'Script tasks are not allowed; call a Flowdesk delegate (service task with delegate expression ${beanName}) instead');
      return;
    }
    const at = owner(node);
    if (!at) return;
    if (node.$instanceOf('camunda:Script') || (isListener(node) && node.script)) {
      reporter.report(at.id, 'Scripts (camunda:script) are not allowed');
    }
    if (node.$instanceOf('bpmn:FormalExpression') && node.language) {
      reporter.report(at.id, `language="${node.language}" is not allowed: conditions are expressions \${…}`);
    }
    if ((typeof node.get === 'function' && node.get('camunda:class')) || (isListener(node) && node.class)) {
      reporter.report(at.id, 'A Java class (camunda:class) is not allowed; use camunda:delegateExpression with a Flowdesk delegate bean');
    }
  }

  return { check };
};

function isListener(node) {
  return node.$instanceOf('camunda:ExecutionListener') || node.$instanceOf('camunda:TaskListener');
}
