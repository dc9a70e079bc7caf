import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { formatByteSize } from '@core/domain/format/byte-size';
import { fileNameProblem, joinListed, type FolderListing, type FolderPlace } from '@core/domain/files/folder-listing';
import { useWorkspace } from '../app-context';
import { useI18n } from '../i18n/i18n-context';
import type { Translate } from '../i18n/catalog';
import { ModalDialog } from './modal-dialog';
import { messageOf } from '../lib/errors';
import { ErrorCallout } from './error-callout';

/** file: an existing file; save: a folder and a new file name; folder: a folder; file-or-folder: either (attachments). */
export type PickMode = 'file' | 'save' | 'folder' | 'file-or-folder';

export interface PathPickerProps {
  mode: PickMode;
  title: string;
  /** Where to open: the path already in the field (a file selects it; a path not made yet opens its nearest folder). */
  start?: string;
  /** Files shown, e.g. [".berkas-backup"]; folders are always shown. */
  extensions?: readonly string[];
  /** The file name offered in save mode when the start path names none. */
  suggestedName?: string;
  onPick(path: string): void;
  onCancel(): void;
}

function placeLabel(t: Translate, place: FolderPlace): string {
  if (place.kind === 'home') return t('picker.place.home', { name: place.label });
  if (place.kind === 'root') return t('picker.place.root');
  return place.label;
}

/**
 * The "Telusuri…" dialog: folders and files on the computer running Berkas,
 * listed by the app (browseFolder), so Electron and `berkas ui` choose paths
 * the same way and large attachments are read where they lie.
 */
