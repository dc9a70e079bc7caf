/**
 * Issue 15 item 7: a report keeps the region profile it was made under. After
 * the workspace switches from Pontianak to Banjarmasin, a Pontianak monev
 * report is still Pontianak's "Laporan pemantauan dan evaluasi layanan SPBE"
 * (Pasal 42 ayat (3)), is not counted as Banjarmasin's report of the same key,
 * and does not stop Banjarmasin's own report of that period from being made.
 * Expectations are read from assets/profiles.
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { inProcessClient } from '../../core/app/in-process';
import { createServices } from '../../core/app/services';
import type { BerkasApi } from '../../core/api/contract';
import type { RegionProfile } from '../../core/domain/profiles/profile';
import { settings, tempDir } from './signing-helpers';

const profileOf = (id: string) => JSON.parse(readFileSync(path.join(__dirname, '../../assets/profiles', `${id}.json`), 'utf8')) as RegionProfile;
const pontianak = profileOf('pontianak');
const banjarmasin = profileOf('banjarmasin');
const typeOf = (profile: RegionProfile, key: string) => profile.reports.find((r) => r.key === key)!;

let dir: string;
let ws: Workspace;
let api: BerkasApi;

beforeAll(async () => {
  dir = await tempDir('reports-profile');
  ws = await openWorkspace({ dataDir: path.join(dir, 'data'), transport: 'in-process' });
  api = inProcessClient(createServices(ws));
  await api.saveSettings(settings);
});

afterAll(async () => {
  await ws.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('a profile switch', () => {
  it("leaves a saved report's type, article and calendar where they were made, and says which profile that was", async () => {
    const key = 'monev-aplikasi';
    // Both profiles have this key, with different names and articles: the case that used to relabel.
    expect(typeOf(pontianak, key).name).not.toBe(typeOf(banjarmasin, key).name);
    const made = await api.reportSave({ typeKey: key, period: '2026-S1', data: {} });
    expect(made.typeName).toBe(typeOf(pontianak, key).name);
    expect(made.madeUnder).toBeUndefined();
    const dueBefore = (await api.reportDue({})).items.find((i) => i.typeKey === key && i.period === '2026-S1');
    expect(dueBefore?.reportId).toBe(made.id);

    await api.saveSettings({ ...settings, opd: { ...settings.opd, profileId: 'banjarmasin' } });

    // The saved report still reads as Pontianak's.
    const listed = (await api.reportList({})).find((r) => r.id === made.id);
    expect(listed).toMatchObject({ typeName: typeOf(pontianak, key).name, madeUnder: pontianak.name });
    const view = await api.reportGet({ id: made.id });
    expect(view.typeName).toBe(typeOf(pontianak, key).name);
    expect(view.title).toContain(typeOf(pontianak, key).name);

    // Banjarmasin's calendar is Banjarmasin's: its monev for 2026-S1 is still to be made.
    const due = (await api.reportDue({})).items.find((i) => i.typeKey === key && i.period === '2026-S1');
    expect(due).toMatchObject({ typeName: typeOf(banjarmasin, key).name, article: typeOf(banjarmasin, key).article, reportId: null });

    // And it can be made, next to the Pontianak one, under Banjarmasin's name.
    const own = await api.reportSave({ typeKey: key, period: '2026-S1', data: {} });
    expect(own.id).not.toBe(made.id);
    expect(own.typeName).toBe(typeOf(banjarmasin, key).name);
    expect(own.madeUnder).toBeUndefined();
    expect((await api.reportDue({})).items.find((i) => i.typeKey === key && i.period === '2026-S1')?.reportId).toBe(own.id);
    // A second Banjarmasin one of the same period is still refused.
    await expect(api.reportSave({ typeKey: key, period: '2026-S1', data: {} })).rejects.toMatchObject({ code: 'REPORT_EXISTS' });

    // Saving the Pontianak report again keeps it Pontianak's.
    const again = await api.reportSave({ id: made.id, typeKey: key, period: '2026-S1', data: {}, baseRevision: view.revision });
    expect(again).toMatchObject({ typeName: typeOf(pontianak, key).name, madeUnder: pontianak.name });
  });
});
