import { matchRoute } from "../../src/local-gateway/route/routing";
import type { MethodModel, ResourceModel } from "../../src/local-gateway/stack/stack-model";

const method = (httpMethod: string): MethodModel => ({
  httpMethod,
  authorization: "NONE",
  integration: { type: "MOCK", statusCode: 200, responses: [] },
});

function resource(pathPart: string, path: string, methods: string[], children: ResourceModel[] = []): ResourceModel {
  return { address: path, pathPart, path, children, methods: new Map(methods.map((m) => [m, method(m)])) };
}

const root = resource("", "/", ["GET"], [
  resource("items", "/items", ["GET"], [resource("special", "/items/special", ["GET"]), resource("{id}", "/items/{id}", ["ANY"])]),
  resource("files", "/files", [], [resource("{proxy+}", "/files/{proxy+}", ["GET"])]),
]);

describe("matchRoute", () => {
  test("the root resource answers an empty path", () => {
    expect(matchRoute(root, [], "GET")?.resource.path).toBe("/");
  });

  test("a literal path part wins over a {param}", () => {
    const match = matchRoute(root, ["items", "special"], "GET");
    expect(match?.resource.path).toBe("/items/special");
    expect(match?.pathParameters).toEqual({});
  });

  test("a {param} takes one segment, and ANY answers every method", () => {
    const match = matchRoute(root, ["items", "42"], "DELETE");
    expect(match?.resource.path).toBe("/items/{id}");
    expect(match?.method.httpMethod).toBe("ANY");
    expect(match?.pathParameters).toEqual({ id: "42" });
  });

  test("when the literal's subtree has no match, the {param} is tried", () => {
    expect(matchRoute(root, ["items", "special"], "POST")).toBeUndefined();
    expect(matchRoute(root, ["items", "other"], "POST")?.resource.path).toBe("/items/{id}");
  });

  test("{proxy+} takes the rest of the path but needs at least one segment", () => {
    expect(matchRoute(root, ["files", "a", "b.txt"], "GET")?.pathParameters).toEqual({ proxy: "a/b.txt" });
    expect(matchRoute(root, ["files"], "GET")).toBeUndefined();
  });

  test("an unknown path or a method the resource lacks matches nothing", () => {
    expect(matchRoute(root, ["nope"], "GET")).toBeUndefined();
    expect(matchRoute(root, ["items"], "POST")).toBeUndefined();
    expect(matchRoute(root, ["items", "1", "2"], "GET")).toBeUndefined();
  });
});