export function PathPicker({ mode, title, start, extensions, suggestedName, onPick, onCancel }: PathPickerProps) {
  const { t, date } = useI18n();
  const { api } = useWorkspace();
  const idBase = useId();
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [places, setPlaces] = useState<FolderPlace[]>([]);
  const [location, setLocation] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [fileName, setFileName] = useState(suggestedName ?? '');
  const [fileNameError, setFileNameError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const hasPlaces = useRef(false);

  const load = useCallback(
    async (target: string | undefined) => {
      setIsLoading(true);
      try {
        const next = await api.browseFolder({
          ...(target ? { path: target } : {}),
          ...(extensions?.length ? { extensions: [...extensions] } : {}),
          isWithPlaces: !hasPlaces.current,
        });
        if (!hasPlaces.current) {
          hasPlaces.current = true;
          setPlaces(next.places);
        }
        setListing(next);
        setLocation(next.dir);
        setSelected(next.selectedName);
        setProblem(null);
        const offered = next.selectedName ?? next.missingName;
        if (offered) setFileName(offered);
      } catch (err) {
        setProblem(messageOf(err));
      } finally {
        setIsLoading(false);
      }
    },
    [api, extensions],
  );

  useEffect(() => {
    void load(start?.trim() || undefined);
    // Opened once at the starting path; later moves go through load().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const openTyped = () => {
    if (location.trim() !== '') void load(location.trim());
  };

  const pickSelected = () => {
    if (listing && selected) onPick(joinListed(listing, selected));
  };

  const save = () => {
    if (!listing) return;
    const issue = fileNameProblem(fileName);
    if (issue) {
      setFileNameError(t(`picker.fileName.${issue}`));
      document.getElementById(`${idBase}-name`)?.focus();
      return;
    }
    onPick(joinListed(listing, fileName.trim()));
  };

  const isFileMode = mode === 'file' || mode === 'file-or-folder';
  const actions = (
    <>
      <button ref={cancelRef} type="button" className="button button-secondary" onClick={onCancel}>
        {t('picker.cancel')}
      </button>
      {mode === 'folder' || mode === 'file-or-folder' ? (
        <button type="button" className={mode === 'folder' ? 'button button-primary' : 'button button-secondary'} disabled={!listing} onClick={() => listing && onPick(listing.dir)}>
          {t('picker.pickFolder')}
        </button>
      ) : null}
      {isFileMode ? (
        <button type="button" className="button button-primary" disabled={!selected} onClick={pickSelected}>
          {t('picker.pickFile')}
        </button>
      ) : null}
      {mode === 'save' ? (
        <button type="button" className="button button-primary" disabled={!listing} onClick={save}>
          {t('picker.save')}
        </button>
      ) : null}
    </>
  );

  return (
    <ModalDialog title={title} onCancel={onCancel} initialFocus={cancelRef} actions={actions} className="picker">
      <nav className="picker-places" aria-label={t('picker.places')}>
        {places.map((place) => (
          <button key={place.path} type="button" className="button button-secondary" onClick={() => void load(place.path)}>
            {placeLabel(t, place)}
          </button>
        ))}
      </nav>
      <div className="picker-location">
        <label htmlFor={`${idBase}-location`} className="field-label">
          {t('picker.location')}
        </label>
        <div className="path-row">
          <input
            id={`${idBase}-location`}
            className="input"
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={location}
            onChange={(e) => setLocation(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              // Not a <form>: the picker may open from inside one, whose submit Enter must not trigger.
              e.preventDefault();
              openTyped();
            }}
          />
          <button type="button" className="button button-secondary" onClick={openTyped}>
            {t('picker.open')}
          </button>
          <button type="button" className="button button-secondary" disabled={!listing?.parent} onClick={() => listing?.parent && void load(listing.parent)}>
            {t('picker.up')}
          </button>
        </div>
      </div>
      <ErrorCallout message={problem} />
      <div className="picker-list" aria-busy={isLoading} aria-label={listing ? t('picker.list', { dir: listing.dir }) : undefined} role="group">
        {listing && listing.entries.length === 0 ? <p className="picker-empty">{extensions?.length ? t('picker.emptyFiltered', { extensions: extensions.join(', ') }) : t('picker.empty')}</p> : null}
        <ul>
          {listing?.entries.map((entry) =>
            entry.isDirectory ? (
              <li key={`d:${entry.name}`}>
                <button type="button" className="picker-entry picker-folder" onClick={() => void load(joinListed(listing, entry.name))}>
                  {entry.name}
                </button>
              </li>
            ) : (
              <li key={`f:${entry.name}`}>
                <button
                  type="button"
                  className="picker-entry picker-file"
                  aria-pressed={selected === entry.name}
                  disabled={mode === 'folder'}
                  onClick={() => {
                    setSelected(entry.name);
                    if (mode === 'save') setFileName(entry.name);
                  }}
                  onDoubleClick={() => {
                    if (isFileMode) onPick(joinListed(listing, entry.name));
                  }}
                >
                  <span className="picker-name">{entry.name}</span>
                  {entry.size !== null && entry.modifiedAt ? (
                    <span className="picker-meta">{t('picker.fileMeta', { size: formatByteSize(entry.size), date: date(new Date(entry.modifiedAt)) })}</span>
                  ) : null}
                </button>
              </li>
            ),
          )}
        </ul>
        {listing?.isTruncated ? <p className="picker-empty">{t('picker.truncated', { count: listing.entries.length })}</p> : null}
      </div>
      {mode === 'save' ? (
        <div className={fileNameError ? 'field field-has-error' : 'field'}>
          <label htmlFor={`${idBase}-name`} className="field-label">
            {t('picker.fileName')}
          </label>
          {fileNameError ? (
            <div id={`${idBase}-name-error`} className="field-error">
              {fileNameError}
            </div>
          ) : null}
          <input
            id={`${idBase}-name`}
            className="input"
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={fileName}
            aria-invalid={fileNameError ? true : undefined}
            aria-describedby={fileNameError ? `${idBase}-name-error` : undefined}
            onChange={(e) => {
              setFileName(e.target.value);
              setFileNameError(null);
            }}
          />
        </div>
      ) : null}
    </ModalDialog>
  );
}

/** "Telusuri…" beside a path field: opens the picker at what the field holds and puts the choice back into it. */
export function BrowseButton(props: Omit<PathPickerProps, 'onCancel' | 'onPick' | 'start'> & { value: string; onPick(path: string): void; isDisabled?: boolean | undefined; label?: string }) {
  const { t } = useI18n();
  const [isOpen, setIsOpen] = useState(false);
  const { value, onPick, isDisabled, label, ...picker } = props;
  return (
    <>
      <button type="button" className="button button-secondary" disabled={isDisabled} onClick={() => setIsOpen(true)} aria-label={label}>
        {t('picker.browse')}
      </button>
      {isOpen ? (
        <PathPicker
          {...picker}
          start={value}
          onCancel={() => setIsOpen(false)}
          onPick={(chosen) => {
            setIsOpen(false);
            onPick(chosen);
          }}
        />
      ) : null}
    </>
  );
}

export interface PathInputProps extends Omit<PathPickerProps, 'onCancel' | 'onPick' | 'start'> {
  id: string;
  value: string;
  /** Typed, pasted or chosen with "Telusuri…": one handler for all three. */
  onChange(value: string): void;
  name?: string;
  className?: string;
  isDisabled?: boolean;
  /** aria-describedby and friends from FieldFrame. */
  aria?: Record<string, string | boolean | undefined>;
}

/** A path field: the text input, and "Telusuri…" beside it. */
export function PathInput({ id, value, onChange, name, className, isDisabled, aria, ...picker }: PathInputProps) {
  return (
    <div className="path-row">
      <input
        id={id}
        name={name}
        className={className ? `input ${className}` : 'input'}
        type="text"
        spellCheck={false}
        autoComplete="off"
        value={value}
        disabled={isDisabled}
        onChange={(e) => onChange(e.target.value)}
        {...aria}
      />
      <BrowseButton {...picker} value={value} isDisabled={isDisabled} onPick={onChange} />
    </div>
  );
}
