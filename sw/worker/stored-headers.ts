/**
 * The headers of a cached entry, without its body. The body is cancelled at
 * once: Chromium keeps an entry whose body is still unread open, and a deleted
 * but open entry goes on counting against the origin's quota (measured here:
 * evicting pages freed nothing until this was done).
 */
export async function storedHeaders(cache: Cache, request: Request | string): Promise<Headers | undefined> {
  const response = await cache.match(request, { ignoreVary: true });
  await response?.body?.cancel();
  return response?.headers;
}
