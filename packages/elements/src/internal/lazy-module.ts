/** A module loaded when first wanted (a chunk of its own in the script-tag bundles). */
export interface LazyModule<M> {
  /** The module, once loaded. */
  readonly loaded: M | undefined;
  /** Loads it (once; again after a failure, which the promise rejects with). */
  load(): Promise<M>;
}

/** `importer` is the `() => import('./x.js')` that makes the chunk. */
export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  return {
    get loaded() {
      return loaded;
    },
    load() {
      loading ??= importer().then(
        (m) => (loaded = m),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
  };
}
