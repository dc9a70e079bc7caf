/** The file types the import accepts, for <input accept> and for checking a dropped name. */
export const PLAN_FILE_ACCEPT = '.xlsx,.csv,.tsv';
export const CATALOG_FILE_ACCEPT = '.json,.csv,.xlsx';
