import type { ErrorTexts } from './error-text';

/** Packages: reading files and ZIPs, BagIt bags, making and copying submission packages. */
export const packagesErrorsEn: ErrorTexts = {
  FILE_NOT_FOUND: 'The file {file} could not be read ({errno}).',
  EXPORT_EXISTS: 'The file {file} already exists with other contents; choose another name. The existing file is not overwritten.',
  DOCUMENT_FILE_ALTERED: 'The file {shortSha256}… in this computer\'s store has changed since it was signed; it was not written to {target}.',
  DOCUMENT_FILE_MISSING: 'The file {shortSha256}… is no longer in this computer\'s store ({source}).',
  EXTRACT_TARGET_EXISTS: 'The destination folder {folder} already exists; choose a new folder so that no file is overwritten.',

  // Submission packages checked before they are kept or sent (core/adapters/submission)
  PACKAGE_INVALID: 'The package {file} is not a valid Berkas package (not a readable .zip, larger than the 4 GiB a submission may be, with files outside its folder, or failing its check), so it cannot be used.',
  PACKAGE_METADATA_INVALID:
    'The description of the submission is not valid: the field {field} is missing or holds a value that is not allowed (its Berkas-* fields in bag-info.txt, or the details given for it).',

  // BagIt bags written and checked (core/adapters/bagit)
  BAG_BAD_NAME:
    'The name "{file}" cannot go into a package: BagIt or Windows does not allow it, or it clashes with another name in the package (the same up to upper/lower case, or a file that is also a folder). Rename it, then attach it again.',
  BAG_EXISTS: 'The file {file} already exists. Choose another name; a package already made is never overwritten.',
  BAG_SOURCE_CHANGED: 'The file {file} changed while it was being packaged (its size or contents are not what was attached). Attach it again, then make the package again.',
  BAG_SOURCE_MISSING: 'The file {file} was not found while the package was being made. Attach it again.',
  BAG_READ_FAILED: 'The file {file} could not be read ({errno}).',
  BAG_WRITE_FAILED: 'The package {file} could not be written.',
  BAG_INVALID:
    'The package {file} is not valid: files are missing, changed or not listed in its manifests, or it breaks the BagIt rules. The report of the check names each problem.',

  // The safe ZIP reader (core/adapters/zip-reader): one text per reason, naming the package and, where the reason is always about one, the entry.
  ZIP_PATH_TRAVERSAL:
    'The package {archive} was refused: the entry "{entryName}" contains ".." or would be written outside the destination folder.',
  ZIP_ABSOLUTE_PATH:
    'The package {archive} was refused: the entry "{entryName}" uses an absolute path (starting with a slash, a network path or a drive letter).',
  ZIP_BAD_NAME:
    'The package {archive} was refused: an entry has a name that cannot be a file on every computer (empty, not valid UTF-8, a Windows device name, or a character Windows does not allow).',
  ZIP_SYMLINK:
    'The package {archive} was refused: the entry "{entryName}" is a symbolic link (or a Windows link), which could point outside the destination folder.',
  ZIP_DUPLICATE:
    'The package {archive} was refused: the entry "{entryName}" has the same name as another entry, differs from it only in upper/lower case or Unicode normalisation, or is also a folder.',
  ZIP_SIZE_MISMATCH:
    'The package {archive} was refused: the entry "{entryName}" holds a different number of bytes than the package declares.',
  ZIP_RATIO:
    'The package {archive} was refused: the entry "{entryName}" expands far beyond the allowed ratio, the mark of a ZIP bomb.',
  ZIP_TOO_LARGE:
    'The package {archive} was refused: with the entry "{entryName}" it goes over its size limit.',
  ZIP_TOO_MANY: 'The package {archive} was refused: it holds more entries than the limit.',
  ZIP_ENCRYPTED: 'The package {archive} was refused: it is encrypted; a handover package must be readable and checkable.',
  ZIP_UNSUPPORTED:
    'The package {archive} was refused: it uses something Berkas does not accept (a compression method other than stored or deflate, a ZIP split over several disks, or a device, pipe or socket instead of a file).',
  ZIP_GAP: 'The package {archive} was refused: it holds bytes its central directory does not list, where entries only other tools see could hide.',
  ZIP_OVERLAP:
    'The package {archive} was refused: the entry "{entryName}" overlaps another entry or the central directory.',
  ZIP_HEADER_MISMATCH:
    'The package {archive} was refused: the local header of the entry "{entryName}" disagrees with the central directory, so other tools could read different contents.',
  ZIP_CORRUPT: 'The package {archive} was refused: it is damaged, cut short or not a ZIP.',
};
