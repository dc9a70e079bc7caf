/**
 * A package brought by flash drive (`berkas server import`, PROTOCOL.md §2.4):
 * its bag is found in the ZIP, every file stored as a blob, and its manifest
 * derived from bag-info.txt by the same rule as the app's (§2.3); the intake
 * then saves and commits it as it does an online one.
 */
import path from 'node:path';
import { isBerkasError } from '../../core/domain/errors';
import { openZip, type ZipEntry } from '../../core/adapters/zip-reader/zip-reader';
import { parseTagFile } from '../../core/domain/handover/bagit';
import { IntakeError } from '../protocol/errors';
import { LIMITS, metadataFromBagInfo, parseManifest, sortedManifest, type Manifest } from '../protocol/manifest';
import type { BlobStorage } from '../storage/blob-storage';

/** Stores every file of the package's bag as a blob and returns its manifest (not saved yet). */
export async function readPackageManifest(file: string, blobs: BlobStorage): Promise<Manifest> {
  const shown = path.basename(file);
  let zip;
  try {
    zip = await openZip(file);
  } catch (err) {
    if (isBerkasError(err) && err.code.startsWith('ZIP_')) {
      throw new IntakeError('PACKAGE_INVALID', err.message, { details: { zipCode: err.code, file } });
    }
    throw err;
  }
  let manifest: Manifest;
  try {
    const base = findBase(zip.entries);
    if (base === null) {
      throw new IntakeError('BAG_INVALID', `${shown} bukan paket BagIt: bagit.txt tidak ada di akar ZIP maupun di satu folder teratasnya.`, { details: { problems: [] } });
    }
    const entries = zip.entries.filter((e) => !e.isDirectory && e.name.startsWith(base));
    const bagInfoEntry = entries.find((e) => e.name === `${base}bag-info.txt`);
    if (!bagInfoEntry) throw new IntakeError('BAG_INVALID', `${shown}: bag-info.txt tidak ada.`, { details: { problems: ['bag-info.txt tidak ada'] } });
    const bagInfo = parseTagFile((await zip.readEntry(bagInfoEntry, 1024 * 1024)).toString('utf8'));
    const meta = metadataFromBagInfo(bagInfo);
    if (meta.missing.length > 0) {
      throw new IntakeError('METADATA_MISMATCH', `${shown}: bag-info.txt tidak memuat ${meta.missing.join(', ')}; paket ini bukan paket pengiriman Berkas.`, { details: { field: meta.missing[0] } });
    }
    if (entries.length > LIMITS.maxFiles) throw new IntakeError('MANIFEST_INVALID', `${shown} memuat ${entries.length} berkas; batasnya ${LIMITS.maxFiles}.`, { details: { field: 'files' } });
    const files = [];
    for (const entry of entries) {
      const stored = await blobs.putStream(await zip.openEntry(entry));
      files.push({ path: entry.name.slice(base.length), sha256: stored.sha256, size: stored.size });
    }
    const { missing: _missing, ...fields } = meta;
    manifest = sortedManifest(parseManifest({ protocol: 1, ...fields, files }));
  } catch (err) {
    if (isBerkasError(err) && err.code.startsWith('ZIP_')) throw new IntakeError('PACKAGE_INVALID', err.message, { details: { zipCode: err.code, file } });
    throw err;
  } finally {
    await zip.close();
  }
  return manifest;
}

/** Where the bag starts in a ZIP: the root, or the single top-level folder holding bagit.txt (as the verifier reads it). */
function findBase(entries: readonly ZipEntry[]): string | null {
  if (entries.some((e) => e.name === 'bagit.txt' && !e.isDirectory)) return '';
  const tops = new Set(entries.map((e) => e.name.split('/')[0]));
  if (tops.size !== 1) return null;
  const top = [...tops][0] as string;
  return entries.some((e) => e.name === `${top}/bagit.txt` && !e.isDirectory) ? `${top}/` : null;
}
