/**
 * The Serah Terima views rendered to HTML (react-dom/server): completeness
 * naming each missing item with its article, the scan of a source folder
 * with its secrets (never their values), and a package verification that
 * names what is wrong — in Indonesian and in English.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { emptyApplication } from '../../../../core/domain/handover/application';
import { checkCompleteness } from '../../../../core/domain/handover/completeness';
import type { HandoverBundle } from '../../../../core/domain/handover/bundle';
import type { BagVerification, SourceScan } from '../../../../core/domain/handover/packaging';
import type { RegionProfile } from '../../../../core/domain/profiles/profile';
import { CompletenessPanel } from '../../../../renderer/src/features/handover/completeness-panel';
import { SourceScanView } from '../../../../renderer/src/features/handover/source-scan-view';
import { VerificationView } from '../../../../renderer/src/features/handover/verification-view';
import { I18nProvider } from '../../../../renderer/src/i18n/i18n-context';

function loadProfile(id: string): RegionProfile {
  return JSON.parse(readFileSync(path.resolve(__dirname, '../../../../assets/profiles', `${id}.json`), 'utf8')) as RegionProfile;
}

function html(node: ReactNode, language: 'id' | 'en' = 'id'): string {
  return renderToStaticMarkup(<I18nProvider language={language}>{node}</I18nProvider>);
}

function text(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const sha = 'ab'.repeat(32);

function bundleWith(profile: RegionProfile, keys: string[], application = emptyApplication({ owningOpd: 'Dinas Pendidikan' })): HandoverBundle {
  const items: HandoverBundle['items'] = {};
  for (const key of keys) {
    items[key] = [{ name: `${key}.pdf`, kind: 'file', sourcePath: `/dok/${key}.pdf`, files: [{ path: `${key}.pdf`, size: 10, sha256: sha }], bytes: 10, attachedAt: '2024-06-17T00:00:00.000Z' }];
  }
  return { id: 'b1', profileId: profile.id, application, items, excludes: [], packages: [], revision: 1, createdAt: '', updatedAt: '' };
}

const completeRecord = emptyApplication({
  name: 'SIMPEG',
  version: '2.1',
  purpose: 'Kepegawaian',
  owningOpd: 'BKPSDM',
  vendor: 'Swakelola',
  fundingSource: 'APBD',
  fundingYear: 2024,
  licence: 'GPL-3.0-or-later',
  copyrightHolder: 'Pemerintah Kota Banjarmasin',
});

describe('completeness panel', () => {
  const banjarmasin = loadProfile('banjarmasin');

  it('names every missing required item with its article, and the regulation on validity', () => {
    const attached = ['kode-sumber', 'pengujian'];
    const completeness = checkCompleteness(banjarmasin, bundleWith(banjarmasin, attached));
    const markup = html(<CompletenessPanel completeness={completeness} profile={banjarmasin} />);
    const out = text(markup);
    expect(out).toContain('Belum lengkap: 5 dari 7 butir wajib belum dilampirkan.');
    expect(out).toContain('2 dari 7 butir wajib terlampir');
    for (const item of banjarmasin.handover.items) {
      const line = `${item.label} ${item.article}`;
      if (attached.includes(item.key)) expect(out).not.toContain(line);
      else expect(out).toContain(line);
    }
    expect(out).toContain('Pasal 12 ayat (6): serah terima pengadaan aplikasi e-Government baru dinyatakan sah apabila dilengkapi');
    expect(markup).toContain('data-ready="false"');
  });

  it('says complete, drops the validity sentence, and lists what is left of the record', () => {
    const all = banjarmasin.handover.items.map((i) => i.key);
    const withProblems = checkCompleteness(banjarmasin, bundleWith(banjarmasin, all));
    const out = text(html(<CompletenessPanel completeness={withProblems} profile={banjarmasin} />));
    expect(out).toContain('Semua butir wajib terlampir, tetapi data aplikasi masih memuat');
    expect(out).toContain('Nama aplikasi wajib diisi');
    expect(out).not.toContain('dinyatakan sah');

    const ready = checkCompleteness(banjarmasin, bundleWith(banjarmasin, all, completeRecord));
    const markup = html(<CompletenessPanel completeness={ready} profile={banjarmasin} />);
    expect(text(markup)).toContain('Lengkap: semua 7 butir wajib Pasal 12 ayat (6) Perwali Banjarmasin No. 41/2018 sudah dilampirkan');
    expect(markup).toContain('data-ready="true"');
    expect(markup).not.toContain('handover-missing');
  });

  it('speaks English with the same facts', () => {
    const completeness = checkCompleteness(banjarmasin, bundleWith(banjarmasin, []));
    const out = text(html(<CompletenessPanel completeness={completeness} profile={banjarmasin} />, 'en'));
    expect(out).toContain('Incomplete: 7 of 7 required items are not attached yet.');
    expect(out).toContain(`${banjarmasin.handover.items[0]!.label} ${banjarmasin.handover.items[0]!.article}`);
  });
});

describe('source scan', () => {
  const scan: SourceScan = {
    kind: 'folder',
    name: 'simpeg',
    files: 1234,
    bytes: 5 * 1024 * 1024 + 300 * 1024,
    languages: [
      { language: 'PHP', files: 1200, bytes: 5 * 1024 * 1024 },
      { language: 'JavaScript', files: 34, bytes: 300 * 1024 },
    ],
    excluded: [
      { path: '.git', rule: '.git' },
      { path: 'vendor/node_modules', rule: 'node_modules' },
    ],
    secrets: [
      { file: '.env', reason: 'berkas .env: variabel lingkungan' },
      { file: 'config/database.php', line: 12, reason: 'kata sandi atau kunci tertulis langsung (password)' },
    ],
    badNames: [{ file: 'laporan 100%.pdf', reason: 'memuat tanda %' }],
  };

  it('shows files, size, languages and excluded folders in the Indonesian way', () => {
    const out = text(html(<SourceScanView scan={scan} />));
    expect(out).toContain('1.234 berkas, 5,3 MB');
    expect(out).toContain('PHP 1.200 berkas (5 MB), JavaScript 34 berkas (300 KB)');
    expect(out).toContain('.git (aturan: .git)');
    expect(out).toContain('vendor/node_modules (aturan: node_modules)');
    expect(out).toContain('laporan 100%.pdf — memuat tanda %');
  });

  it('warns of each secret by file, line and kind, loudly', () => {
    const markup = html(<SourceScanView scan={scan} />);
    const out = text(markup);
    expect(out).toContain('Kemungkinan rahasia di kode sumber: 2 temuan di 2 berkas');
    expect(out).toContain('.env seluruh berkas berkas .env: variabel lingkungan');
    expect(out).toContain('config/database.php 12 kata sandi atau kunci tertulis langsung (password)');
    expect(markup).toContain('role="alert"');
  });
});

describe('verification', () => {
  const base: BagVerification = {
    file: '/paket/serah-terima.zip',
    complete: true,
    valid: true,
    judgedAs: 'paket-berkas',
    berkasPackage: { kind: 'serah-terima', signedDocuments: ['data/berita-acara-serah-terima.pdf'] },
    bagitVersion: '1.0',
    algorithms: ['sha256'],
    issues: [],
    notes: [],
    missing: [],
    mismatched: [],
    unexpected: [],
    signatures: [
      {
        file: 'data/berita-acara-serah-terima.pdf',
        field: 'TTD1_Penyusun',
        signer: 'Siti Rahmawati',
        nip: '198507172010011003',
        subfilter: 'ETSI.CAdES.detached',
        signedAt: '2024-06-17T03:00:00.000Z',
        signedAtSource: 'jam-penanda-tangan',
        timestampedAt: null,
        timestampClaim: null,
        level: 'B-B',
        integrity: 'valid',
        certificate: 'untrusted',
        certified: false,
        docMdpPermission: null,
        coversWholeDocument: true,
        revision: 2,
        changesAfter: [],
        changeLevel: 'none',
        isChangePermitted: true,
        problems: ['Belum ada sertifikat akar tepercaya yang dipasang.'],
        isSigned: true,
        isValid: true,
        notes: [],
      },
    ],
    problems: [],
    baseDirectory: 'serah-terima',
    bagInfo: [['Source-Organization', 'Dinas Pendidikan']],
    payload: { files: 13, bytes: 6 * 1024 * 1024 },
  };

  it('says valid, and who signed with what certificate status', () => {
    const markup = html(<VerificationView report={base} />);
    const out = text(markup);
    // Intact with an untrusted signer: never called "sah" (issue 13.6).
    expect(out).toContain('Utuh, belum sah: paket lengkap');
    expect(out).not.toContain('Sah: paket lengkap');
    expect(markup).toContain('ho-verify-untrusted');
    expect(out).toContain('13 berkas, 6 MB');
    expect(out).toContain('Oleh Siti Rahmawati, NIP 198507172010011003');
    expect(out).toContain('Utuh · sertifikat tidak tepercaya');
    expect(out).toContain('Daftar isi paket Semua berkas ada dan cocok');
    // The standards' words only under "Rincian teknis" (issue 15): the PAdES level, the manifest's name, bag-info.
    const technical = /<details class="tech-details ho-baginfo"[^]*?<\/details>/.exec(markup)?.[0] ?? '';
    const outside = text(markup.replace(technical, ''));
    expect(outside).not.toMatch(/PAdES|SHA-256|Source-Organization/);
    expect(text(technical)).toContain('Rincian teknis');
    expect(text(technical)).toContain('tingkat PAdES B-B');
    expect(text(technical)).toContain('manifest-sha256.txt');
    expect(text(technical)).toContain('Source-Organization Dinas Pendidikan');
    expect(markup).toContain('data-valid="true"');
  });

  it('says sah only when the signer chains to an installed root', () => {
    const trusted: BagVerification = { ...base, signatures: [{ ...base.signatures[0]!, certificate: 'trusted', problems: [] }] };
    const markup = html(<VerificationView report={trusted} />);
    expect(text(markup)).toContain('Sah: paket lengkap');
    expect(markup).toContain('data-trusted="true"');
    expect(markup).toContain('ho-verify ho-verify-ok');
    const expired: BagVerification = { ...base, signatures: [{ ...base.signatures[0]!, certificate: 'expired' }] };
    expect(text(html(<VerificationView report={expired} />))).toContain('Utuh, belum sah');
  });

  it('names each changed, missing and unlisted file of a package that is not valid', () => {
    const broken: BagVerification = {
      ...base,
      valid: false,
      complete: false,
      missing: ['data/manual/manual.pdf'],
      mismatched: ['data/kode-sumber/app/index.php'],
      unexpected: ['data/tambahan.exe'],
      problems: ['Payload-Oxum tidak cocok'],
      signatures: [{ ...base.signatures[0]!, integrity: 'invalid', isValid: false }],
    };
    const markup = html(<VerificationView report={broken} />);
    const out = text(markup);
    expect(out).toContain('Tidak sah: paket tidak lengkap.');
    expect(out).toContain('Hilang data/manual/manual.pdf');
    expect(out).toContain('Berubah data/kode-sumber/app/index.php');
    expect(out).toContain('Tak terdaftar data/tambahan.exe');
    expect(out).toContain('Payload-Oxum tidak cocok');
    expect(out).toContain('Rusak');
    expect(markup).toContain('data-valid="false"');
  });
});
