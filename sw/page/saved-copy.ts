import { SAVED_COPY_META } from '../shared/saved-copy-meta.ts';

/** When the copy on screen was saved, if the worker served one (its meta tag), else undefined. */
export function savedCopyTime(): string | undefined {
  return document.querySelector<HTMLMetaElement>(`meta[name="${SAVED_COPY_META}"]`)?.content || undefined;
}
