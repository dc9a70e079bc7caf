/**
 * Files in and out of the renderer: the contract carries bytes as base64, the
 * browser hands them over as Blobs. No Node here (the renderer has none).
 */

export { base64ToBytes, bytesToBase64, downloadBytes, fileToBase64 } from '../../lib/files';

/** The file types the import accepts, for <input accept> and for checking a dropped name. */
export const PLAN_FILE_ACCEPT = '.xlsx,.csv,.tsv';
export const CATALOG_FILE_ACCEPT = '.json,.csv,.xlsx';
