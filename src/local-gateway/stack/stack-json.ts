import type { Address, ResourceBlock } from "./terraform-references";

/** The parts of a synthesized Terraform JSON file the local gateway reads. */
export interface StackJson {
  /** type → name → block */
  readonly resources: ReadonlyMap<string, ReadonlyMap<string, ResourceBlock>>;
  /** data source type → name → block */
  readonly data: ReadonlyMap<string, ReadonlyMap<string, ResourceBlock>>;
  /** The first `aws` provider block, if any. */
  readonly awsProvider?: ResourceBlock;
}

/** Reads the JSON's `resource`, `data` and `provider.aws`; `problems` collects what is not an object. */
export function readStackJson(json: unknown, problems: string[]): StackJson {
  const root = asObject(json);
  if (root === undefined) {
    problems.push("the file is not a JSON object (expected the cdk.tf.json that `terraform plan` reads)");
    return { resources: new Map(), data: new Map() };
  }
  const providers = asObject(root.provider);
  const aws: unknown = providers?.aws;
  const awsProvider = asObject(Array.isArray(aws) ? aws[0] : aws);
  return {
    resources: blocksOf(root.resource, "resource", problems),
    data: blocksOf(root.data, "data", problems),
    awsProvider,
  };
}

/** The block at an address (`type.name` or `data.type.name`). */
export function blockAt(stack: StackJson, address: Address): ResourceBlock | undefined {
  const parts = address.split(".");
  if (parts[0] === "data" && parts.length === 3) {
    return stack.data.get(parts[1])?.get(parts[2]);
  }
  return parts.length === 2 ? stack.resources.get(parts[0])?.get(parts[1]) : undefined;
}

/** Every block of one resource type, as `[address, block]`. */
export function blocksOfType(stack: StackJson, type: string): [Address, ResourceBlock][] {
  return [...(stack.resources.get(type) ?? new Map<string, ResourceBlock>())].map(([name, block]) => [`${type}.${name}`, block]);
}

/** The value as a plain object, or `undefined`. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function blocksOf(value: unknown, what: string, problems: string[]): Map<string, Map<string, ResourceBlock>> {
  const result = new Map<string, Map<string, ResourceBlock>>();
  if (value === undefined) {
    return result;
  }
  const types = asObject(value);
  if (types === undefined) {
    problems.push(`"${what}" must be an object of type → name → block`);
    return result;
  }
  for (const [type, byName] of Object.entries(types)) {
    const names = asObject(byName);
    if (names === undefined) {
      problems.push(`"${what}.${type}" must be an object of name → block`);
      continue;
    }
    const blocks = new Map<string, ResourceBlock>();
    for (const [name, block] of Object.entries(names)) {
      // Terraform JSON also allows a block to be a one-element array of objects.
      const object = asObject(Array.isArray(block) && block.length === 1 ? block[0] : block);
      if (object === undefined) {
        problems.push(`${what === "data" ? "data." : ""}${type}.${name} must be an object`);
        continue;
      }
      blocks.set(name, object);
    }
    result.set(type, blocks);
  }
  return result;
}
