/**
 * Signing (issue 4): the Tanda Tangan screen, and the confirmation step and
 * verification view the document journey (features/documents) reuses.
 */
import './signing.css';
import './signing-panels.css';
import './signing-dialog.css';

export { SigningScreen } from './signing-screen';
export { SignStep, previewSignerOf, type SignSecrets } from './sign-step';
export { SignedResult } from './signed-result';
export { VerificationView } from './verification-view';
export { signingHref, writeSigningTab } from './signing-tabs';
