import type { FormDefinition } from '../api';
import { locale } from '../i18n';

/**
 * formio.js in the app's language. formio ships German for its own messages (validation, "required"), but the
 * Bootstrap templates' texts (file drop zone, grid buttons) exist only in English, so their German is here.
 * A form's own texts (labels, descriptions, placeholders, select values, the button) are translated by the form
 * itself: a top-level `i18n` object in formio's own format, `{"de": {"English text": "German text"}}` (see
 * docs/i18n.md); formio looks every label up there and keeps the English where a text has no translation. The
 * engine validates by keys, so translations never change what is submitted.
 */
const FORMIO_DE: Record<string, string> = {
  // @formio/bootstrap templates
  edit: 'Bearbeiten',
  remove: 'Entfernen',
  addAnother: 'Weitere hinzufügen',
  'Add Another': 'Weitere hinzufügen',
  next: 'Weiter',
  previous: 'Zurück',
  cancel: 'Abbrechen',
  loading: 'Wird geladen',
  help: 'Hilfe',
  save: 'Speichern',
  preview: 'Vorschau',
  fileName: 'Dateiname',
  size: 'Größe',
  type: 'Typ',
  gallery: 'Galerie',
  camera: 'Kamera',
  dropFilesToAttach: 'Dateien zum Anhängen hierher ziehen oder',
  useCamera: 'Kamera verwenden',
  browse: 'durchsuchen',
  takePicture: 'Foto aufnehmen',
  switchToFileUpload: 'Zum Datei-Upload wechseln',
  completeStatus: 'Fertig',
  noStorageSet: 'Für dieses Feld ist kein Speicher eingerichtet; das Hochladen ist gesperrt.',
  close: 'Schließen',
  anyFileTypesAllowed: 'Alle Dateitypen sind erlaubt',
  allowedFileTypes: 'Erlaubte Dateitypen',
  pressToOpen: 'Zum Öffnen drücken',
  browseToAttachFileFor: 'Datei anhängen für',
  or: 'oder',
  expand: 'Aufklappen',
  collapse: 'Zuklappen',
  add: 'Hinzufügen',
  delete: 'Löschen',
  revert: 'Zurücksetzen',
  removeBtnPressToRemove: 'Entfernen-Schaltfläche. Zum Entfernen drücken',
  file: 'Datei',
  browseFiles: 'Dateien durchsuchen',
  clear: 'Leeren',
  actions: 'Aktionen',
  // the shipped forms' buttons are labelled "Submit"
  Submit: 'Absenden',
};

type Translations = Record<string, Record<string, string>>;

/** The `language` and `i18n` options for `Formio.createForm` / `Formio.builder`; a fresh object each time (formio edits it). */
export function formioLanguage(definition?: FormDefinition): { language: string; i18n: Translations } {
  const own = ((definition as { i18n?: unknown } | undefined)?.i18n ?? {}) as Translations;
  const i18n: Translations = { de: { ...FORMIO_DE, ...(own.de ?? {}) } };
  if (own.en) i18n.en = { ...own.en };
  return { language: locale(), i18n };
}
