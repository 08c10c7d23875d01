import { Utils } from '@formio/js/form';

/**
 * Switches off formio.js's evaluation of code in form definitions before a form or the builder is created.
 *
 * formio.js renders labels, html, tooltips and templates through lodash templates, in which `{{ … }}` and `{% … %}`
 * are JavaScript: a designer's form would run code in the browser of everyone who opens it (issue 8). The engine
 * refuses such forms (forms module, `TemplateCheck`); this is the second, independent limit, so one missed check is
 * not a breach. With `noeval` formio still fills plain paths such as `{{ item.label }}` in a select's item template
 * (by looking them up, not by running them), uses its own templates for edit grid rows, and hides the builder's
 * JavaScript settings. formio.js 5.6 reads the switch only from its global evaluator (`Utils.Evaluator`, the
 * instance its components interpolate and evaluate with), not from the options of `createForm` or `builder`; every
 * place that creates a form calls this first, so none depends on another having run.
 */
export function disableFormioEval(): void {
  Utils.Evaluator.noeval = true;
}
