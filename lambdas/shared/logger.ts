/** The fields a log line may carry. Deliberately no free-form object: nothing can smuggle a credential in. */
export interface LogFields {
  readonly level: "info" | "warn" | "error";
  readonly message: string;
  readonly decision?: string;
  readonly reason?: string;
  readonly principalId?: string;
  readonly requestId?: string;
  readonly apiRequestId?: string;
  readonly errorName?: string;
}

/** The sink; tests replace it to read what was logged. */
export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stdout.write(`${line}\n`);

/** Writes one structured JSON line. */
export function log(fields: LogFields): void {
  sink(JSON.stringify({ timestamp: new Date().toISOString(), ...fields }));
}

/** Replaces the sink and returns the previous one. */
export function setLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}
