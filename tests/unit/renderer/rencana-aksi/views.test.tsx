/**
 * The editor's views rendered to HTML (react-dom/server): what the officer
 * reads is there, in Indonesian, with the numbers of the analysis.
 */
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { BerkasApi } from '../../../../core/api/contract';
import { analyzePlan } from '../../../../core/domain/rencana-aksi';
import { planTimeline } from '../../../../core/domain/rencana-aksi/timeline';
import type { RegionProfile } from '../../../../core/domain/profiles/profile';
import { WorkspaceContext, type Workspace } from '../../../../renderer/src/app-context';
import { I18nProvider } from '../../../../renderer/src/i18n/i18n-context';
import { FindingsPanel, messageBody } from '../../../../renderer/src/features/rencana-aksi/findings-panel';
import { PlanEditor } from '../../../../renderer/src/features/rencana-aksi/plan-editor';
import { TimelineChart } from '../../../../renderer/src/features/rencana-aksi/timeline-chart';
import { BudgetChart, OutputTotalsTable, TotalsStrip, shortLabel } from '../../../../renderer/src/features/rencana-aksi/totals-view';
import { prabumulihPlan } from './prabumulih-plan';

// The signing feature mounts its button in the editor's toolbar; its own tests cover it (and its stylesheet
// is for the bundler, not for Jest).
jest.mock('../../../../renderer/src/features/signing', () => ({ SignPlanButton: () => null }));

const plan = prabumulihPlan();
const analysis = analyzePlan(plan, { positions: 'editor' });

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

