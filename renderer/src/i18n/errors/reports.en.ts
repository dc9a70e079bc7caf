import type { ErrorTexts } from './error-text';

export const reportsErrorsEn: ErrorTexts = {
  // Saving a report (core/services/reports); fields are named by their key, the form marks them
  FIELD_UNKNOWN: 'The report {typeKey} has no field "{field}".',
  FIELD_NOT_TABLE: 'The field {field} must be a table (a list of rows).',
  FIELD_NOT_ATTACHMENT: 'The field {field} must be an attachment.',
  FIELD_NOT_TEXT: 'The field {field} must be text.',
  TOO_MANY_ROWS: 'The table {field} has {rows} rows, more than the limit of {maxRows} rows.',
  ATTACHMENT_MISSING: 'The attachment "{name}" for the field {field} is not in storage; attach the file again.',
  TYPE_MISMATCH: 'Report {id} is of type {storedType}, not {typeKey}; the type of a report cannot be changed.',
  REPORT_TYPE_UNKNOWN: 'The report type "{typeKey}" is not in {regulation}; the types there are: {known:list}.',
  REPORT_EXISTS: 'The report {typeName} for period {period} already exists (id {id}); open that report.',
  REPORT_CARRY_SOURCE_MISSING: 'There is no report {typeName} for period {fromPeriod} yet, so there is no data to carry over to {toPeriod}.',
  REPORT_NO_ASSETS: 'The report {typeKey} has no asset register.',

  // Periods and carrying data over (core/domain/reports)
  PERIOD_INVALID: 'The period "{period}" is not valid for this kind of report: write it like {example} (a year from {minYear} to {maxYear}).',
  CARRY_OVER_KIND_MISMATCH: 'The period {period} is not the same kind of period as {from}.',
  CARRY_OVER_BACKWARDS: 'The target period {to} is not after the source period {from}; data is only carried forward to a later period.',

  // Attachments and data files checked before they are kept (core/domain/reports)
  ATTACHMENT_EMPTY: 'The file {file} for "{fieldLabel}" is empty (0 bytes).',
  ATTACHMENT_TOO_LARGE: 'The file {file} for "{fieldLabel}" is {size}, over the limit of {max}.',
  ATTACHMENT_TYPE: 'The file {file} for "{fieldLabel}" is {detected}; accepted: {accepted:list}.',
  DATA_INVALID: 'The data file {file} does not fit this report: it must be one JSON object whose keys are the report\'s fields, each with a value of the field\'s kind.',

  // Signing a report
  REPORT_INVALID: '"{title}" cannot be signed yet: {count} entries are not right. Correct them in the form, then sign.',
  REPORT_CHANGED_WHILE_SIGNING: 'The report was changed while it was being signed (now revision {revision}); sign it again.',
};
