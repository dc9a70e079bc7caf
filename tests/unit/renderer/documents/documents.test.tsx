import { DOCUMENT_STATES, describeLifecycle, type QueueDetail } from '../../../../core/domain/documents/lifecycle';
import type { SignedRevisionView } from '../../../../core/domain/documents/model';
import { lifecycleText, periodLabel } from '../../../../renderer/src/features/documents/lifecycle-text';
import { SignedDocumentResult } from '../../../../renderer/src/features/documents/signed-result';
import { SignerDifferences } from '../../../../renderer/src/features/documents/signer-differences';
import { createTranslate } from '../../../../renderer/src/i18n/catalog';
import { en } from '../../../../renderer/src/i18n/en';
import { id } from '../../../../renderer/src/i18n/id';
import { renderSigning, textOf } from '../signing/render';

const queues: (QueueDetail | null)[] = [null, 'menunggu', 'mengirim', 'ditahan', 'gagal', 'belum-pasti'];

describe('the lifecycle on screen', () => {
  it('says every state and queue detail in the words of describeLifecycle', () => {
    const t = createTranslate(id);
    for (const state of DOCUMENT_STATES) {
      for (const queue of queues) {
        expect(lifecycleText(t, state, queue, 'Diskominfo')).toBe(describeLifecycle({ state, queue }));
      }
    }
  });

  it('names the region’s ICT office where the state does, in English too', () => {
    expect(lifecycleText(createTranslate(id), 'terkirim', null, 'SKPD Kominfotik')).toBe('Terkirim, menunggu keputusan SKPD Kominfotik');
    expect(lifecycleText(createTranslate(en), 'antre', 'ditahan', 'Diskominfo')).toBe('Queued for sending (held)');
  });
});

describe('a submission period on screen', () => {
  it('reads as the calendar says it, and an unknown code stays as it is', () => {
    const t = createTranslate(id);
    const date = (value: string) => `tanggal ${value}`;
    expect(periodLabel(t, date, '2026-T3')).toBe('Triwulan III 2026');
    expect(periodLabel(t, date, '2025-S2')).toBe('Semester II 2025');
    expect(periodLabel(t, date, '2026-07-14')).toBe('tanggal 2026-07-14');
    expect(periodLabel(t, date, '2026')).toBe('2026');
    expect(periodLabel(createTranslate(en), date, '2026-T1')).toBe('Quarter I 2026');
  });
});

const revision: SignedRevisionView = {
  id: 'rev-1',
  documentId: 'lap-1',
  kind: 'laporan',
  title: 'Laporan Insiden Siber 2026-11-30',
  period: '2026-11-30',
  revision: 1,
  revisionOf: null,
  signer: { name: 'Siti Rahmawati', nip: '198507172010011003', nik: null, fingerprintSha256: 'ab'.repeat(32), isCertified: false },
  signedAt: '2026-12-07T03:04:05.000Z',
  fileName: 'laporan-insiden-2026-11-30.pdf',
  mediaType: 'application/pdf',
  fileSha256: 'cd'.repeat(32),
  fileSize: 3000,
  mainSha256: 'cd'.repeat(32),
  dataSha256: 'ef'.repeat(32),
  dataSize: 200,
  reportType: 'insiden',
  level: 'B-B',
  pages: 2,
  draftRevision: 3,
  createdAt: '2026-12-07T03:04:05.000Z',
  problems: [],
  submission: null,
  hasOutboxCopy: false,
};

describe('after signing', () => {
  it('says the revision is kept and offers Kirim ke (the ICT office), with download only as an extra', () => {
    const text = textOf(renderSigning(<SignedDocumentResult revision={revision} onClose={() => undefined} onCountersign={() => undefined} />));
    expect(text).toContain('Ditandatangani dan disimpan di Berkas sebagai revisi 1: laporan-insiden-2026-11-30.pdf (2,9 KB).');
    expect(text).toContain('Tidak perlu diunduh: kirim langsung ke Dinas dari sini.');
    expect(text).toContain('Kirim ke Dinas');
    expect(text).toContain('Unduh salinan (2,9 KB)');
    expect(text).toContain('Tambah tanda tangan (misalnya kepala OPD)');
    expect(text).not.toContain('Belum disimpan di mana pun');
  });

  it('offers no further signature on a package', () => {
    const text = textOf(renderSigning(<SignedDocumentResult revision={{ ...revision, kind: 'serah-terima', mediaType: 'application/zip' }} onClose={() => undefined} />));
    expect(text).not.toContain('Tambah tanda tangan');
    expect(text).not.toContain('Pemeriksaan tanda tangan');
  });
});

describe('a signer who differs from Pengaturan', () => {
  it('shows both sides and asks for a confirmation', () => {
    const differences = [{ field: 'name' as const, settings: 'Siti Rahmawati, S.Kom.', certificate: 'Budi Santoso', message: 'Nama berbeda.' }];
    const text = textOf(renderSigning(<SignerDifferences differences={differences} isConfirmed={false} onConfirm={() => undefined} />));
    expect(text).toContain('Penanda tangan berbeda dengan petugas di Pengaturan');
    expect(text).toContain('Siti Rahmawati, S.Kom.');
    expect(text).toContain('Budi Santoso');
    expect(text).toContain('Saya sudah memeriksa: dokumen ini ditandatangani oleh pemegang sertifikat di atas.');
    expect(renderSigning(<SignerDifferences differences={[]} isConfirmed={false} onConfirm={() => undefined} />)).toBe('');
  });
});
