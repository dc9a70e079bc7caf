import { useState, type ChangeEvent, type Ref } from 'react';
import { formatByteSize } from '@core/domain/format/byte-size';
import { useT } from '../i18n/i18n-context';

type Aria = { 'aria-describedby'?: string; 'aria-invalid'?: true; 'aria-required'?: true };

interface FileInputProps {
  id: string;
  name: string;
  accept: string;
  onChange(file: File | null): void;
  aria?: Aria;
  ref?: Ref<HTMLInputElement>;
  isDisabled?: boolean;
}

/**
 * A file field that speaks Indonesian: a "Pilih berkas…" button and the
 * chosen file's name and size, instead of the browser's own "Choose File /
 * No file chosen" (which follows the OS language). The real input stays in
 * the tab order, hidden, with the field's label; the button is its second
 * label, so a click or Enter/Space on the focused input opens the picker.
 * Remount it (a new key) to clear it.
 */
export function FileInput({ id, name, accept, onChange, aria, ref, isDisabled }: FileInputProps) {
  const t = useT();
  const [chosen, setChosen] = useState<{ name: string; size: number } | null>(null);
  const change = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0] ?? null;
    setChosen(file ? { name: file.name, size: file.size } : null);
    onChange(file);
  };
  return (
    <span className="file-input">
      <input ref={ref} id={id} name={name} type="file" className="file-input-native" accept={accept} disabled={isDisabled} onChange={change} {...aria} />
      <label htmlFor={id} className="button button-secondary file-input-button" aria-hidden="true">
        {t('file.choose')}
      </label>
      <span className="file-input-name" data-testid="file-input-name">
        {chosen ? t('file.chosen', { name: chosen.name, size: formatByteSize(chosen.size) }) : t('file.none')}
      </span>
    </span>
  );
}
