import type { id } from './id';

/** Every message key; the Indonesian catalog is the reference. */
export type MessageKey = keyof typeof id;

/**
 * What another language must provide: exactly the keys of `id`, no more, no
 * fewer (an object literal typed as Catalog fails to compile otherwise).
 */
export type Catalog = { readonly [K in MessageKey]: string };

/** Another language's part of the catalog: exactly the keys of that part in Indonesian. */
export type CatalogPart<T> = { readonly [K in keyof T]: string };

export type Language = 'id' | 'en';

/** The `{name}` placeholders of a message, read from the Indonesian literal. */
type PlaceholdersOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | PlaceholdersOf<Rest> : never;

export type ParamsOf<K extends MessageKey> = PlaceholdersOf<(typeof id)[K]>;

/** Arguments after the key: none when the message has no placeholder, else every placeholder. */
export type ParamArgs<K extends MessageKey> = [ParamsOf<K>] extends [never] ? [] : [params: Record<ParamsOf<K>, string | number>];

export type Translate = <K extends MessageKey>(key: K, ...args: ParamArgs<K>) => string;

const placeholder = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** Names used as placeholders in one message, for the catalog parity test. */
export function placeholdersIn(message: string): string[] {
  return [...message.matchAll(placeholder)].map((m) => m[1] ?? '').sort();
}

/**
 * Fills a message. A placeholder without a value stays visible as `{name}` so a
 * missing parameter shows up on screen (and in tests) instead of vanishing.
 */
export function format(message: string, params?: Record<string, string | number>): string {
  if (!params) return message;
  return message.replace(placeholder, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function createTranslate(catalog: Catalog): Translate {
  return (key, ...args) => format(catalog[key], args[0] as Record<string, string | number> | undefined);
}
