// Flowdesk's own bpmnlint rules. The deploy linter on the server (engine: DeploymentLinter, FlowdeskModelRules)
// enforces the same rules, with the same severities; docs/modeling.md lists them side by side.
module.exports = {
  configs: {
    recommended: {
      rules: {
        'no-scripts': 'error',
        'form-key': 'error',
        'candidate-groups': 'error',
        'name-required': 'error',
        'ticket-status': 'warn',
        'user-action': 'error'
      }
    }
  }
};
