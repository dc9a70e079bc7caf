import { useWorkspace } from '../../app-context';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/i18n-context';
import { SettingsForm } from './settings-form';
import { valuesFromSettings } from './settings-values';
import { transportLabels } from '../../lib/transport-labels';
import { BackupPanel } from '../backup';


/** Pengaturan: the same form as the first run; a saved profile switch relabels the whole app. */
export function SettingsScreen() {
  const t = useT();
  const { api, profiles, settings, profile, info, applySettings } = useWorkspace();
  return (
    <>
      <ScreenHeading lead={t('settings.lead', { agency: profile.terms.agency })}>{t('settings.title')}</ScreenHeading>
      <SettingsForm
        api={api}
        profiles={profiles}
        initial={valuesFromSettings(settings)}
        submitLabel={t('form.save')}
        onSaved={applySettings}
        canDiscard
      />
      <BackupPanel />
      <section className="about" aria-labelledby="about-heading">
        <h2 id="about-heading">{t('settings.about')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('settings.version')}</dt>
            <dd>{t('footer.version', { name: info.name, version: info.version })}</dd>
          </div>
          <div>
            <dt>{t('settings.transport')}</dt>
            <dd>{t(transportLabels[info.transport])}</dd>
          </div>
          <div>
            <dt>{t('settings.dataDir')}</dt>
            <dd>
              <code>{info.dataDir}</code>
            </dd>
          </div>
        </dl>
      </section>
    </>
  );
}
