/**
 * Report data as a person or a script writes it in a JSON file for
 * `berkas report create --data FILE.json`: one key per field; numbers may be
 * JSON numbers; a table is a list of objects (one key per column); an
 * attachment is {"path": "diagram.png"} relative to the JSON file. Read
 * strictly: an unknown key or a wrong shape is an error naming the field.
 */
import { BerkasError } from '../errors';
import type { FieldDef, ReportDefinition } from './definitions';
import type { FieldValue, ReportData, TableRow } from './values';

export interface DataFileResult {
  data: ReportData;
  /** Attachments to read from disk and store, by field. */
  attachmentPaths: { field: string; path: string }[];
}

const kindWord: Record<string, string> = {
  table: 'daftar baris (array objek)',
  attachment: 'objek {"path": "berkas"}',
  boolean: 'true atau false',
};

function fail(file: string, message: string, field?: string): BerkasError {
  return new BerkasError('DATA_INVALID', `Berkas ${file}: ${message}`, { file, ...(field ? { field } : {}) });
}

function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value).replace('.', ',');
  return null;
}

function readRows(file: string, field: FieldDef, value: unknown, newId: () => string): TableRow[] {
  if (!Array.isArray(value)) throw fail(file, `"${field.key}" (${field.label}) harus ${kindWord.table}.`, field.key);
  const columns = new Map((field.columns ?? []).map((c) => [c.key, c]));
  return value.map((raw, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw fail(file, `"${field.key}" baris ${i + 1}: harus objek, misalnya {"${[...columns.keys()][0] ?? 'kolom'}": "..."}.`, field.key);
    // Either {"id": ..., "cells": {...}} (what Berkas writes) or the columns directly.
    const obj = raw as Record<string, unknown>;
    const source = typeof obj.cells === 'object' && obj.cells !== null && !Array.isArray(obj.cells) ? (obj.cells as Record<string, unknown>) : obj;
    const cells: Record<string, string> = {};
    for (const [key, v] of Object.entries(source)) {
      if (source === obj && key === 'id') continue;
      if (!columns.has(key)) {
        throw fail(file, `"${field.key}" baris ${i + 1}: kolom "${key}" tidak dikenal; kolom yang ada: ${[...columns.keys()].join(', ')}.`, field.key);
      }
      if (v === null || v === undefined || v === '') continue;
      const text = scalar(v);
      if (text === null) throw fail(file, `"${field.key}" baris ${i + 1}, kolom "${key}": harus teks atau angka.`, field.key);
      cells[key] = text;
    }
    const id = typeof obj.id === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(obj.id) ? obj.id : newId();
    return { id, cells };
  });
}

export function readReportDataFile(file: string, def: ReportDefinition, text: string, newId: () => string): DataFileResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw fail(file, `bukan JSON yang sah (${(err as Error).message.slice(0, 120)}).`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail(file, 'isinya harus satu objek JSON: {"kolom": nilai, ...}.');
  const fields = new Map(def.fields.map((f) => [f.key, f]));
  const data: ReportData = {};
  const attachmentPaths: DataFileResult['attachmentPaths'] = [];
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const field = fields.get(key);
    if (!field) throw fail(file, `kolom "${key}" tidak dikenal untuk laporan ${def.key}; kolom yang ada: ${[...fields.keys()].join(', ')}.`, key);
    let out: FieldValue;
    if (value === null) out = field.kind === 'table' ? [] : null;
    else if (field.kind === 'table') out = readRows(file, field, value, newId);
    else if (field.kind === 'attachment') {
      const p = typeof value === 'object' && !Array.isArray(value) ? (value as { path?: unknown }).path : undefined;
      if (typeof p !== 'string' || !p.trim()) throw fail(file, `"${key}" (${field.label}) harus ${kindWord.attachment}.`, key);
      attachmentPaths.push({ field: key, path: p });
      continue;
    } else if (field.kind === 'boolean') {
      if (typeof value !== 'boolean') throw fail(file, `"${key}" (${field.label}) harus ${kindWord.boolean}.`, key);
      out = value;
    } else {
      const t = scalar(value);
      if (t === null) throw fail(file, `"${key}" (${field.label}) harus teks${field.kind === 'textarea' || field.kind === 'text' ? '' : ' atau angka'}.`, key);
      out = t;
    }
    data[key] = out;
  }
  return { data, attachmentPaths };
}
