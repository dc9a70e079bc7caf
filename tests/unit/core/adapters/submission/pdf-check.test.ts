/**
 * The outbox's PDF check: the report of bytes just judged is reused for the
 * same bytes (a package verifies its main PDF once), never for other bytes,
 * never after a minute, and a real verification stands behind every answer.
 */
import { createHash } from 'node:crypto';
import { inspectPdf, pdfSignatureCheck, PdfReportMemo } from '../../../../../core/adapters/submission/pdf-check';
import type { VerificationReport } from '../../../../../core/domain/signing/verification';
import { signedPdf, unsignedPdf } from '../../../../integration/helpers/outbox-fixtures';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const report = (n: number): VerificationReport => ({ signatures: [], revisions: n, integrity: 'tanpa-tanda-tangan' });

it('forgets reports after a minute, when the clock goes back, and beyond its size', () => {
  const memo = new PdfReportMemo(2);
  const t0 = new Date('2025-06-17T03:00:00Z');
  memo.set('a', report(1), t0);
  expect(memo.get('a', new Date(t0.getTime() + 59_000))?.revisions).toBe(1);
  expect(memo.get('a', new Date(t0.getTime() + 61_000))).toBeUndefined();
  memo.set('a', report(1), t0);
  expect(memo.get('a', new Date(t0.getTime() - 1))).toBeUndefined();
  memo.set('a', report(1), t0);
  memo.set('b', report(2), t0);
  memo.set('c', report(3), t0);
  expect(memo.get('a', t0)).toBeUndefined();
  expect(memo.get('c', t0)?.revisions).toBe(3);
});

it('answers the bag check from the inspection of the same bytes, and judges other bytes afresh', async () => {
  const memo = new PdfReportMemo();
  const now = new Date();
  const signed = await signedPdf('sekali diperiksa');
  const inspection = await inspectPdf(signed, 'laporan.pdf', now, memo);
  expect(inspection.isSigned).toBe(true);
  expect(inspection.sha256).toBe(sha(signed));
  const remembered = memo.get(sha(signed), now);
  expect(remembered).toBeDefined();
  const check = pdfSignatureCheck(() => now, memo);
  expect(await check('data/laporan.pdf', signed)).toBe(remembered);
  const unsigned = await unsignedPdf('belum ditandatangani');
  const fresh = await check('data/lampiran.pdf', unsigned);
  expect(fresh).not.toBe(remembered);
  expect(fresh.signatures).toHaveLength(0);
  // One changed byte is other bytes: judged again, and the change shows.
  const changed = Buffer.from(signed);
  changed[changed.length - 10] ^= 1;
  expect(await check('data/laporan.pdf', changed)).not.toBe(remembered);
});
