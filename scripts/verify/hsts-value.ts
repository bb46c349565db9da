/** The smallest max-age the HSTS preload list accepts: one year (https://hstspreload.org/#submission-requirements). */
export const PRELOAD_MIN_MAX_AGE_SECONDS = 31_536_000;

/**
 * Every problem with a `Strict-Transport-Security` value, as RFC 6797 §6.1 defines it and as the preload
 * list demands when the value asks for preloading; an empty list when it is valid.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6797#section-6.1
 * @see https://hstspreload.org/#submission-requirements
 */
export function hstsProblems(value: string): string[] {
  const problems: string[] = [];
  const directives = value
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  const names = directives.map((directive) => directive.split("=")[0].trim().toLowerCase());
  for (const name of new Set(names)) {
    if (names.filter((other) => other === name).length > 1) {
      problems.push(`directive ${name} appears more than once (RFC 6797 §6.1: the header is then invalid)`);
    }
  }
  const maxAge = directives.find((directive) => /^max-age\s*=/i.test(directive));
  let maxAgeSeconds: number | undefined;
  if (maxAge === undefined) {
    problems.push("no max-age directive (RFC 6797 §6.1.1 requires one)");
  } else {
    const raw = maxAge.slice(maxAge.indexOf("=") + 1).trim().replace(/^"(.*)"$/, "$1");
    if (!/^\d+$/.test(raw)) {
      problems.push(`max-age must be a whole number of seconds, got ${JSON.stringify(raw)}`);
    } else {
      maxAgeSeconds = Number(raw);
      if (maxAgeSeconds === 0) {
        problems.push("max-age=0 tells browsers to forget the host's HSTS policy");
      }
    }
  }
  if (names.includes("preload")) {
    if (!names.includes("includesubdomains")) {
      problems.push("preload without includeSubDomains (the preload list requires it)");
    }
    if (maxAgeSeconds !== undefined && maxAgeSeconds < PRELOAD_MIN_MAX_AGE_SECONDS) {
      problems.push(`preload with max-age=${maxAgeSeconds}, below the ${PRELOAD_MIN_MAX_AGE_SECONDS} the preload list requires`);
    }
  }
  return problems;
}
