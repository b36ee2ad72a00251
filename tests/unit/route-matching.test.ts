import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";

// The router module as the server loads it (CommonJS: @remix-run/server-runtime and
// react-router-dom/server require it), patched by patches/@remix-run+router+*.patch.
const { matchRoutes } = createRequire(import.meta.url)("@remix-run/router") as typeof import("@remix-run/router");

afterEach(() => vi.restoreAllMocks());

describe("route matching (decision 022)", () => {
  it("flattens and ranks a route tree once, however often it is matched", () => {
    let reads = 0;
    const route = (id: string, path: string) => {
      const r = { id } as { id: string; path?: string };
      Object.defineProperty(r, "path", { enumerable: true, get: () => (reads++, path) });
      return r;
    };
    const routes = [route("a", "a"), route("b", "b/:id"), route("c", "c/*")];
    expect(matchRoutes(routes, "/b/1")?.map((m) => [m.route.id, m.params])).toEqual([["b", { id: "1" }]]);
    const afterFirst = reads;
    expect(afterFirst).toBeGreaterThan(0);
    for (const path of ["/b/2", "/c/x/y", "/a", "/nowhere"]) matchRoutes(routes, path);
    expect(matchRoutes(routes, "/c/x/y")?.[0]?.params).toEqual({ "*": "x/y" });
    expect(reads).toBe(afterFirst);
  });

  it("compiles a route's path once (its warning, given once per compilation, shows it)", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const routes = [{ id: "files", path: "files*" }];
    for (let i = 0; i < 3; i++) expect(matchRoutes(routes, "/files/x")?.[0]?.route.id).toBe("files");
    expect(warn.mock.calls.filter(([m]) => String(m).includes('"files*"')).length).toBe(1);
  });

  it("still matches a different tree, and a tree built again, on its own", () => {
    const one = [{ id: "one", path: "x" }];
    const two = [{ id: "two", path: "x" }];
    expect(matchRoutes(one, "/x")?.[0]?.route.id).toBe("one");
    expect(matchRoutes(two, "/x")?.[0]?.route.id).toBe("two");
    expect(matchRoutes([{ id: "three", path: "y" }], "/x")).toBeNull();
  });
});
