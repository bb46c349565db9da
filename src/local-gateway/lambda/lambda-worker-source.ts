/**
 * The code each function's worker thread runs: the Node.js Lambda runtime's contract in miniature.
 *
 * It loads the handler module once (a module's top level is the function's init phase), then answers one
 * invocation at a time, in the order they were handed over (execution-environment.ts explains the slots): the
 * handler may return a value, return a promise, or call the callback. Results and events cross the thread
 * boundary as JSON text (cheaper to pass than objects), so a handler sees exactly what Lambda's JSON
 * serialisation would give it (no `undefined`, no class instances). Errors come back as `{errorType, errorMessage}` like
 * Lambda's error payload; a non-Error thrown value (`callback("Unauthorized")`) keeps its text as the message.
 *
 * Kept as plain JavaScript in a string so it runs unchanged under tsx, jest and node alike.
 */
export const LAMBDA_WORKER_SOURCE = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

// Lambda's limit on a synchronous invocation's response: 6 MB
// (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), 6291556 bytes in its error.
const MAX_RESPONSE_BYTES = 6291556;

function toLambdaError(error) {
  if (error instanceof Error) {
    return { errorType: error.name || "Error", errorMessage: String(error.message) };
  }
  if (typeof error === "string") {
    return { errorType: "string", errorMessage: error };
  }
  let text;
  try { text = JSON.stringify(error); } catch { text = String(error); }
  return { errorType: typeof error, errorMessage: text === undefined ? String(error) : text };
}

async function loadHandler() {
  const base = path.join(workerData.codeDirectory, workerData.handlerModule);
  const file = [".js", ".cjs", ".mjs"].map((extension) => base + extension).find((candidate) => fs.existsSync(candidate));
  if (file === undefined) {
    const error = new Error("Cannot find module '" + workerData.handlerModule + "'");
    error.name = "Runtime.ImportModuleError";
    throw error;
  }
  let loaded;
  if (file.endsWith(".mjs")) {
    loaded = await import(pathToFileURL(file).href);
  } else {
    try {
      loaded = require(file);
    } catch (error) {
      if (error && error.code === "ERR_REQUIRE_ESM") {
        loaded = await import(pathToFileURL(file).href);
      } else {
        throw error;
      }
    }
  }
  const handler = workerData.handlerExport.split(".").reduce((value, key) => (value == null ? undefined : value[key]), loaded);
  if (typeof handler !== "function") {
    const error = new Error(workerData.handlerModule + "." + workerData.handlerExport + " is undefined or not exported");
    error.name = "Runtime.HandlerNotFound";
    throw error;
  }
  return handler;
}

const handlerReady = loadHandler();
// The init phase ends when the module has loaded or failed to; an init failure is reported on each
// invocation, as Lambda does, and must not crash the thread meanwhile.
handlerReady.then(() => parentPort.postMessage("ready"), () => parentPort.postMessage("ready"));

function runHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (error, value) => {
      if (settled) return;
      settled = true;
      if (error !== null && error !== undefined) reject(error); else resolve(value);
    };
    context.done = callback;
    context.succeed = (value) => callback(null, value);
    context.fail = (error) => callback(error === undefined ? new Error("handled") : error);
    let returned;
    try {
      returned = handler(event, context, callback);
    } catch (error) {
      callback(error);
      return;
    }
    if (returned && typeof returned.then === "function") {
      returned.then((value) => callback(null, value), (error) => callback(error === undefined ? new Error("undefined") : error));
    } else if (handler.length < 3) {
      callback(null, returned);
    }
  });
}

// A message is a batch: calls separated by NUL, each "<slot>\n<id>\n<awsRequestId>\n<event JSON>". They run
// one at a time, in order, each only if this thread wins its slot (the main thread may have taken it back,
// and then the slot no longer holds the id); the reply is one JSON text per call that ran.
const slots = new Int32Array(workerData.slots);
const queue = [];
let draining = false;

parentPort.on("message", (batch) => {
  for (const call of batch.split("\u0000")) queue.push(call);
  if (!draining) void drain();
});

async function drain() {
  draining = true;
  try {
    while (queue.length > 0) {
      const message = queue.shift();
      const first = message.indexOf("\n");
      const second = message.indexOf("\n", first + 1);
      const third = message.indexOf("\n", second + 1);
      const slot = Number(message.slice(0, first));
      const id = Number(message.slice(first + 1, second));
      if (Atomics.compareExchange(slots, slot, id, -id) !== id) continue;
      await runCall(id, message.slice(second + 1, third), message.slice(third + 1));
    }
  } finally {
    // Should a reply fail to post, the next message still finds the loop free; the unanswered call times out.
    draining = false;
  }
}

async function runCall(id, awsRequestId, eventJson) {
  let reply;
  try {
    const handler = await handlerReady;
    // The clock starts with the invocation, as Lambda's does: not while it waited or the module loaded.
    const deadline = Date.now() + workerData.timeoutMs;
    const context = Object.assign({}, workerData.context, {
      awsRequestId,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    });
    const value = await runHandler(handler, JSON.parse(eventJson), context);
    const text = value === undefined ? undefined : JSON.stringify(value);
    if (text !== undefined && Buffer.byteLength(text) > MAX_RESPONSE_BYTES) {
      reply = JSON.stringify({ id, ok: false, errorType: "Function.ResponseSizeTooLarge", errorMessage: "Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes)." });
    } else {
      reply = '{"id":' + id + ',"ok":true,"result":' + (text === undefined ? "null" : text) + "}";
    }
  } catch (error) {
    reply = JSON.stringify(Object.assign({ id, ok: false }, toLambdaError(error)));
  }
  parentPort.postMessage(reply);
}
`;
