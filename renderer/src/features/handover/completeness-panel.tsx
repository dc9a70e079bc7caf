import type { Completeness } from '@core/domain/handover/completeness';
import type { RegionProfile } from '@core/domain/profiles/profile';
import { useT } from '../../i18n/i18n-context';
import { focusById } from '../../lib/focus';
import { basisSentences, formatCount, validityPattern } from './model';

/**
 * Whether the bundle holds everything its region requires (REQUIREMENTS.md §2):
 * every missing required item named with its article, each a jump to its
 * attach field; the record's problems, each a jump to its field. A fresh
 * draft (`isFresh`: nothing typed, saved or attached yet) gets the same list
 * as a calm to-do, without red and without the record's "wajib diisi".
 */
export function CompletenessPanel({ completeness, profile, isFresh = false }: { completeness: Completeness; profile: RegionProfile; isFresh?: boolean }) {
  const t = useT();
  const { isComplete, isReady, missing, items, problems, warnings } = completeness;
  const required = items.filter((i) => i.isRequired).length;
  const present = items.filter((i) => i.isRequired && i.isPresent).length;
  const validity = isComplete ? [] : basisSentences(profile.handover.basis, validityPattern);
  const tone = isReady ? 'ho-completeness-ok' : isFresh ? 'ho-completeness-todo' : isComplete ? 'ho-completeness-warn' : 'ho-completeness-missing';
  const shownProblems = isFresh ? [] : problems;

  let headline: string;
  if (isReady) headline = t('handover.complete.ready', { required: formatCount(required), article: profile.handover.article, regulation: profile.regulation.shortTitle });
  else if (isFresh) headline = t('handover.complete.todo', { required: formatCount(required) });
  else if (!isComplete) headline = t('handover.complete.missing', { missing: formatCount(missing.length), required: formatCount(required) });
  else headline = t('handover.complete.recordProblems', { count: formatCount(problems.length) });

  return (
    <section className={`ho-completeness ${tone}`} aria-labelledby="ho-completeness-title" data-testid="handover-completeness" data-complete={isComplete} data-ready={isReady}>
      <h2 id="ho-completeness-title" className="ho-completeness-title">
        {t('handover.complete.title')}
        <span className="ho-completeness-count">{t('handover.complete.count', { present: formatCount(present), required: formatCount(required) })}</span>
      </h2>
      <p className="ho-completeness-headline" role="status" data-testid="handover-completeness-headline">
        {isFresh ? null : <span aria-hidden="true">{isReady ? '✓ ' : '✗ '}</span>}
        {headline}
      </p>
      {missing.length > 0 ? (
        <ul className="ho-missing" data-testid="handover-missing" aria-label={t('handover.complete.missingList')}>
          {missing.map((m) => (
            <li key={m.key} data-key={m.key}>
              <button type="button" className="link-button ho-link" onClick={() => focusById(`ho-attach-${m.key}`)}>
                {m.label}
              </button>
              <span className="ho-article ho-block">{m.article}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {validity.map((s) => (
        <p key={s} className="ho-basis-quote">
          {s}
        </p>
      ))}
      {shownProblems.length > 0 ? (
        <>
          <p className="ho-completeness-sub">{t('handover.complete.problemsTitle')}</p>
          <ul className="ho-problems" data-testid="handover-problems">
            {shownProblems.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                <button type="button" className="link-button ho-link" onClick={() => focusById(`ho-app-${p.path.replace(/^application\./, '')}`)}>
                  {p.message}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {warnings.length > 0 ? (
        <ul className="ho-warnings" data-testid="handover-warnings">
          {warnings.map((w) => (
            <li key={w}>
              <span aria-hidden="true">⚠ </span>
              {w}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
