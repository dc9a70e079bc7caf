import { useT } from '../i18n/i18n-context';

/**
 * First stop of the tab order. The URL hash holds the route, so focus moves by
 * script rather than by following "#main".
 */
export function SkipLink({ targetId }: { targetId: string }) {
  const t = useT();
  return (
    <a
      className="skip-link"
      href={`#${targetId}`}
      onClick={(e) => {
        e.preventDefault();
        document.getElementById(targetId)?.focus();
      }}
    >
      {t('skip.toMain')}
    </a>
  );
}
