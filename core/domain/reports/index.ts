/** Periodic and event reports (issue 6): types, periods, due dates, carry-over, validation, the asset register. */
export * from './periods';
export * from './values';
export * from './definitions';
export * from './model';
export * from './diff';
export * from './validate';
export * from './carry-over';
export * from './due';
export * from './assets';
export * from './asset-import';
export * from './asset-export';
export * from './attachments';
export * from './summaries';
export * from './data-file';
