import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { RegionProfile } from '../../../core/domain/profiles/profile';

/**
 * Every visible string goes through the catalogs (renderer/src/i18n) or comes
 * from the region profile. This walks the renderer's TSX and refuses text
 * written straight into JSX, or into attributes a person reads or hears.
 */
const srcDir = path.resolve(__dirname, '../../../renderer/src');
const readAttributes = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-roledescription']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'i18n' ? [] : sourceFiles(full);
    return /\.(tsx?)$/.test(name) ? [full] : [];
  });
}

function findings(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(srcDir, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(`${where(node)} JSX text "${node.text.trim()}"`);
    if (ts.isJsxAttribute(node) && readAttributes.has(node.name.getText(source)) && node.initializer && ts.isStringLiteral(node.initializer)) {
      if (/\p{L}/u.test(node.initializer.text)) found.push(`${where(node)} ${node.name.getText(source)}="${node.initializer.text}"`);
    }
    if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteral(node.expression) && /\p{L}/u.test(node.expression.text)) {
      found.push(`${where(node)} JSX string {"${node.expression.text}"}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('renderer text', () => {
  const files = sourceFiles(srcDir);

  it('finds the renderer sources', () => {
    expect(files.some((f) => f.endsWith('app.tsx'))).toBe(true);
  });

  it('writes no visible text outside the i18n catalogs', () => {
    expect(files.flatMap((f) => findings(f))).toEqual([]);
  });

  it('catches text written into JSX (the check itself works)', () => {
    const probe = path.join(srcDir, 'probe.tsx');
    const found = findings(probe, 'const a = <p title="Judul" aria-label={label}>Teks langsung {"lagi"} {t("x")}</p>;');
    expect(found).toEqual(['probe.tsx:1 title="Judul"', 'probe.tsx:1 JSX text "Teks langsung"', 'probe.tsx:1 JSX string {"lagi"}']);
  });

  it('names no region in its code: agency, ICT office and document words come from the profile', () => {
    const profilesDir = path.resolve(__dirname, '../../../assets/profiles');
    const words = readdirSync(profilesDir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => {
        const p = JSON.parse(readFileSync(path.join(profilesDir, f), 'utf8')) as RegionProfile;
        return [p.terms.agency, p.terms.ictOffice, p.terms.ictOfficeShort, p.terms.government, p.terms.actionPlan, p.name];
      });
    const found: string[] = [];
    for (const file of [...files, ...sourceFiles(path.join(srcDir, 'i18n'))]) {
      const strings: string[] = [];
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const visit = (node: ts.Node) => {
        if (ts.isStringLiteralLike(node)) strings.push(node.text);
        ts.forEachChild(node, visit);
      };
      visit(source);
      for (const s of strings) {
        for (const word of words) {
          if (new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(s)) {
            found.push(`${path.relative(srcDir, file)}: "${s}" names "${word}"`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});
