import type { ErrorTexts } from './error-text';

/** Packages: reading files and ZIPs, BagIt bags, making and copying submission packages. */
export const packagesErrorsEn: ErrorTexts = {
  FILE_NOT_FOUND: 'The file {file} could not be read ({errno}).',
  EXTRACT_TARGET_EXISTS: 'The destination folder {folder} already exists; choose a new folder so that no file is overwritten.',

  // The safe ZIP reader (core/adapters/zip-reader): one text per reason, naming the package.
  ZIP_PATH_TRAVERSAL: 'The package {archive} was refused: an entry contains ".." or would be written outside the destination folder.',
  ZIP_ABSOLUTE_PATH: 'The package {archive} was refused: an entry uses an absolute path (starting with a slash, a network path or a drive letter).',
  ZIP_BAD_NAME:
    'The package {archive} was refused: an entry has a name that cannot be a file on every computer (empty, not valid UTF-8, a Windows device name, or a character Windows does not allow).',
  ZIP_SYMLINK: 'The package {archive} was refused: an entry is a symbolic link (or a Windows link), which could point outside the destination folder.',
  ZIP_DUPLICATE:
    'The package {archive} was refused: two entries have the same name, names that differ only in upper/lower case or Unicode normalisation, or one file is also a folder.',
  ZIP_SIZE_MISMATCH: 'The package {archive} was refused: an entry holds a different number of bytes than the package declares.',
  ZIP_RATIO: 'The package {archive} was refused: an entry expands far beyond the allowed ratio, the mark of a ZIP bomb.',
  ZIP_TOO_LARGE: 'The package {archive} was refused: its contents are larger than the limit.',
  ZIP_TOO_MANY: 'The package {archive} was refused: it holds more entries than the limit.',
  ZIP_ENCRYPTED: 'The package {archive} was refused: it is encrypted; a handover package must be readable and checkable.',
  ZIP_UNSUPPORTED:
    'The package {archive} was refused: it uses something Berkas does not accept (a compression method other than stored or deflate, a ZIP split over several disks, or a device, pipe or socket instead of a file).',
  ZIP_GAP: 'The package {archive} was refused: it holds bytes its central directory does not list, where entries only other tools see could hide.',
  ZIP_OVERLAP: 'The package {archive} was refused: two entries overlap each other or the central directory.',
  ZIP_HEADER_MISMATCH: 'The package {archive} was refused: the local header of an entry disagrees with the central directory, so other tools could read different contents.',
  ZIP_CORRUPT: 'The package {archive} was refused: it is damaged, cut short or not a ZIP.',
};
