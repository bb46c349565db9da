import { buildApp, printConstructWarnings } from "./src/app/build-app";

const app = buildApp();
app.synth();
printConstructWarnings(app);
