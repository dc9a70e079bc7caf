import { z } from 'zod';
import { op } from './operation';
import type { Settings } from '../domain/settings/settings';
import type { NipCheck } from '../domain/settings/nip';
import type { ProfileSummary, RegionProfile } from '../domain/profiles/profile';
import type { FolderListing } from '../domain/files/folder-listing';

const nonEmpty = (max: number) => z.string().trim().min(1).max(max);

export const settingsSchema = z.strictObject({
  opd: z.strictObject({
    name: nonEmpty(200),
    code: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9._-]+$/),
    profileId: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  }),
  officer: z.strictObject({
    name: nonEmpty(200),
    nip: z.string().trim().max(40),
    jabatan: nonEmpty(200),
    pangkatGolongan: z.string().trim().max(100),
  }),
  serverUrl: z.string().trim().max(2000),
  language: z.enum(['id', 'en']),
  reportsStartOn: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'Awal pelaporan ditulis TTTT-BB-HH, mis. 2026-07-01.' })
    .exactOptional(),
});

export interface AppInfo {
  name: string;
  version: string;
  /** How this UI reaches the services: inside Electron, or `berkas ui` over HTTP. */
  transport: 'electron' | 'http' | 'in-process';
  dataDir: string;
  /** Messages to show once after start (e.g. a corrupt database moved aside). */
  notices: { code: string; message: string }[];
  /** Today ("YYYY-MM-DD") on the workspace's clock, the day the due calendar uses: the first run offers its month as the start of reporting. */
  today: string;
}

export const appContract = {
  appInfo: op(z.strictObject({})).returns<AppInfo>(),
  /** null on first run: nothing set up yet. */
  getSettings: op(z.strictObject({})).returns<Settings | null>(),
  saveSettings: op(settingsSchema).returns<Settings>(),
  checkNip: op(z.strictObject({ nip: z.string().max(100) })).returns<NipCheck>(),
  listProfiles: op(z.strictObject({})).returns<ProfileSummary[]>(),
  getProfile: op(z.strictObject({ id: z.string().max(64) })).returns<RegionProfile>(),
  /**
   * One folder for the "Telusuri…" dialog (absent: the home folder). Names a
   * file: its folder, the file selected; names what does not exist yet: the
   * nearest folder above it. Read-only: names, sizes, dates.
   */
  browseFolder: op(
    z.strictObject({
      path: z.string().min(1).max(4096).exactOptional(),
      extensions: z.array(z.string().regex(/^\.[A-Za-z0-9.-]{1,30}$/)).max(10).exactOptional(),
      isWithPlaces: z.boolean().exactOptional(),
    }),
  ).returns<FolderListing>(),
};
