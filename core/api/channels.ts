/**
 * The names of every operation, once. Kept free of schemas and libraries so the
 * sandboxed preload can import it without pulling zod into the bridge; the
 * contract in ./contract.ts must cover exactly these (checked by the compiler).
 */
export const channels = [
  'appInfo',
  'getSettings',
  'saveSettings',
  'checkNip',
  'listProfiles',
  'getProfile',
  'rencanaAksiList',
  'rencanaAksiGet',
  'rencanaAksiSave',
  'rencanaAksiValidate',
  'rencanaAksiDelete',
  'rencanaAksiImport',
  'rencanaAksiExport',
  'rencanaAksiCatalogImport',
  'rencanaAksiCatalogGet',
  'certificateList',
  'certificateImport',
  'certificateCreateSelfSigned',
  'certificateRemove',
  'signPreview',
  'pdfRencanaAksi',
  'pdfSign',
  'pdfVerify',
  'trustRootList',
  'trustRootImport',
  'backupStatus',
  'backupSetInterval',
  'backupCreate',
  'backupJobStatus',
  'backupJobCancel',
  'backupVerify',
  'handoverChecklist',
  'handoverSave',
  'handoverGet',
  'handoverList',
  'handoverAttach',
  'handoverDetach',
  'handoverScanSource',
  'handoverCompleteness',
  'handoverPackage',
  'handoverJobStatus',
  'handoverJobCancel',
  'handoverVerify',
  'outboxList',
  'outboxStatus',
  'outboxAdd',
  'outboxSendNow',
  'outboxHold',
  'outboxResume',
  'outboxCancel',
  'outboxExport',
  'enroll',
  'serverStatus',
  'reportTypes',
  'reportDue',
  'reportList',
  'reportGet',
  'reportSave',
  'reportDelete',
  'reportCarryOver',
  'reportAttach',
  'assetImport',
  'assetExport',
  'reportSignPreview',
  'reportPdf',
  'referenceSync',
] as const;

export type Channel = (typeof channels)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (channels as readonly string[]).includes(value);
}

/** Prefix of Electron IPC channel names, so ours never collide with Electron's own. */
export const ipcPrefix = 'berkas:';
