import { StrictMode, act, type ReactNode } from 'react';
import type * as ReactDomClient from 'react-dom/client';

/**
 * Runs a hook inside a real React root, effects and all, without a browser:
 * the component renders nothing, so React DOM needs only a stand-in container
 * (and the few window fields it reads when scheduling). Enough for hooks;
 * components that render elements are tested with renderToStaticMarkup.
 */
const scope = globalThis as { window?: unknown; IS_REACT_ACT_ENVIRONMENT?: boolean };
scope.window ??= globalThis;
scope.IS_REACT_ACT_ENVIRONMENT = true;
// Loaded after `window` exists: React DOM reads it when it schedules an update.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createRoot } = require('react-dom/client') as typeof ReactDomClient;

function standInContainer(): Element {
  const ignore = () => undefined;
  const document: Record<string, unknown> = { nodeType: 9, activeElement: null, body: null, addEventListener: ignore, removeEventListener: ignore };
  document.defaultView = { document, HTMLIFrameElement: class {} };
  return { nodeType: 1, nodeName: 'DIV', tagName: 'DIV', textContent: '', ownerDocument: document, addEventListener: ignore, removeEventListener: ignore } as unknown as Element;
}

export interface RenderedHook<P, R> {
  /** What the hook returned at the latest render. */
  readonly current: R;
  /** Every value the hook returned, one per render, in order. */
  readonly history: readonly R[];
  rerender(props: P): Promise<void>;
  unmount(): Promise<void>;
}

/** `wrapper` puts the hook's component inside providers (the I18nProvider of a language, say). */
export async function renderHook<P, R>(hook: (props: P) => R, props: P, options: { isStrict?: boolean; wrapper?: (node: ReactNode) => ReactNode } = {}): Promise<RenderedHook<P, R>> {
  const history: R[] = [];
  function Probe({ p }: { p: P }) {
    history.push(hook(p));
    return null;
  }
  const root = createRoot(standInContainer());
  const provided = (node: ReactNode) => (options.wrapper ? options.wrapper(node) : node);
  const wrap = (node: ReactNode) => provided(options.isStrict ? <StrictMode>{node}</StrictMode> : node);
  await act(async () => root.render(wrap(<Probe p={props} />)));
  return {
    get current() {
      if (history.length === 0) throw new Error('the hook never rendered');
      return history[history.length - 1] as R;
    },
    history,
    rerender: (next) => act(async () => root.render(wrap(<Probe p={next} />))),
    unmount: () => act(async () => root.unmount()),
  };
}

/** Runs what a user or a timer would (a reload, a set) and lets React render what follows. */
export function perform(action: () => void): Promise<void> {
  return act(async () => {
    action();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Lets pending promise callbacks and the renders they cause happen. */
export function flush(): Promise<void> {
  return act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
