import { renderToStaticMarkup } from 'react-dom/server';
import { ScreenErrorBoundary } from '../../../../renderer/src/components/screen-error-boundary';
import { createTranslate } from '../../../../renderer/src/i18n/catalog';
import { id } from '../../../../renderer/src/i18n/id';

function Broken(): never {
  throw new Error('tanggal tidak sah');
}

describe('ScreenErrorBoundary', () => {
  const t = createTranslate(id);

  it('draws the screen when nothing fails', () => {
    expect(renderToStaticMarkup(<ScreenErrorBoundary t={t}><p>isi layar</p></ScreenErrorBoundary>)).toBe('<p>isi layar</p>');
  });

  it('catches a failing screen and says so in Bahasa Indonesia with a retry', () => {
    const state = ScreenErrorBoundary.getDerivedStateFromError(new Error('tanggal tidak sah'));
    expect(state.message).toBe('tanggal tidak sah');
    const boundary = new ScreenErrorBoundary({ t, children: <Broken /> });
    boundary.state = state;
    const html = renderToStaticMarkup(<>{boundary.render()}</>);
    expect(html).toContain('Layar ini tidak dapat ditampilkan karena kesalahan: tanggal tidak sah');
    expect(html).toContain('Coba lagi');
    expect(html).toContain('role="alert"');
  });
});
