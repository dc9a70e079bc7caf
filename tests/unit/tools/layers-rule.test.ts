import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const eslintBin = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** Lints `code` as if it lived at `filePath`, through the project's rules that need no type checker (eslint.base.config.mjs). */
function lintAs(filePath: string, code: string): { exitCode: number; messages: { ruleId: string | null; message: string }[] } {
  const run = spawnSync(process.execPath, [eslintBin, '--config', 'eslint.base.config.mjs', '--format', 'json', '--stdin', '--stdin-filename', filePath], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  const report = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return { exitCode: run.status ?? -1, messages: report[0]?.messages ?? [] };
}

const layerErrors = (r: ReturnType<typeof lintAs>) => r.messages.filter((m) => m.ruleId === 'berkas/layers');

describe('the layer table of ARCHITECTURE.md is enforced by lint', () => {
  it('refuses core/domain importing node:fs', () => {
    const result = lintAs('core/domain/example-bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(result.exitCode).toBe(1);
    expect(layerErrors(result)[0]?.message).toContain("Layer 'domain' may not import 'node:fs'");
  });

  it('refuses core/domain reaching into adapters through a relative path', () => {
    const result = lintAs('core/domain/deep/example-bad.ts', "import { writeFileAtomic } from '../../adapters/fs-atomic';\nexport const w = writeFileAtomic;\n");
    expect(layerErrors(result)).toHaveLength(1);
  });

  it('refuses the renderer importing adapters, services or node', () => {
    const code = [
      "import { openWorkspace } from '../../core/app/workspace';",
      "import { createBlobStore } from '../../core/adapters/blob-store';",
      "import os from 'node:os';",
      'export const all = [openWorkspace, createBlobStore, os];',
    ].join('\n');
    expect(layerErrors(lintAs('renderer/src/example-bad.ts', code))).toHaveLength(3);
  });

  it('judges an @core/ import by the folder it names, never as a library', () => {
    const code = [
      "import { openWorkspace } from '@core/app/workspace';",
      "import { createBlobStore } from '@core/adapters/blob-store';",
      "import type { Store } from '@core/ports';",
      'export const all = [openWorkspace, createBlobStore];',
      'export type S = Store;',
    ].join('\n');
    const errors = layerErrors(lintAs('renderer/src/features/example-bad.ts', code));
    expect(errors.map((e) => e.message)).toEqual([
      "Layer 'renderer' may not import '@core/app/workspace' (app). See the import table in ARCHITECTURE.md.",
      "Layer 'renderer' may not import '@core/adapters/blob-store' (adapters). See the import table in ARCHITECTURE.md.",
      "Layer 'renderer' may not import '@core/ports' (ports). See the import table in ARCHITECTURE.md.",
    ]);
    // The same alias from core/domain reaching adapters is refused as a relative path would be.
    expect(layerErrors(lintAs('core/domain/example-bad.ts', "import { x } from '@core/adapters/fs-atomic';\nexport const y = x;\n"))).toHaveLength(1);
  });

  it('accepts the renderer importing core/api and core/domain through @core/, and asks for the alias instead of a deep relative path', () => {
    const ok = lintAs('renderer/src/features/example-ok.ts', "import { checkNip } from '@core/domain/settings/nip';\nimport type { BerkasApi } from '@core/api/contract';\nexport const c = checkNip;\nexport type A = BerkasApi;\n");
    expect(ok.messages).toEqual([]);
    const relative = layerErrors(lintAs('renderer/src/features/example-bad.ts', "import { checkNip } from '../../../core/domain/settings/nip';\nexport const c = checkNip;\n"));
    expect(relative.map((e) => e.message)).toEqual(["The renderer imports core through the alias: '@core/domain/settings/nip' instead of '../../../core/domain/settings/nip'."]);
  });

  it('refuses the preload importing anything but core/api and electron', () => {
    const code = "import { contract } from '../../core/api/contract';\nimport { checkNip } from '../../core/domain/settings/nip';\nexport const x = [contract, checkNip];\n";
    expect(layerErrors(lintAs('electron/preload/example-bad.ts', code))).toHaveLength(1);
  });

  it('refuses core importing electron or react', () => {
    expect(layerErrors(lintAs('core/adapters/example-bad.ts', "import { app } from 'electron';\nexport const a = app;\n"))).toHaveLength(1);
    expect(layerErrors(lintAs('core/services/example-bad.ts', "import React from 'react';\nexport const r = React;\n"))).toHaveLength(1);
  });

  it('accepts the imports the table allows', () => {
    const domainOk = lintAs('core/domain/settings/example-ok.ts', "import { BerkasError } from '../errors';\nexport const e = BerkasError;\n");
    expect(domainOk.messages).toEqual([]);
    const adapterOk = lintAs('core/adapters/example-ok.ts', "import path from 'node:path';\nimport { BerkasError } from '../domain/errors';\nexport const x = [path, BerkasError];\n");
    expect(adapterOk.messages).toEqual([]);
  });
});

describe('core/app handler files only map channels to the services the root built', () => {
  it('refuses a handler file building a service, an adapter, or importing another handler file', () => {
    const code = [
      "import { createServices } from './services';",
      "import { createOutboxService } from '../services/outbox-service';",
      "import { createSyncClient } from '../adapters/sync-client/sync-client';",
      "import { createSigningHandlers } from './signing-handlers';",
      'export const all = [createServices, createOutboxService, createSyncClient, createSigningHandlers];',
    ].join('\n');
    const errors = layerErrors(lintAs('core/app/example-handlers.ts', code));
    expect(errors.map((e) => e.message)).toEqual([
      "Layer 'app-handlers' may not import './services' (app). See the import table in ARCHITECTURE.md.",
      "Layer 'app-handlers' may not import '../services/outbox-service' (services). See the import table in ARCHITECTURE.md.",
      "Layer 'app-handlers' may not import '../adapters/sync-client/sync-client' (adapters). See the import table in ARCHITECTURE.md.",
      "Layer 'app-handlers' may not import './signing-handlers' (app-handlers). See the import table in ARCHITECTURE.md.",
    ]);
  });

  it('accepts types of the services and the root, values of the contract, the domain and node', () => {
    const code = [
      "import path from 'node:path';",
      "import type { Handlers } from '../api/contract';",
      "import { BerkasError } from '../domain/errors';",
      "import type { Services } from './services';",
      "import { type OutboxService } from '../services/outbox-service';",
      'export type H = [Handlers, Services, OutboxService];',
      'export const all = [path, BerkasError];',
    ].join('\n');
    expect(layerErrors(lintAs('core/app/example-handlers.ts', code))).toEqual([]);
  });

  it("treats an area's ports (core/services/<area>/ports.ts) as ports: adapters implement them, they import nothing but the domain", () => {
    const adapter = "import type { OutboxRepository } from '../../services/outbox/ports';\nexport type R = OutboxRepository;\n";
    expect(layerErrors(lintAs('core/adapters/repositories/example-ok.ts', adapter))).toEqual([]);
    const service = "import type { OutboxRepository } from '../../services/outbox/outbox-service';\nexport type R = OutboxRepository;\n";
    expect(layerErrors(lintAs('core/adapters/repositories/example-bad.ts', service))).toHaveLength(1);
    const ports = "import { createOutboxRepository } from '../../adapters/repositories/outbox-repository';\nexport const r = createOutboxRepository;\n";
    expect(layerErrors(lintAs('core/services/outbox/ports.ts', ports))).toHaveLength(1);
  });

  it('lets the root itself (core/app, not a handler file) build services from adapters', () => {
    const code = "import { createOutboxService } from '../services/outbox-service';\nimport { createSyncClient } from '../adapters/sync-client/sync-client';\nexport const all = [createOutboxService, createSyncClient];\n";
    expect(layerErrors(lintAs('core/app/example-root.ts', code))).toEqual([]);
  });
});
