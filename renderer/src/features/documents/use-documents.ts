import { useMemo } from 'react';
import type { DocumentSummary } from '@core/domain/documents/model';
import { useWorkspace } from '../../app-context';
import { useAsync, type AsyncResult } from '../../lib/use-async';
import { useWindowEvent } from '../../lib/use-window-event';
import { documentsChangedEvent } from './documents-events';

/** Every document with its lifecycle state (documentList), read again whenever one is signed, sent or revised. */
export function useDocuments(): AsyncResult<DocumentSummary[]> {
  const { api, profile } = useWorkspace();
  const call = useAsync(() => api.documentList({}), [api], { stale: 'keep', reloadOn: [profile.id] });
  useWindowEvent(documentsChangedEvent, call.reload);
  return call;
}

/** Every document by its id, for a list that shows each row's state (one documentList for the whole list). */
export function useDocumentStates(): Map<string, DocumentSummary> {
  const { value } = useDocuments();
  return useMemo(() => new Map((value ?? []).map((d) => [d.id, d])), [value]);
}

/** The lifecycle of one document, by its id (the plan, report or bundle), from the list; null while loading or never listed. */
export function useDocumentState(id: string | null): DocumentSummary | null {
  const { value } = useDocuments();
  return (id && value?.find((d) => d.id === id)) || null;
}
