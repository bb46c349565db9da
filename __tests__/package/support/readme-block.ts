/**
 * The first fenced TypeScript block of a README section, by the section's `## ` heading.
 * Throws naming what is missing, so a renamed heading or a removed block fails the test that uses it.
 */
export function firstTypeScriptBlock(markdown: string, heading: string): string {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start === -1) {
    throw new Error(`the README has no section "## ${heading}"`);
  }
  const end = lines.findIndex((line, index) => index > start && line.startsWith("## "));
  const section = lines.slice(start + 1, end === -1 ? undefined : end);
  const open = section.findIndex((line) => /^```(ts|typescript)\s*$/.test(line));
  const close = section.findIndex((line, index) => index > open && line.startsWith("```"));
  if (open === -1 || close === -1) {
    throw new Error(`the section "## ${heading}" has no complete \`\`\`ts block`);
  }
  return `${section.slice(open + 1, close).join("\n")}\n`;
}
