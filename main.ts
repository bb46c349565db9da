// Source maps make every cdktf token's captured stack trace costly to format; synth errors are reported
// without stack traces anyway (a ConfigError names the field).
process.setSourceMapsEnabled(false);

import { buildApp, printConstructWarnings } from "./src/app/build-app";

const app = buildApp();
app.synth();
printConstructWarnings(app);
