import { verifyCommand } from "./verify-command";

/** `npm run verify -- <stage invoke URL>`: checks a deployed stage. See README "Verify a deployed stage". */
void verifyCommand({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
