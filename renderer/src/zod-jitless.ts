import { config } from 'zod';

/**
 * The contract's schemas run in the renderer too. Zod decides at schema
 * construction whether to compile parsers with `new Function`, probing once;
 * under our CSP (script-src 'self', no unsafe-eval) that probe is blocked and
 * reported as a violation. Jitless avoids the probe. This module must be
 * imported before anything that builds a schema (main.tsx imports it first).
 */
config({ jitless: true });
