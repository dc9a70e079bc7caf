/** Signing (issue 4): the Tanda Tangan screen, and the sign action mounted in the plan view. */
import './signing.css';

export { SigningScreen } from './signing-screen';
export { SignPlanButton } from './sign-plan';