describe('totals', () => {
  it('shows the total and all five funding sources the Indonesian way', () => {
    const out = text(html(<TotalsStrip totals={analysis.totals} stageCount={analysis.stageCount} />));
    expect(out).toContain('Total Rp 186.000.000');
    expect(out).toContain('APBD Rp 186.000.000');
    for (const label of ['APBD Provinsi Rp 0', 'APBN Rp 0', 'Hibah Rp 0', 'Lainnya Rp 0']) expect(out).toContain(label);
    expect(out).toContain('Tahap 17');
    expect(out).toContain('Tak dihitung 6 kosong, 0 tak terbaca');
  });

  it('draws one bar per output with its Rupiah label, longest for the largest subtotal', () => {
    const markup = html(<BudgetChart totals={analysis.totals} plan={plan} />);
    const widths = [...markup.matchAll(/<rect[^>]*width="([\d.]+)"[^>]*class="ra-chart-bar"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(7);
    expect(Math.max(...widths)).toBe(widths[2]);
    expect(widths.slice(4)).toEqual([0, 0, 0]);
    expect(text(markup)).toContain('Pengembangan Aplikasi Rp 105.000.000');
    expect(markup).toContain('role="img"');
  });

  it('tabulates every output by source with the total at the foot', () => {
    const out = text(html(<OutputTotalsTable totals={analysis.totals} plan={plan} />));
    expect(out).toContain('Arsitektur Sistem Pengembangan SIM PKK Rp 30.000.000 – – – – Rp 30.000.000');
    expect(out).toContain('Total Rp 186.000.000 Rp 0 Rp 0 Rp 0 Rp 0 Rp 186.000.000');
  });

  it('cuts long chart labels with an ellipsis', () => {
    expect(shortLabel('Format Data yang Dibutuhkan dan yang akan dihasilkan', 20)).toBe('Format Data yang Di…');
    expect(shortLabel('  DFD\n', 20)).toBe('DFD');
  });
});

describe('timeline chart', () => {
  it('labels the twelve months of the plan year and draws a bar per stage and output', () => {
    const markup = html(<TimelineChart timeline={planTimeline(plan)} />);
    const months = [...markup.matchAll(/class="ra-gantt-head"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(months).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des']);
    expect(markup.match(/class="ra-gantt-bar"/g)).toHaveLength(17);
    expect(markup.match(/class="ra-gantt-bar ra-gantt-bar-output"/g)).toHaveLength(7);
    expect(markup).toContain('<title>Coding: Januari – Mei</title>');
    expect(markup).toContain('Jadwal tahap per bulan, Januari sampai Desember 2025');
  });

  it('speaks English month names in the English interface', () => {
    const markup = html(<TimelineChart timeline={planTimeline(plan)} />, 'en');
    expect(markup).toContain('>Aug<');
    expect(markup).toContain('<title>Coding: January – May</title>');
  });
});

describe('findings panel', () => {
  it('lists row, column and the Indonesian message of each finding, the rule codes only under Rincian teknis', () => {
    const out = text(html(<FindingsPanel id="f" headingId="h" findings={analysis.findings} errorCount={analysis.errorCount} warningCount={analysis.warningCount} onSelect={() => undefined} />));
    expect(out).toContain(`Temuan (${analysis.findings.length})`);
    expect(out).toContain('Peringatan Baris 5, kolom Tahap Pelaksanaan');
    expect(out).toContain('tahap "Format Data yang Dibutuhkan dan yang akan dihasilkan" sama dengan tahap pada baris 4');
    expect(out).toContain('Galat Baris 13, kolom Sumber Daya');
    // The codes: once each with their count, after the "Rincian teknis" summary (a closed <details>).
    const [shown = '', technical = ''] = out.split('Rincian teknis');
    expect(shown).not.toMatch(/[A-Z]+_[A-Z_]+/);
    expect(technical).toContain('TAHAP_GANDA (1 temuan)');
    expect(technical).toContain('SUMBER_DAYA_KOSONG (6 temuan)');
  });

  it('drops the row and column already shown above the message, and only those', () => {
    expect(messageBody('Baris 5, kolom Tahap Pelaksanaan: tahap ganda.')).toBe('tahap ganda.');
    expect(messageBody('Total anggaran melebihi batas.')).toBe('Total anggaran melebihi batas.');
  });
});

describe('the whole editor', () => {
  const profile = { terms: { agency: 'OPD-UJI', ictOffice: 'Kantor TIK Uji', actionPlan: 'Rencana Uji' } } as unknown as RegionProfile;
  // Rendering to HTML runs no effect: the contract is never called, and says so if it were.
  const api = new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`${String(name)} dipanggil saat render`)) }) as BerkasApi;
  const workspace = { api, profile } as unknown as Workspace;
  const doc = { plan, revision: 2, createdAt: '2025-06-17T07:00:00.000Z', updatedAt: '2025-06-17T07:32:00.000Z', analysis };

  it('lays out the plan as a grid in the Prabumulih columns with marked cells, totals and save status', () => {
    const markup = renderToStaticMarkup(
      <I18nProvider language="id">
        <WorkspaceContext.Provider value={workspace}>
          <PlanEditor doc={doc} catalog={undefined} initialReport={null} onClose={() => undefined} onToast={() => undefined} />
        </WorkspaceContext.Provider>
      </I18nProvider>,
    );
    expect(markup).toContain('role="grid"');
    expect(markup).toContain('aria-rowcount="19"');
    const headers = [...markup.matchAll(/<th scope="col">([^<]+)<\/th>/g)].map((m) => m[1]).slice(0, 6);
    expect(headers).toEqual(['Output / Sub Output', 'Tahap Pelaksanaan', 'Metode / Teknologi / Platform', 'Pelaksana', 'Durasi', 'Sumber daya yang digunakan']);
    expect(markup.match(/role="gridcell"/g)).toHaveLength(1 + 17 * 6);
    // The repeated stage (row 5) is marked with aria-invalid and a symbol; the first one is not.
    expect(markup).toMatch(/id="ra-cell-4-1"[^>]*aria-invalid="true"/);
    expect(markup).not.toMatch(/id="ra-cell-3-1"[^>]*aria-invalid/);
    // 07.32 UTC on the workspace's clock, with the zone named (the profile's WIB unless it says otherwise).
    expect(markup).toContain('Tersimpan 14.32 WIB');
    expect(markup).toContain('data-testid="ra-total">Rp 186.000.000<');
    expect(markup).toContain('Kode OPD-UJI: BAPPEDA');
  });

  it('writes the time of day with a dot on the region\'s clock, whatever the machine\'s zone', () => {
    const markup = renderToStaticMarkup(
      <I18nProvider language="id" timeZone="WITA">
        <WorkspaceContext.Provider value={workspace}>
          <PlanEditor doc={doc} catalog={undefined} initialReport={null} onClose={() => undefined} onToast={() => undefined} />
        </WorkspaceContext.Provider>
      </I18nProvider>,
    );
    expect(markup).toContain('Tersimpan 15.32 WITA');
  });
});
