/**
 * The first value of a header in Node's `rawHeaders` (name, value, name, value…), by case-insensitive
 * name — as Node's `req.headers` keeps the first Host or Content-Length. Read from the raw list because
 * `req.headers` builds an object of every header on first access, on every request, for one or two names.
 */
export function firstRawHeader(rawHeaders: readonly string[], lowerCaseName: string): string | undefined {
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index];
    if (name.length === lowerCaseName.length && name.toLowerCase() === lowerCaseName) {
      return rawHeaders[index + 1];
    }
  }
  return undefined;
}
