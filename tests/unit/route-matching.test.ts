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

// The React side of a server render (patches/@remix-run+react+*.patch and
// patches/react-router-dom+*.patch): RemixServer's routes and the static router's data
// routes are made once per build, so the matching above finds its cached ranking.
const { RemixServer } = createRequire(import.meta.url)("@remix-run/react/dist/server.js") as {
  RemixServer: (props: { context: unknown; url: string }) => unknown;
};

describe("server rendering's route tree (decision 022)", () => {
  const rootModule = { default: () => null };
  const manifestRoutes = { root: { id: "root", path: "", hasLoader: false, hasAction: false, module: "" } };
  const contextOf = (routeModules: Record<string, unknown>, future: object) => ({
    manifest: { routes: manifestRoutes },
    routeModules,
    future,
    isSpaMode: false,
    staticHandlerContext: {
      basename: "/",
      location: { pathname: "/", search: "", hash: "", state: null, key: "default" },
      matches: [],
      loaderData: {},
      actionData: null,
      errors: null,
    },
  });
  // The tree RemixServer renders: Fragment > RemixContext.Provider > RemixErrorBoundary > StaticRouterProvider.
  type Element = { props: { children: Element | Element[]; router?: { routes: { id: string }[] } } };
  const child = (e: Element) => (Array.isArray(e.props.children) ? e.props.children[0]! : e.props.children);
  const routesOf = (element: unknown) => child(child(child(element as Element))).props.router!.routes;

  it("reuses one route tree across requests with the same build", () => {
    const future = {};
    // Each request brings a new routeModules object holding the same modules.
    const first = routesOf(RemixServer({ context: contextOf({ root: rootModule }, future), url: "http://x/" }));
    const second = routesOf(RemixServer({ context: contextOf({ root: rootModule }, future), url: "http://x/" }));
    expect(first[0]!.id).toBe("root");
    expect(second).toBe(first);
  });

  it("makes a new tree when a route's module changed (a rebuilt app)", () => {
    const future = {};
    const first = routesOf(RemixServer({ context: contextOf({ root: rootModule }, future), url: "http://x/" }));
    const changed = { default: () => null };
    const second = routesOf(RemixServer({ context: contextOf({ root: changed }, future), url: "http://x/" }));
    expect(second).not.toBe(first);
    expect(second[0]!.id).toBe("root");
  });
});
