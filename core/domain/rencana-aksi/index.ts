/** The rencana aksi domain in one import, for the renderer and the services. */
export * from './model';
export * from './money';
export * from './duration';
export * from './analysis';
export * from './catalog';
export * from './editor-rows';
export * from './normalize';
export * from './import-table';
export * from './export-table';
export * from './table';
export { columnLetter, comparisonKey, formatRupiah, formatThousands } from './text';
export * from './records';
