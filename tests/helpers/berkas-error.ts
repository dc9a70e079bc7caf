import { isBerkasError, type BerkasError } from '../../core/domain/errors';
import { englishErrorText } from '../../renderer/src/i18n/errors/error-text';
import { errorTextsEn } from '../../renderer/src/i18n/errors';

/** The BerkasError `run` throws; anything else thrown, or nothing, fails the test. */
export function caught(run: () => unknown): BerkasError {
  try {
    run();
  } catch (err) {
    if (isBerkasError(err)) return err;
    throw err;
  }
  throw new Error('nothing was thrown');
}

/** The BerkasError `promise` rejects with; anything else, or a fulfilment, fails the test. */
export async function rejected(promise: Promise<unknown>): Promise<BerkasError> {
  try {
    await promise;
  } catch (err) {
    if (isBerkasError(err)) return err;
    throw err;
  }
  throw new Error('nothing was thrown');
}

/** An error as the English UI shows it. */
export const english = (err: BerkasError): string => englishErrorText(err.toPayload(), errorTextsEn);
