import { buildApp } from "./src/app/build-app";

buildApp().synth();
