// What `npm start` and the benchmarks take from the local gateway, bundled as one file by bundled-gateway.ts.
// StackError comes from the same bundle as startLocalGateway, so that `instanceof` recognises its errors.
export { startLocalGateway } from "../../src/local-gateway/server";
export { StackError } from "../../src/local-gateway/stack-error";
