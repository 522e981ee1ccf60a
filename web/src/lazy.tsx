// Pages most people never open (administration, money, coordination) are fetched when first
// opened, so the entry bundle a field modem downloads stays within its budget (scripts/size.mjs).
import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBox, Loading } from './components/ui';

/** A component standing for `load()`'s until it arrives (then rendered with the same props). */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyPage(props: P) {
    const [, setReady] = useState(false);
    const [error, setError] = useState<unknown>(null);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      pending ??= load();
      pending.then(
        (c) => { loaded = c; if (live) setReady(true); },
        (e) => { pending = null; if (live) setError(e); },
      );
      return () => { live = false; };
    }, []);
    if (loaded) return h(loaded as ComponentType<any>, props);
    return error ? <ErrorBox error={error} /> : <Loading />;
  };
}
