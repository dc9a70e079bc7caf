import { useWorkspace } from '../app-context';
import { useT } from '../i18n/i18n-context';
import { hrefOf, routeLabels, routes, type Route } from '../lib/routes';
import { transportLabels } from '../lib/transport-labels';
import { NavIcon } from './nav-icons';

/**
 * The screens, with an icon each. Folded to icons (`isCollapsed`), every
 * link keeps its name for screen readers and shows it on hover (title); the
 * toggle says which way it folds and which list it controls.
 */
export function SideNav({ current, isCollapsed, onToggle }: { current: Route; isCollapsed: boolean; onToggle(): void }) {
  const t = useT();
  const { info } = useWorkspace();
  const toggleLabel = isCollapsed ? t('nav.expand') : t('nav.collapse');
  return (
    <div className="side" data-collapsed={isCollapsed}>
      <nav className="side-nav" aria-label={t('nav.label')}>
        <button type="button" className="side-toggle" aria-expanded={!isCollapsed} aria-controls="side-nav-list" aria-label={toggleLabel} title={toggleLabel} onClick={onToggle} data-testid="side-toggle">
          <span aria-hidden="true">{isCollapsed ? '»' : '«'}</span>
          {isCollapsed ? null : <span className="side-toggle-text">{t('nav.collapseShort')}</span>}
        </button>
        <ul id="side-nav-list">
          {routes.map((route) => {
            const label = t(routeLabels[route]);
            return (
              <li key={route}>
                <a href={hrefOf(route)} aria-current={route === current ? 'page' : undefined} data-route={route} title={isCollapsed ? label : undefined}>
                  <NavIcon route={route} />
                  <span className={isCollapsed ? 'visually-hidden' : 'side-nav-text'}>{label}</span>
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <p className={isCollapsed ? 'side-footer visually-hidden' : 'side-footer'} data-testid="app-version">
        {t('footer.version', { name: info.name, version: info.version })}
        <br />
        {t(transportLabels[info.transport])}
      </p>
    </div>
  );
}
