/**
 * The same calls through the in-process client (CLI, tests) and through
 * `berkas ui`'s HTTP transport give identical envelopes: one contract, one
 * dispatch, no logic in a transport. Each transport gets its own fresh data
 * folder, so both start from the same state.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Channel } from '../../core/api/channels';
import type { Envelope } from '../../core/api/envelope';
import { createHandlers } from '../../core/app/handlers';
import { createServices } from '../../core/app/services';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { isBerkasError } from '../../core/domain/errors';
import { inProcessClient } from '../../core/app/in-process';
import { startUiServer, type UiServer } from '../../cli/ui-server';

type Call = [channel: Channel, payload: unknown];

const goodSettings = {
  opd: { name: 'Dinas Pendidikan', code: 'DISDIK', profileId: 'jambi' },
  officer: { name: 'Siti Rahmawati', nip: '19850717 201001 1 003', jabatan: 'Kepala Seksi', pangkatGolongan: 'Penata, III/c' },
  serverUrl: '',
  language: 'id',
};

/** The sequence both transports run, in order; state carries from one call to the next. */
const calls: Call[] = [
  ['listProfiles', {}],
  ['getSettings', {}],
  ['getProfile', { id: 'banjarmasin' }],
  ['getProfile', { id: 'tidak-ada' }],
  ['checkNip', { nip: '198507172010011003' }],
  ['checkNip', { nip: '198513172010011003' }],
  ['checkNip', { nip: '198507172010013003' }],
  ['checkNip', { nip: '12345' }],
  ['checkNip', { nip: '19850717201001100X' }],
  ['saveSettings', { ...goodSettings, officer: { ...goodSettings.officer, nip: '198507172010011000' } }],
  ['saveSettings', { ...goodSettings, opd: { ...goodSettings.opd, profileId: 'atlantis' } }],
  ['getSettings', {}],
  ['saveSettings', goodSettings],
  ['getSettings', {}],
  // Malformed payloads: refused by the schema, nothing changed.
  ['saveSettings', { opd: 5 }],
  ['saveSettings', { ...goodSettings, language: 'fr' }],
  ['saveSettings', { ...goodSettings, extra: true }],
  ['checkNip', { nip: 1985071720 }],
  ['checkNip', []],
  ['getProfile', { id: 'x'.repeat(65) }],
  ['appInfo', { verbose: true }],
  ['getSettings', {}],
];

/** What a transport delivers is JSON-shaped; compare in that shape. */
function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('transports give identical envelopes', () => {
  const dirs: string[] = [];
  let inProcessWs: Workspace;
  let inProcessApi: Record<Channel, (p: unknown) => Promise<unknown>>;
  let httpWs: Workspace;
  let server: UiServer;

  beforeAll(async () => {
    const mk = (name: string) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), `berkas-transport-${name}-`));
      dirs.push(dir);
      return dir;
    };
    const clock = { now: () => new Date('2024-05-02T03:04:05Z') };
    inProcessWs = await openWorkspace({ dataDir: mk('inproc'), transport: 'in-process', clock });
    inProcessApi = inProcessClient(createServices(inProcessWs)) as unknown as Record<Channel, (p: unknown) => Promise<unknown>>;
    httpWs = await openWorkspace({ dataDir: mk('http'), transport: 'http', clock });
    const rendererDir = mk('renderer');
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Berkas</title>');
    server = await startUiServer({ handlers: createHandlers(createServices(httpWs)), rendererDir });
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/[0-9a-f]{64}/$`));
  });

  afterAll(async () => {
    await server?.close();
    await inProcessWs?.close();
    await httpWs?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function viaInProcess(channel: Channel, payload: unknown): Promise<Envelope<unknown>> {
    try {
      return asJson({ ok: true, value: await inProcessApi[channel](payload) });
    } catch (err) {
      if (!isBerkasError(err)) throw err;
      return asJson({ ok: false, error: err.toPayload() });
    }
  }

  async function viaHttp(channel: Channel, payload: unknown): Promise<Envelope<unknown>> {
    const response = await fetch(`${server.url}api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Envelope<unknown>;
  }

  it('appInfo: the same but for the transport and the data folder', async () => {
    const a = await viaInProcess('appInfo', {});
    const b = await viaHttp('appInfo', {});
    if (!a.ok || !b.ok) throw new Error(`appInfo failed: ${JSON.stringify({ a, b })}`);
    const strip = ({ transport: _t, dataDir: _d, ...rest }: Record<string, unknown>) => rest;
    expect((a.value as { transport: string }).transport).toBe('in-process');
    expect((b.value as { transport: string }).transport).toBe('http');
    expect(strip(b.value as Record<string, unknown>)).toEqual(strip(a.value as Record<string, unknown>));
  });

  it('every call of the sequence, successes and refusals alike', async () => {
    const outcomes: { call: string; inProcess: Envelope<unknown>; http: Envelope<unknown> }[] = [];
    for (const [channel, payload] of calls) {
      outcomes.push({
        call: `${channel} ${JSON.stringify(payload).slice(0, 60)}`,
        inProcess: await viaInProcess(channel, payload),
        http: await viaHttp(channel, payload),
      });
    }
    for (const o of outcomes) expect({ call: o.call, envelope: o.http }).toEqual({ call: o.call, envelope: o.inProcess });

    // The sequence really covers what it claims: some successes, the refusals we meant, the save happened once.
    const codes = outcomes.map((o) => (o.inProcess.ok ? 'ok' : o.inProcess.error.code));
    expect(codes).toEqual([
      'ok', 'ok', 'ok', 'PROFILE_UNKNOWN',
      'ok', 'ok', 'ok', 'ok', 'ok',
      'NIP_INVALID', 'PROFILE_UNKNOWN', 'ok', 'ok', 'ok',
      'INVALID_REQUEST', 'INVALID_REQUEST', 'INVALID_REQUEST', 'INVALID_REQUEST', 'INVALID_REQUEST', 'INVALID_REQUEST', 'INVALID_REQUEST',
      'ok',
    ]);
    const settingsAfter = outcomes.map((o) => (o.call.startsWith('getSettings') && o.inProcess.ok ? o.inProcess.value : undefined));
    expect(settingsAfter[1]).toBeNull();
    expect(settingsAfter[11]).toBeNull();
    expect(settingsAfter[13]).toMatchObject({ officer: { nip: '198507172010011003' } });
    expect(settingsAfter[21]).toEqual(settingsAfter[13]);
    expect(outcomes[9]?.inProcess).toMatchObject({ ok: false, error: { details: { field: 'officer.nip', part: 'nomor-urut' } } });
  });

  it('HTTP alone: a body that is not JSON is refused before dispatch', async () => {
    const response = await fetch(`${server.url}api/getSettings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"opd":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INVALID_JSON' } });
  });
});
