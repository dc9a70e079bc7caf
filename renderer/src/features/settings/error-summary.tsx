import type { RefObject } from 'react';
import { useT } from '../../i18n/i18n-context';
import { fieldPaths, type FieldErrors, type FieldPath } from './settings-values';

/** Above the form after a refused save: how many fields are wrong, each a link to its field, in form order. */
export function ErrorSummary({ ref, errors, labels, onChoose }: { ref: RefObject<HTMLDivElement | null>; errors: FieldErrors; labels: Record<FieldPath, string>; onChoose(path: FieldPath): void }) {
  const t = useT();
  const wrong = fieldPaths.filter((p) => errors[p]);
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>{t('form.errorSummary', { count: wrong.length })}</h2>
      <ul>
        {wrong.map((p) => (
          <li key={p}>
            <button type="button" className="link-button" onClick={() => onChoose(p)}>
              {labels[p]}
            </button>
            {': '}
            {errors[p]}
          </li>
        ))}
      </ul>
    </div>
  );
}
