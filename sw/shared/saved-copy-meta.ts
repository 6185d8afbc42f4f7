/**
 * The worker marks a page it saves with this meta tag (its content: when the copy was saved); a
 * page shown from the cache finds it and the page script puts up the offline banner.
 */
export const SAVED_COPY_META = 'charcha-saved-copy';
