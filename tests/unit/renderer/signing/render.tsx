import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AppInfo } from '../../../../core/api/contract-app';
import type { BerkasApi } from '../../../../core/api/contract';
import type { RegionProfile } from '../../../../core/domain/profiles/profile';
import { WorkspaceContext, type Workspace } from '../../../../renderer/src/app-context';
import { I18nProvider } from '../../../../renderer/src/i18n/i18n-context';
import type { Language } from '../../../../renderer/src/i18n/catalog';

const profile = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../assets/profiles/jambi.json'), 'utf8')) as RegionProfile;

/**
 * Renders a signing component to HTML the way the screen would show it first
 * (no effects run: what a component says before any request answers).
 * Requests are refused, so a component that calls the API while rendering fails the test.
 */
export function renderSigning(node: ReactNode, options: { language?: Language; transport?: AppInfo['transport'] } = {}): string {
  const api = new Proxy({} as BerkasApi, {
    get: (_target, name) => () => Promise.reject(new Error(`unexpected request ${String(name)} while rendering`)),
  });
  const workspace: Workspace = {
    api,
    info: { name: 'Berkas', version: '0.0.0-uji', transport: options.transport ?? 'http', dataDir: '/tmp/berkas-uji', notices: [], today: '2026-11-22' },
    profiles: [],
    settings: {
      opd: { name: 'Badan Perencanaan Pembangunan Daerah', code: 'BAPPEDA', profileId: 'jambi' },
      officer: { name: 'Siti Rahmawati, S.Kom.', nip: '198507172010011003', jabatan: 'Kepala Subbagian Program', pangkatGolongan: 'Penata, III/c' },
      serverUrl: '',
      language: options.language ?? 'id',
    },
    profile,
    applySettings: () => Promise.resolve(),
  };
  return renderToStaticMarkup(
    <I18nProvider language={options.language ?? 'id'}>
      <WorkspaceContext.Provider value={workspace}>{node}</WorkspaceContext.Provider>
    </I18nProvider>,
  );
}

/** The text a person reads, tags dropped and whitespace collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
