declare module "async-exit-hook" {
  type Hook = ((done: () => void) => void) | (() => void);
  function exitHook(hook: Hook): void;
  namespace exitHook {
    function hookEvent(event: string, code?: number, filter?: (...args: unknown[]) => boolean): void;
    function forceExitTimeout(ms: number): void;
    function uncaughtExceptionHandler(hook: (err: Error) => void): void;
    function unhandledRejectionHandler(hook: (err: unknown) => void): void;
  }
  export default exitHook;
}
