/**
 * The document journey in the renderer (issue 13): signing any document
 * into a kept revision, "Kirim ke Diskominfo" right after, the lifecycle
 * state in the same words everywhere, and the Dokumen list.
 */
import './documents.css';

export { DocumentsScreen } from './documents-screen';
export { DocumentSignDialog, type SignExtras } from './sign-dialog';
export { SendDocumentButton, SentNotice } from './send-document';
export { DownloadCopyButton } from './download-copy';
export { LifecycleBadge, lifecycleText, kindText, periodLabel } from './lifecycle-text';
export { DocumentStateLine } from './document-state';
export { ReviseButton } from './document-actions';
export { useDocuments, useDocumentState, useDocumentStates } from './use-documents';
export { announceDocumentsChanged, documentsChangedEvent } from './documents-events';
export { SignPlanButton } from './sign-plan';
export { SignPackageButton } from './sign-package';
