import type { z } from 'zod';

/**
 * One operation of the contract: the runtime schema of its request and, as a
 * phantom, the type of its response. Built as `op(schema).returns<T>()` because
 * TypeScript cannot infer one type argument and take the other explicitly.
 */
export interface Operation<S extends z.ZodType, R> {
  request: S;
  /** Type-level only; always undefined at run time. */
  readonly response?: R;
}

export function op<S extends z.ZodType>(request: S) {
  return {
    returns<R>(): Operation<S, R> {
      return { request };
    },
  };
}
