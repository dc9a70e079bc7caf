import path from 'node:path';
import ts from 'typescript';
import { errorTextParams } from '../../../../renderer/src/i18n/errors/error-text';
import { errorTextParts, errorTextsEn } from '../../../../renderer/src/i18n/errors';

/**
 * Every error a screen can show has an English text: each `new BerkasError(code,
 * message, details)` in the code the UI runs (core, electron, renderer) is read
 * with the type checker; its code must be a string literal (or a union of them)
 * with a text in renderer/src/i18n/errors, its Indonesian message must be there,
 * and every parameter the English text names must be a property of its details.
 */
const root = path.resolve(__dirname, '../../../..');

/**
 * Throw sites that pass on a failure they received (its code, message and
 * details came from elsewhere already translated), named with why.
 */
const passThrough: Record<string, string> = {
  'core/api/dispatch.ts': 'turns an envelope from the transport back into the error thrown on the other side',
  'core/adapters/sync-client/server-refusal.ts': "turns the intake server's error envelope into the error the outbox judges: the server's code and message, its codes in receivedCodes",
};

interface Site {
  where: string;
  codes: string[] | null;
  params: string[];
  hasMessage: boolean;
}

function throwSites(): Site[] {
  const configPath = path.join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const scope = /^(core|electron|renderer\/src)\//;
  const program = ts.createProgram({
    rootNames: parsed.fileNames.filter((f) => scope.test(path.relative(root, f))),
    options: { ...parsed.options, noEmit: true },
  });
  const checker = program.getTypeChecker();
  const sites: Site[] = [];
  for (const source of program.getSourceFiles()) {
    const rel = path.relative(root, source.fileName);
    if (!scope.test(rel) || passThrough[rel]) continue;
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && node.expression.getText(source) === 'BerkasError') {
        const [codeArg, messageArg, detailsArg] = node.arguments ?? [];
        const where = `${rel}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
        let codes: string[] | null = null;
        if (codeArg) {
          const type = checker.getTypeAtLocation(codeArg);
          const members = type.isUnion() ? type.types : [type];
          codes = members.every((t) => t.isStringLiteral()) ? members.map((t) => (t as ts.StringLiteralType).value) : null;
        }
        const params = detailsArg ? checker.getTypeAtLocation(detailsArg).getProperties().map((p) => p.getName()) : [];
        const hasMessage = !!messageArg && !(ts.isStringLiteral(messageArg) && messageArg.text.trim() === '');
        sites.push({ where, codes, params, hasMessage });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return sites;
}

describe('English texts of core errors', () => {
  const sites = throwSites();

  it('reads the throw sites', () => {
    expect(sites.length).toBeGreaterThan(300);
  });

  it('gives every throw site a literal code and an Indonesian message', () => {
    expect(sites.filter((s) => s.codes === null).map((s) => `${s.where}: the code is not a string literal`)).toEqual([]);
    expect(sites.filter((s) => !s.hasMessage).map((s) => `${s.where}: no Indonesian message`)).toEqual([]);
  });

  it('has an English text for every code, with every parameter it names given by each throw site', () => {
    const problems: string[] = [];
    for (const site of sites) {
      for (const code of site.codes ?? []) {
        const text = errorTextsEn[code];
        if (text === undefined) {
          problems.push(`${site.where}: ${code} has no English text`);
          continue;
        }
        const missing = errorTextParams(text).filter((p) => !site.params.includes(p));
        if (missing.length) problems.push(`${site.where}: ${code} does not give ${missing.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps each code in one part, and no text for a code nobody throws', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [part, texts] of Object.entries(errorTextParts)) {
      for (const code of Object.keys(texts)) {
        const other = seen.get(code);
        if (other) twice.push(`${code} in ${other} and ${part}`);
        seen.set(code, part);
      }
    }
    expect(twice).toEqual([]);
    const thrown = new Set(sites.flatMap((s) => s.codes ?? []));
    expect(Object.keys(errorTextsEn).filter((code) => !thrown.has(code) && !receivedCodes.has(code))).toEqual([]);
  });
});

/** Codes the UI receives from the intake server (PROTOCOL.md) rather than throws itself. */
const receivedCodes = new Set<string>([
  'BAD_REQUEST', 'METHOD_NOT_ALLOWED', 'LENGTH_REQUIRED', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE', 'AUTH_REQUIRED', 'TOKEN_INVALID',
  'FORBIDDEN', 'ENROLLMENT_CODE_INVALID', 'ENROLLMENT_CODE_USED', 'ENROLLMENT_CODE_EXPIRED', 'OPD_NOT_FOUND', 'INVALID_ID', 'MANIFEST_INVALID',
  'MANIFEST_HASH_MISMATCH', 'METADATA_MISMATCH', 'SUBMISSION_NOT_FOUND', 'SUBMISSION_CONFLICT', 'SUBMISSION_ID_TAKEN', 'REVISION_TARGET_UNKNOWN',
  'BLOBS_MISSING', 'BLOB_NOT_EXPECTED', 'BLOB_HASH_MISMATCH', 'UPLOAD_OFFSET_MISMATCH', 'UPLOAD_LENGTH_MISMATCH', 'CHUNK_CHECKSUM_MISMATCH',
  'CHUNK_OUT_OF_RANGE', 'SIGNATURE_MISSING',
]);
