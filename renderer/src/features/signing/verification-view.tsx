import type { ReactNode } from 'react';
import type { SignatureReport, VerificationReport } from '@core/domain/signing/verification';
import { useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/catalog';
import { useSigningFormat } from '../../lib/use-signing-format';
import { verdictOf, type VerdictKind } from './verdict';

type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

const marks: Record<Tone, string> = { ok: '✓', warn: '!', bad: '✗', neutral: '–' };

const verdictText = {
  unsigned: { tone: 'neutral', title: 'sign.verdict.unsigned', body: 'sign.verdict.unsigned.body' },
  broken: { tone: 'bad', title: 'sign.verdict.broken', body: 'sign.verdict.broken.body' },
  changedAfter: { tone: 'bad', title: 'sign.verdict.changedAfter', body: 'sign.verdict.changedAfter.body' },
  unverifiedSigner: { tone: 'warn', title: 'sign.verdict.unverifiedSigner', body: 'sign.verdict.unverifiedSigner.body' },
  valid: { tone: 'ok', title: 'sign.verdict.valid', body: 'sign.verdict.valid.body' },
} as const satisfies Record<VerdictKind, { tone: Tone; title: MessageKey; body: MessageKey }>;

/** A status written out: a mark and words, colour only as a third cue. */
function Status({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span className={`sg-status sg-status-${tone}`}>
      <span className="sg-mark" aria-hidden="true">
        {marks[tone]}
      </span>
      {children}
    </span>
  );
}

function SignatureCard({ s, index, total, revisions }: { s: SignatureReport; index: number; total: number; revisions: number }) {
  const t = useT();
  const f = useSigningFormat();
  const signer = s.signer || t('sign.verify.signerUnreadable');
  const isBad = s.integrity !== 'valid' || !s.isChangePermitted;
  const tone: Tone = isBad ? 'bad' : s.certificate === 'trusted' ? 'ok' : 'warn';
  return (
    <article className={`sg-signature sg-signature-${tone}`} data-testid="sign-signature">
      <h4 className="sg-signature-title">
        <Status tone={tone}>{t('sign.verify.signatureTitle', { n: index + 1, total, signer })}</Status>
      </h4>
      <dl className="facts sg-facts">
        <div>
          <dt>{t('sign.verify.field')}</dt>
          <dd>
            <code>{s.field}</code>
          </dd>
        </div>
        <div>
          <dt>{t('sign.verify.signer')}</dt>
          <dd>
            {signer}
            {s.nip ? ` — ${t('sign.cert.nipValue', { nip: s.nip })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('sign.verify.signedAt')}</dt>
          <dd>
            {s.signedAt ? f.dayTime(s.signedAt) : t('sign.verify.signedAtUnknown')}
            <span className="sg-note"> {s.signedAtSource === 'tsa' ? t('sign.verify.timeFromTsa') : t('sign.verify.timeFromSigner')}</span>
            {s.timestampClaim ? <span className="sg-note"> {t('sign.verify.timestampUntrusted')}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('sign.verify.integrity')}</dt>
          <dd data-testid="sign-integrity">
            {s.integrity !== 'valid' ? (
              <Status tone="bad">{t('sign.verify.integrity.invalid')}</Status>
            ) : !s.isChangePermitted ? (
              <Status tone="bad">{t('sign.verify.integrity.changed')}</Status>
            ) : (
              <Status tone="ok">{s.changesAfter.length > 0 ? t('sign.verify.integrity.validWithChanges') : t('sign.verify.integrity.valid')}</Status>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('sign.verify.certificate')}</dt>
          <dd data-testid="sign-certificate-status">
            {s.certificate === 'trusted' ? (
              <Status tone="ok">{t('sign.verify.certificate.trusted')}</Status>
            ) : s.certificate === 'expired' ? (
              <Status tone="warn">{t('sign.verify.certificate.expired')}</Status>
            ) : (
              <Status tone="warn">{t('sign.verify.certificate.untrusted')}</Status>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('sign.verify.level')}</dt>
          <dd>{s.level === 'B-T' ? t('sign.verify.level.bt') : s.level === 'B-B' ? t('sign.verify.level.bb') : t('sign.verify.level.other', { subfilter: s.subfilter || '—' })}</dd>
        </div>
        <div>
          <dt>{t('sign.verify.certified')}</dt>
          <dd>{s.certified ? t('sign.verify.certified.yes') : t('sign.verify.certified.no')}</dd>
        </div>
        <div>
          <dt>{t('sign.verify.covers')}</dt>
          <dd>
            {s.coversWholeDocument ? t('sign.verify.covers.yes') : t('sign.verify.covers.no')}
            {s.revision !== null && revisions > 0 ? <span className="sg-note"> {t('sign.verify.revision', { n: s.revision, total: revisions })}</span> : null}
          </dd>
        </div>
        {s.changesAfter.length > 0 ? (
          <div>
            <dt>{t('sign.verify.changesAfter')}</dt>
            <dd>
              <ul className="sg-problems" data-testid="sign-changes-after">
                {s.changesAfter.map((c) => (
                  <li key={c.description}>{c.description}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {s.problems.length > 0 ? (
          <div>
            <dt>{t('sign.verify.problems')}</dt>
            <dd>
              <ul className="sg-problems">
                {s.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
    </article>
  );
}

/**
 * What a PDF's signatures say, for any PDF (issue 4 item 5): first the
 * verdict in one sentence, then each signature in plain words — who, when,
 * whether the content is as signed, whether the certificate is trusted.
 */
export function VerificationView({ report, fileName, headingLevel = 3 }: { report: VerificationReport; fileName: string; headingLevel?: 2 | 3 }) {
  const t = useT();
  const verdict = verdictOf(report);
  const text = verdictText[verdict.kind];
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="sg-verification" aria-label={t('sign.verify.resultFor', { file: fileName })} data-testid="sign-verification">
      <div className={`sg-verdict sg-verdict-${text.tone}`} role="status" data-testid="sign-verdict" data-verdict={verdict.kind}>
        <Heading className="sg-verdict-title">
          <span className="sg-mark" aria-hidden="true">
            {marks[text.tone]}
          </span>
          {t(text.title)}
        </Heading>
        <p>{t(text.body, { total: verdict.total, broken: verdict.broken, unverified: verdict.untrusted + verdict.expired, file: fileName })}</p>
      </div>
      {report.signatures.map((s, i) => (
        <SignatureCard key={`${s.field}-${i}`} s={s} index={i} total={report.signatures.length} revisions={report.revisions} />
      ))}
    </section>
  );
}
