/**
 * Signing (issue 4): the Tanda Tangan screen, the sign action mounted in the
 * plan view, and the confirmation and result steps the report dialog reuses.
 */
import './signing.css';
import './signing-panels.css';
import './signing-dialog.css';

export { SigningScreen } from './signing-screen';
export { SignPlanButton } from './sign-plan';
export { SignStep, previewSignerOf } from './sign-step';
export { SignedResult } from './signed-result';
export { signingHref, writeSigningTab } from './signing-tabs';
