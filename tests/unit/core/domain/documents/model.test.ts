import { DOCUMENT_KINDS, documentKindLabels, isDocumentKind } from '../../../../../core/domain/documents/model';
import { SUBMISSION_TYPES } from '../../../../../core/domain/outbox/manifest';

describe('document kinds', () => {
  it('are the submission types: one word for a document and what it becomes on the server', () => {
    expect([...DOCUMENT_KINDS]).toEqual([...SUBMISSION_TYPES]);
    expect(Object.keys(documentKindLabels).sort()).toEqual([...DOCUMENT_KINDS].sort());
  });

  it.each([
    ['rencana-aksi', true],
    ['laporan', true],
    ['serah-terima', true],
    ['report', false],
    ['handover', false],
    ['', false],
    [null, false],
    [7, false],
  ])('isDocumentKind(%p) is %p', (value, expected) => {
    expect(isDocumentKind(value)).toBe(expected);
  });
});
