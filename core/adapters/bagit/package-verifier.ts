/** The PackageVerifier port: the bag verifier alone, without the writer (verifying an outside package loads no ZIP writer). */
import type { PackageVerifier } from '../../ports';
import { verifyBagZip } from './verify';

export function createPackageVerifier(): PackageVerifier {
  return { verify: (file, options) => verifyBagZip(file, options) };
}
