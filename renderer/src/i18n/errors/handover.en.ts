import type { ErrorTexts } from './error-text';

export const handoverErrorsEn: ErrorTexts = {
  // Handover bundles and their attachments (core/services/handover); items are named by their key
  HANDOVER_NOT_FOUND: 'The handover files {id} were not found.',
  HANDOVER_ITEM_UNKNOWN: 'The item "{itemKey}" is not in the handover list of {regulation}. The items there are: {known:list}.',
  HANDOVER_EXCLUDES_INVALID: 'The list of excluded folders is not valid: write each as a folder name without slashes (e.g. node_modules), at most 100 of them.',
  HANDOVER_ATTACHMENT_EXISTS: '"{name}" is already attached to the item {itemKey}. Replace the old attachment with the new one, or give the file another name.',
  HANDOVER_EMPTY: '{path} holds no file to attach.',
  HANDOVER_EMPTY_EXCLUDED: '{path} holds no file to attach (everything in it is inside excluded folders).',
  HANDOVER_ATTACHMENT_UNKNOWN: 'There is no attachment "{name}" on the item {itemKey}.',

  // Reading the source code chosen for an item (core/adapters/handover/source-scanner.ts)
  SOURCE_NOT_FOUND: '{file} was not found. Check the path and choose it again.',
  SOURCE_UNREADABLE: '{file} could not be read as a file or a folder.',
  SOURCE_TOO_MANY: '{file} holds more than {max} files. Exclude build output or dependency folders, or attach it as a ZIP archive.',

  // Packaging
  HANDOVER_INCOMPLETE: 'The handover files are not complete yet, so they cannot be signed or sent. Not attached yet: {missingItems:list}.',
  HANDOVER_APPLICATION_INVALID: 'The application record is not right yet; check the fields {fields:list}.',
  HANDOVER_TOO_MANY_FILES: 'The handover files hold {count} files, more than the {max} one package can hold. Attach the source code as a ZIP archive.',
  HANDOVER_SECRETS:
    'The source code holds {count} possible secrets, in {files:list}. Remove those secrets and attach it again, or confirm that it is packaged anyway.',
  HANDOVER_BUSY: 'A package of these files is being made; wait until it finishes, or cancel it.',
  HANDOVER_PACKAGE_INVALID: 'The package just made did not pass its check, so it was deleted.',
};
