import { createHash } from "node:crypto";
import { archiveAttributes, archiveSources, StackJson, substituteArchives } from "../../scripts/plan/archive-substitution";

function stackWithArchive(overrides: Record<string, unknown> = {}): StackJson {
  return {
    data: {
      archive_file: {
        fn_archive: {
          "//": { metadata: { path: "stack/fn/archive" } },
          type: "zip",
          source_dir: "${path.module}/assets/fn_bundle/ABC",
          output_path: "${path.module}/archives/fn.zip",
          output_file_mode: "0644",
          ...overrides,
        },
      },
    },
    provider: { archive: [{}], aws: [{ region: "ap-northeast-1" }] },
    terraform: {
      required_providers: { archive: { source: "hashicorp/archive", version: "2.7.1" }, aws: { source: "aws", version: "5.100.0" } },
    },
    resource: {
      aws_lambda_function: {
        fn: {
          filename: "${data.archive_file.fn_archive.output_path}",
          source_code_hash: "${data.archive_file.fn_archive.output_base64sha256}",
          function_name: "fn",
        },
      },
    },
  };
}

const ZIP = Buffer.from("not really a zip, but bytes to hash");
const BUILT = { fn_archive: archiveAttributes(ZIP, "${path.module}/archives/fn.zip") };

describe("archiveSources", () => {
  test("lists each archive's bundle folder and zip path relative to the stack folder", () => {
    expect(archiveSources(stackWithArchive())).toEqual([
      {
        name: "fn_archive",
        sourceDir: "assets/fn_bundle/ABC",
        outputPath: "archives/fn.zip",
        outputPathExpression: "${path.module}/archives/fn.zip",
      },
    ]);
  });

  test("finds nothing in a stack without archives", () => {
    expect(archiveSources({ resource: {} })).toEqual([]);
  });

  test("refuses a source folder outside the stack folder", () => {
    expect(() => archiveSources(stackWithArchive({ source_dir: "/abs/bundle" }))).toThrow(
      'data.archive_file.fn_archive cannot be built without the archive provider: source_dir must start with ${path.module}/, got "/abs/bundle"',
    );
  });

  test("refuses a path that climbs out of the stack folder", () => {
    expect(() => archiveSources(stackWithArchive({ output_path: "${path.module}/../fn.zip" }))).toThrow("output_path must start with");
  });

  test("refuses single-file and inline archives", () => {
    expect(() => archiveSources(stackWithArchive({ source_file: "${path.module}/index.js" }))).toThrow("'source_file' is not supported");
  });
});

describe("archiveAttributes", () => {
  test("output_base64sha256 is the base64 of the SHA-256 of the zip's bytes", () => {
    expect(BUILT.fn_archive.output_base64sha256).toBe(createHash("sha256").update(ZIP).digest("base64"));
    expect(BUILT.fn_archive.output_base64sha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  test("the hex digests, size and id follow the archive provider's definitions", () => {
    expect(BUILT.fn_archive.output_sha256).toBe(createHash("sha256").update(ZIP).digest("hex"));
    expect(BUILT.fn_archive.output_md5).toBe(createHash("md5").update(ZIP).digest("hex"));
    expect(BUILT.fn_archive.output_sha).toBe(createHash("sha1").update(ZIP).digest("hex"));
    expect(BUILT.fn_archive.id).toBe(BUILT.fn_archive.output_sha);
    expect(BUILT.fn_archive.output_size).toBe(String(ZIP.length));
  });
});

describe("substituteArchives", () => {
  test("replaces the function's filename and source_code_hash with the built zip's path and hash", () => {
    const result = substituteArchives(stackWithArchive(), BUILT);
    const fn = (result.resource as Record<string, Record<string, Record<string, unknown>>>).aws_lambda_function.fn;

    expect(fn.filename).toBe("${path.module}/archives/fn.zip");
    expect(fn.source_code_hash).toBe(createHash("sha256").update(ZIP).digest("base64"));
    expect(fn.function_name).toBe("fn");
  });

  test("removes the archive data sources, the archive provider and its requirement", () => {
    const result = substituteArchives(stackWithArchive(), BUILT);

    expect(result).not.toHaveProperty("data");
    expect(result.provider).toEqual({ aws: [{ region: "ap-northeast-1" }] });
    expect(result.terraform).toEqual({ required_providers: { aws: { source: "aws", version: "5.100.0" } } });
    expect(JSON.stringify(result)).not.toContain("archive_file");
  });

  test("keeps other data sources", () => {
    const stack = stackWithArchive();
    (stack.data as Record<string, unknown>).aws_region = { current: {} };

    expect(substituteArchives(stack, BUILT).data).toEqual({ aws_region: { current: {} } });
  });

  test("leaves the stack it was given unchanged", () => {
    const stack = stackWithArchive();
    const before = JSON.stringify(stack);

    substituteArchives(stack, BUILT);

    expect(JSON.stringify(stack)).toBe(before);
  });

  test("refuses a reference inside a larger expression", () => {
    const stack = stackWithArchive();
    (stack.resource as Record<string, Record<string, Record<string, unknown>>>).aws_lambda_function.fn.description =
      "${upper(data.archive_file.fn_archive.output_md5)}";

    expect(() => substituteArchives(stack, BUILT)).toThrow("only whole");
  });

  test("refuses a reference to an archive no zip was built for", () => {
    expect(() => substituteArchives(stackWithArchive(), {})).toThrow("no zip was built for data.archive_file.fn_archive");
  });

  test("refuses a reference to an attribute it cannot compute", () => {
    const stack = stackWithArchive();
    (stack.resource as Record<string, Record<string, Record<string, unknown>>>).aws_lambda_function.fn.description =
      "${data.archive_file.fn_archive.output_crc}";

    expect(() => substituteArchives(stack, BUILT)).toThrow("attribute 'output_crc' is not one of");
  });
});
