import { Component, type ReactNode } from 'react';
import type { Translate } from '../i18n/catalog';

interface Props {
  t: Translate;
  children: ReactNode;
}

interface State {
  message: string | null;
}

/**
 * One screen's fault stays in that screen: without this, a render error
 * anywhere unmounts the whole app and the officer loses navigation too. Work
 * already saved is in the database; the screen can simply be drawn again.
 */
export class ScreenErrorBoundary extends Component<Props, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(error: unknown): State {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown): void {
    console.error('[berkas] layar gagal digambar:', error);
  }

  override render(): ReactNode {
    const { t, children } = this.props;
    if (this.state.message === null) return children;
    return (
      <div role="alert" className="notice notice-error" data-testid="screen-error">
        <p>{t('app.screenFailed', { message: this.state.message })}</p>
        <button type="button" onClick={() => this.setState({ message: null })}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
}
