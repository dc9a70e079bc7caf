import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The renderer's rooms: a feature (features/<area>/) reaches another only
 * through that feature's index, and the shared kit (components/, lib/) reaches
 * no feature at all, so a feature can be reworked behind its index without
 * breaking the others. Only the catalog reads a feature's own texts directly.
 */
const srcDir = path.resolve(__dirname, '../../../renderer/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Every module specifier a file imports or re-exports (static and dynamic). */
function specifiersOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The area a path under renderer/src belongs to: 'features/<name>', 'components', 'lib', or another top folder or file. */
function roomOf(relPath: string): string {
  const parts = relPath.split(path.sep);
  return parts[0] === 'features' && parts.length > 1 ? `features/${parts[1]}` : (parts[0] ?? '');
}

function crossings(file: string, text?: string): string[] {
  const from = path.relative(srcDir, file);
  const fromRoom = roomOf(from);
  const found: string[] = [];
  for (const spec of specifiersOf(file, text)) {
    if (!spec.startsWith('.')) continue;
    const target = path.relative(srcDir, path.resolve(path.dirname(file), spec)).replace(/\.tsx?$/, '');
    const targetRoom = roomOf(target);
    if (!targetRoom.startsWith('features/') || targetRoom === fromRoom) continue;
    // The catalog (i18n/id.ts, en.ts) is composed of every feature's own texts.
    if (fromRoom === 'i18n' && /^features\/[^/]+\/i18n\.(id|en)$/.test(target.split(path.sep).join('/'))) continue;
    if (fromRoom === 'components' || fromRoom === 'lib') found.push(`${from}: the shared kit imports the feature ${targetRoom} ('${spec}')`);
    else if (target !== targetRoom && target !== `${targetRoom}/index`) found.push(`${from}: reaches around the index of ${targetRoom} ('${spec}')`);
  }
  return found;
}

describe('renderer feature boundaries', () => {
  const files = sourceFiles(srcDir);

  it('finds features, components and lib', () => {
    const rooms = new Set(files.map((f) => roomOf(path.relative(srcDir, f))));
    expect([...rooms].filter((r) => r.startsWith('features/')).length).toBeGreaterThanOrEqual(6);
    expect(rooms.has('components') && rooms.has('lib')).toBe(true);
  });

  it('has features import each other only through their index, and components and lib import no feature', () => {
    expect(files.flatMap((f) => crossings(f))).toEqual([]);
  });

  it('catches a crossing (the check itself works)', () => {
    const inReports = path.join(srcDir, 'features/reports/probe.tsx');
    const code = [
      "import { SignStep } from '../signing/sign-step';",
      "import { SigningScreen } from '../signing';",
      "import { OutboxScreen } from '../outbox/index';",
      "export { labelOf } from './labels';",
      "const lazy = () => import('../handover/model');",
    ].join('\n');
    expect(crossings(inReports, code)).toEqual([
      "features/reports/probe.tsx: reaches around the index of features/signing ('../signing/sign-step')",
      "features/reports/probe.tsx: reaches around the index of features/handover ('../handover/model')",
    ]);
    expect(crossings(path.join(srcDir, 'i18n/probe.ts'), "import { outboxId } from '../features/outbox/i18n.id';\nimport { x } from '../features/outbox/labels';")).toEqual([
      "i18n/probe.ts: reaches around the index of features/outbox ('../features/outbox/labels')",
    ]);
    expect(crossings(path.join(srcDir, 'components/probe.tsx'), "import { OldestUnsent } from '../features/outbox';")).toEqual([
      "components/probe.tsx: the shared kit imports the feature features/outbox ('../features/outbox')",
    ]);
  });
});
