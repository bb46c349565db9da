// What `npm start` and the benchmarks take from the local gateway, bundled as one file by bundled-gateway.ts.
// StackError comes from the same bundle as startLocalGateway, so that `instanceof` recognises its errors.
export { startLocalGateway } from "../../src/local-gateway/server";
export { StackError } from "../../src/local-gateway/stack-error";
// The function pool and the stack loader, for the benchmark that measures the pool alone
// (scripts/bench/worker-hop-ceiling.ts), as the gateway runs them.
export { LambdaRunner } from "../../src/local-gateway/lambda/lambda-runner";
export { EventJson } from "../../src/local-gateway/lambda/event-json";
export { loadStack } from "../../src/local-gateway/stack/parse-stack";
