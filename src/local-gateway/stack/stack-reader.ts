import { parseFunction } from "./parse-function";
import type { FunctionModel } from "./stack-model";
import { asObject, blockAt, StackJson } from "./stack-json";
import { templateProblems } from "../render/templates";
import { Address, resolveString, ResourceBlock } from "./terraform-references";

/**
 * What every part of the stack parser shares: the JSON, the problems and notes collected so far, the
 * functions found, and helpers that resolve a block's values (each failure becomes a problem naming the
 * resource and attribute).
 */
export class StackReader {
  /** The REST API's address, once found. */
  restAddress = "";
  readonly functions = new Map<Address, FunctionModel>();
  /** Functions already found unusable, so their problems are reported once. */
  private readonly failedFunctions = new Set<Address>();

  constructor(
    readonly stack: StackJson,
    readonly stackDir: string,
    readonly problems: string[],
    readonly notes: string[],
  ) {}

  /** Reads a referenced function once; an unusable one is reported once. */
  functionAt(address: Address): void {
    if (this.functions.has(address) || this.failedFunctions.has(address)) {
      return;
    }
    const parsed = parseFunction(this.stack, address, this.stackDir, this.problems, this.notes);
    if (parsed === undefined) {
      this.failedFunctions.add(address);
    } else {
      this.functions.set(address, parsed);
    }
  }

  /** `<resource address> <METHOD>` of a block with resource_id and http_method. */
  methodKey(block: ResourceBlock, address: Address): string | undefined {
    const resource = this.resolve(block.resource_id, `${address}.resource_id`);
    const method = this.text(block, "http_method", address);
    return resource === undefined || method === undefined ? undefined : `${resource} ${method.toUpperCase()}`;
  }

  /** A string (or number) attribute, resolved; `undefined` when absent. */
  text(block: ResourceBlock, key: string, address: Address): string | undefined {
    const value = block[key];
    if (value === undefined) {
      return undefined;
    }
    return this.resolve(typeof value === "number" ? String(value) : value, `${address}.${key}`);
  }

  /** A value that must be a string, with its references resolved. */
  resolve(value: unknown, where: string): string | undefined {
    if (typeof value !== "string") {
      this.problems.push(`${where} must be a string, got ${JSON.stringify(value)}`);
      return undefined;
    }
    const resolved = resolveString(value, (address) => blockAt(this.stack, address));
    if (!resolved.ok) {
      this.problems.push(`${where}: ${resolved.problem}`);
      return undefined;
    }
    return resolved.value;
  }

  /** Content type → template, each checked for what the local gateway can substitute. */
  templates(value: unknown, where: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [contentType, template] of Object.entries(asObject(value) ?? {})) {
      if (typeof template !== "string") {
        this.problems.push(`${where}.${contentType} must be a string`);
        continue;
      }
      this.problems.push(...templateProblems(template, `${where}["${contentType}"]`));
      result[contentType] = template;
    }
    return result;
  }
}
