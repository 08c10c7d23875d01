const { isAny } = require('./helper');

/**
 * Forms are Form.io forms saved in Flowdesk: a form key reads formio:<key>. With `{ forms: [keys] }` as the rule's
 * configuration (the modeler passes what /api/forms lists, the build the shipped forms), the key must be one of them.
 */
module.exports = function(config) {
  const known = config && Array.isArray(config.forms) ? new Set(config.forms) : null;

  function check(node, reporter) {
    if (!isAny(node, [ 'bpmn:UserTask', 'bpmn:StartEvent' ])) return;
    const formKey = node.get('camunda:formKey');
    if (!formKey) return;
    if (!formKey.startsWith('formio:')) {
      reporter.report(node.id, `Form keys are Form.io forms: formio:<key>, not '${formKey}'`);
      return;
    }
    const key = formKey.substring('formio:'.length);
    if (known && !known.has(key)) {
      reporter.report(node.id, `No form '${key}'; save it in the form designer first`);
    }
  }

  return { check };
};
