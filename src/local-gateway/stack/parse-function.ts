import { existsSync, statSync } from "node:fs";
import * as path from "node:path";
import type { FunctionModel } from "./stack-model";
import { asObject, blockAt, StackJson } from "./stack-json";
import { Address, resolveString, singleReference } from "./terraform-references";

/** Lambda's defaults when the configuration leaves them out. */
const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_MB = 128;
const HANDLER_EXTENSIONS = [".js", ".cjs", ".mjs"];

/**
 * Reads one `aws_lambda_function`: the bundle it ships (the `source_dir` of the `archive_file` its
 * `filename` references, relative to the stack folder), its handler, limits and environment.
 */
export function parseFunction(
  stack: StackJson,
  address: Address,
  stackDir: string,
  problems: string[],
  notes: string[],
): FunctionModel | undefined {
  const block = blockAt(stack, address);
  if (block === undefined) {
    problems.push(`${address} is referenced but not declared`);
    return undefined;
  }
  const before = problems.length;
  const lookup = (a: Address) => blockAt(stack, a);
  const text = (key: string): string | undefined => {
    const value = block[key];
    if (typeof value !== "string") {
      return undefined;
    }
    const resolved = resolveString(value, lookup);
    if (!resolved.ok) {
      problems.push(`${address}.${key}: ${resolved.problem}`);
      return undefined;
    }
    return resolved.value;
  };

  const functionName = text("function_name");
  if (functionName === undefined) {
    problems.push(`${address}.function_name must be a string`);
  }
  const runtime = text("runtime") ?? "";
  if (!runtime.startsWith("nodejs")) {
    problems.push(`${address}.runtime is ${JSON.stringify(runtime)}; the local gateway runs only nodejs* runtimes`);
  }
  if (block.package_type === "Image" || block.image_uri !== undefined || block.s3_bucket !== undefined) {
    problems.push(`${address} is deployed from an image or S3; the local gateway runs only bundles built from an archive_file's source_dir`);
  }
  const handler = text("handler") ?? "";
  const dot = handler.lastIndexOf(".");
  if (dot <= 0 || dot === handler.length - 1) {
    problems.push(`${address}.handler must be "<module>.<export>" such as "index.handler", got ${JSON.stringify(handler)}`);
  }
  const codeDirectory = sourceDirectory(stack, address, block.filename, stackDir, problems);
  const handlerModule = handler.slice(0, dot);
  if (codeDirectory !== undefined && dot > 0) {
    const base = path.join(codeDirectory, handlerModule);
    if (!HANDLER_EXTENSIONS.some((extension) => existsSync(base + extension))) {
      problems.push(`${address}: the bundle ${codeDirectory} has no ${handlerModule}${HANDLER_EXTENSIONS.join("|")} for handler ${JSON.stringify(handler)} (run the synth first)`);
    }
  }
  const timeoutSeconds = numberOr(block.timeout, DEFAULT_TIMEOUT_SECONDS, `${address}.timeout`, problems);
  const memorySizeMb = numberOr(block.memory_size, DEFAULT_MEMORY_MB, `${address}.memory_size`, problems);
  const environment = environmentOf(block.environment, address, lookup, problems, notes);

  if (problems.length > before || functionName === undefined || codeDirectory === undefined) {
    return undefined;
  }
  return {
    address,
    functionName,
    codeDirectory,
    handlerModule,
    handlerExport: handler.slice(dot + 1),
    runtime,
    timeoutSeconds,
    memorySizeMb,
    environment,
  };
}

function sourceDirectory(
  stack: StackJson,
  address: Address,
  filename: unknown,
  stackDir: string,
  problems: string[],
): string | undefined {
  const reference = singleReference(filename);
  if (reference === undefined || !reference.address.startsWith("data.archive_file.") || reference.attribute !== "output_path") {
    problems.push(`${address}.filename must reference \${data.archive_file.<name>.output_path}, got ${JSON.stringify(filename)}`);
    return undefined;
  }
  const archive = blockAt(stack, reference.address);
  const sourceDir = archive?.source_dir;
  if (typeof sourceDir !== "string") {
    problems.push(`${reference.address} must have a source_dir (a source_file or inline source cannot be run locally)`);
    return undefined;
  }
  const modulePrefix = "${path.module}";
  const local = sourceDir.startsWith(modulePrefix) ? sourceDir.slice(modulePrefix.length).replace(/^\//, "") : sourceDir;
  if (local.includes("${")) {
    problems.push(`${reference.address}.source_dir ${JSON.stringify(sourceDir)} must be a path, optionally under \${path.module}`);
    return undefined;
  }
  // Terraform runs in the stack's folder: relative paths are relative to it.
  const directory = path.resolve(stackDir, local);
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    problems.push(`${reference.address}.source_dir ${directory} does not exist (run the synth first)`);
    return undefined;
  }
  return directory;
}

function environmentOf(
  value: unknown,
  address: Address,
  lookup: Parameters<typeof resolveString>[1],
  problems: string[],
  notes: string[],
): Record<string, string> {
  const environment = asObject(Array.isArray(value) ? value[0] : value);
  const variables = asObject(environment?.variables);
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(variables ?? {})) {
    if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean") {
      problems.push(`${address}.environment.variables.${name} must be a string`);
      continue;
    }
    const resolved = resolveString(String(raw), lookup);
    if (!resolved.ok) {
      problems.push(`${address}.environment.variables.${name}: ${resolved.problem}; override it with --env`);
      continue;
    }
    if (String(raw).includes("${")) {
      notes.push(`${address}: environment variable ${name} is ${JSON.stringify(raw)}; locally it is ${JSON.stringify(resolved.value)} unless overridden with --env`);
    }
    result[name] = resolved.value;
  }
  return result;
}

function numberOr(value: unknown, fallback: number, where: string, problems: string[]): number {
  if (value === undefined) {
    return fallback;
  }
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isFinite(number) || number <= 0) {
    problems.push(`${where} must be a positive number, got ${JSON.stringify(value)}`);
    return fallback;
  }
  return number;
}
