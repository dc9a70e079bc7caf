import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const eslintBin = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

/**
 * The project's lint (eslint.config.mjs) with the type checker: `code` is
 * linted in place of a real file of the project, so the checker knows it.
 */
function lintInPlaceOf(filePath: string, code: string): string[] {
  const run = spawnSync(process.execPath, [eslintBin, '--format', 'json', '--stdin', '--stdin-filename', filePath], { cwd: root, input: code, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { messages: { ruleId: string | null; line: number }[] }[];
  return (report[0]?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}:${m.line}`);
}

describe('type-aware lint', () => {
  it('refuses a promise left floating and one handed to a void callback', () => {
    const code = [
      'export async function later(): Promise<number> {',
      '  return 1;',
      '}',
      'export function run(): void {',
      '  later();',
      '}',
      'export function onClick(handler: () => void): void {',
      '  handler();',
      '}',
      'onClick(async () => {',
      '  await later();',
      '});',
      'export function fine(): void {',
      '  void later();',
      '  later().catch(() => undefined);',
      '}',
      '',
    ].join('\n');
    expect(lintInPlaceOf('core/domain/errors.ts', code)).toEqual(['@typescript-eslint/no-floating-promises:5', '@typescript-eslint/no-misused-promises:10']);
  });
});
