// Shared by the Flowdesk rules; works on bpmn-moddle elements read with the camunda moddle extension (as bpmn-js and
// lint-models.mjs read them).

/** The element itself or the closest ancestor that has an id: scripts and expressions sit inside extension elements. */
function owner(element) {
  let current = element;
  while (current && !current.id) {
    current = current.$parent;
  }
  return current;
}

/** The value of the camunda:property `name` of `element`, or undefined. */
function property(element, name) {
  const values = (element.extensionElements && element.extensionElements.values) || [];
  for (const properties of values) {
    if (!properties.$instanceOf('camunda:Properties')) continue;
    const found = (properties.values || []).find((p) => p.name === name);
    if (found) return found.value;
  }
  return undefined;
}

function isAny(element, types) {
  return types.some((type) => element.$instanceOf(type));
}

module.exports = { owner, property, isAny };
