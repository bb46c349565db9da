import { readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { renderTemplate } from "../../src/local-gateway/render/templates";
import { LocalGateway, startLocalGateway } from "../../src/local-gateway/server";
import { send } from "../local-gateway/http-client";
import { synthRealApp } from "../local-gateway/synth-app";

/**
 * Gateway responses never echo what the caller sent. AWS's default body template
 * (`$context.error.messageString`) can quote the caller's `Authorization` header (signature errors do);
 * the library's fixed messages cannot. Served by the local gateway from the synthesized example app with
 * the response list emptied, so every type answers with the library's own defaults.
 */
const HOSTILE = `AWS4-HMAC-SHA256 Credential=<script>alert(1)</script>, Signature="${"x".repeat(2000)}"`;

let stackJsonPath: string;
let gateway: LocalGateway;

beforeAll(async () => {
  stackJsonPath = synthRealApp({ APIGW_GATEWAY_RESPONSES: "[]" });
  gateway = await startLocalGateway({ stackJsonPath, log: () => undefined });
});

afterAll(async () => {
  await gateway.close();
  rmSync(path.resolve(path.dirname(stackJsonPath), "..", ".."), { recursive: true, force: true });
});

describe("gateway response templates, rendered with a message that quotes the caller", () => {
  // What AWS puts in $context.error.messageString for a malformed signature: the caller's own header.
  const context = { get: (name: string) => (name === "error.messageString" ? JSON.stringify(`Invalid key=value pair in Authorization header: '${HOSTILE}'`) : undefined) };
  const templates = (): [string, string][] => {
    const stack = JSON.parse(readFileSync(stackJsonPath, "utf8")) as {
      resource: { aws_api_gateway_gateway_response: Record<string, { response_type: string; response_templates: Record<string, string> }> };
    };
    return Object.values(stack.resource.aws_api_gateway_gateway_response).map((r) => [r.response_type, r.response_templates["application/json"]]);
  };

  test("no type of the synthesized stack puts any of it in the body", () => {
    expect(templates()).toHaveLength(21);
    for (const [type, template] of templates()) {
      expect([type, renderTemplate(template, context, {})]).not.toEqual([type, expect.stringContaining("<script>")]);
    }
  });

  test("whereas AWS's own default template would echo it", () => {
    expect(renderTemplate('{"message":$context.error.messageString}', context, {})).toContain("<script>alert(1)</script>");
  });
});

describe("gateway responses under a hostile Authorization header, over HTTP", () => {
  test.each<[string, string, number, string]>([
    ["an unknown path", "/no/such/route", 403, "Missing Authentication Token"],
    ["the route without its credential", "/test", 401, "Unauthorized"],
  ])("%s keeps its status, fixed message and HSTS when the request carries a hostile Authorization header", async (_case, route, status, message) => {
    const reply = await send(`${gateway.stageUrls[0]}${route}`, { headers: { Authorization: HOSTILE } });
    expect(reply.status).toBe(status);
    expect(JSON.parse(reply.body)).toEqual({ message });
    expect(reply.body).not.toContain("<script>");
    expect(reply.body).not.toContain("Signature");
    expect(reply.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains; preload");
  });
});
