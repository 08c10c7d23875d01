/**
 * The code editor formio.js's builder uses for JSON and code settings. The builder loads it from Form.io's CDN
 * unless `window.ace` already exists; the app loads nothing from outside, so the editor is bundled here (with the
 * modes and theme the builder asks for, and no syntax-check web workers, which ace would also fetch).
 */
import ace from 'ace-builds';
import 'ace-builds/src-noconflict/mode-json';
import 'ace-builds/src-noconflict/mode-javascript';
import 'ace-builds/src-noconflict/mode-html';
import 'ace-builds/src-noconflict/theme-xcode';

ace.config.setDefaultValue('session', 'useWorker', false);
(window as unknown as { ace: typeof ace }).ace = ace;
