// The import table of ARCHITECTURE.md as a lint rule. It resolves relative
// imports against the importing file, so `../../adapters/x` from deep inside
// core/domain is caught the same as a bare `core/adapters` path would be, and
// the `@core/*` alias (tsconfig.json paths) to the folder it names, so an
// aliased import is judged by its real target, never as a library.
import path from 'node:path';
import { builtinModules } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const builtins = new Set(builtinModules);
const coreAlias = '@core/';

/** Which layer a repository-relative path belongs to (null: not layered). */
export function layerOf(relPath) {
  const p = relPath.split(path.sep).join('/');
  if (p.startsWith('core/domain/')) return 'domain';
  if (p === 'core/ports.ts' || p === 'core/ports') return 'ports';
  // An area's own ports (core/services/outbox/ports.ts: its repository), implemented in core/adapters like core/ports.ts.
  if (/^core\/services\/[^/]+\/ports(\.ts)?$/.test(p)) return 'ports';
  if (p.startsWith('core/services/')) return 'services';
  if (p.startsWith('core/adapters/')) return 'adapters';
  if (p.startsWith('core/api/')) return 'api';
  // The handler files of the composition root only map channels to services (ARCHITECTURE.md).
  if (/^core\/app\/[^/]+-handlers(\.ts)?$/.test(p)) return 'app-handlers';
  if (p.startsWith('core/app/')) return 'app';
  if (p.startsWith('electron/main/')) return 'electron-main';
  if (p.startsWith('electron/preload/')) return 'electron-preload';
  if (p.startsWith('renderer/')) return 'renderer';
  if (p.startsWith('cli/')) return 'cli';
  if (p.startsWith('server/')) return 'server';
  return null;
}

const core = ['domain', 'ports', 'services', 'adapters', 'api', 'app', 'app-handlers'];

/** layer -> what it may import. 'node', 'electron' and 'lib:<name>' / 'lib:*' are external kinds. */
export const allowed = {
  domain: ['domain'],
  ports: ['domain', 'ports'],
  services: ['domain', 'ports', 'services'],
  adapters: ['domain', 'ports', 'adapters', 'node', 'lib:*'],
  api: ['domain', 'api', 'lib:zod'],
  app: [...core, 'node', 'lib:*'],
  // Values only from the contract and the domain; services, ports and the root's Services as types: a handler never builds a service or another handler's map.
  'app-handlers': ['domain', 'api', 'node', 'type:services', 'type:ports', 'type:app'],
  'electron-main': [...core, 'electron-main', 'electron', 'node', 'lib:*'],
  'electron-preload': ['api', 'electron-preload', 'electron'],
  renderer: ['api', 'domain', 'renderer', 'lib:*'],
  cli: [...core, 'cli', 'server', 'node', 'lib:*'],
  server: [...core, 'server', 'node', 'lib:*'],
};

function targetOf(spec, fromFile) {
  const isAliased = spec.startsWith(coreAlias);
  if (isAliased || spec.startsWith('.') || spec.startsWith('/')) {
    const abs = isAliased ? path.join(root, 'core', spec.slice(coreAlias.length)) : path.resolve(path.dirname(fromFile), spec);
    const rel = path.relative(root, abs);
    const layer = layerOf(rel) ?? layerOf(rel + '.ts');
    return layer ?? `path:${rel}`;
  }
  if (spec.startsWith('node:') || builtins.has(spec.split('/')[0])) return 'node';
  if (spec === 'electron' || spec.startsWith('electron/')) return 'electron';
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  // Vite virtual/asset queries such as './x.css?inline' are relative and handled above.
  return `lib:${name}`;
}

function isAllowed(from, target, isTypeOnly) {
  const list = allowed[from];
  if (list.includes(target)) return true;
  if (isTypeOnly && list.includes(`type:${target}`)) return true;
  if (target.startsWith('lib:') && list.includes('lib:*')) return true;
  // Files outside every layer (assets JSON, tools) may be read by the outer layers only.
  if (target.startsWith('path:')) return !['domain', 'ports', 'services', 'api', 'electron-preload'].includes(from)
    || target.startsWith('path:assets/');
  return false;
}

/** `import type {…}`, or an import whose every name is `type X`: erased when compiled, it cannot build anything. */
function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const names = node.specifiers ?? [];
  return names.length > 0 && names.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer import table of ARCHITECTURE.md' },
    schema: [],
    messages: {
      forbidden: "Layer '{{from}}' may not import '{{spec}}' ({{target}}). See the import table in ARCHITECTURE.md.",
      useAlias: "The renderer imports core through the alias: '{{alias}}' instead of '{{spec}}'.",
    },
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(path.relative(root, file));
    if (!from) return {};
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const target = targetOf(spec, file);
      if (!isAllowed(from, target, isTypeOnly(node))) {
        context.report({ node, messageId: 'forbidden', data: { from, spec, target } });
        return;
      }
      // Deep relative paths into core break with every folder a renderer file moves to.
      if (from === 'renderer' && spec.startsWith('.')) {
        const rel = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
        if (rel.startsWith('core/')) context.report({ node, messageId: 'useAlias', data: { spec, alias: `@core/${rel.slice('core/'.length)}` } });
      }
    }
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal') {
          check(n, n.arguments[0].value);
        }
      },
    };
  },
};
