/**
 * The routing suggestion's stemmer and its router per organisation file.
 * Russian Snowball stemming from @orama/stemmers: the Snowball project's own
 * algorithm compiled to JavaScript, kept up with Orama's releases, with no
 * dependencies and ESM types; the matching itself is pure, in shared/core/routing.
 */
import { stemmer } from '@orama/stemmers/russian';
import { buildRouter, type Router, type RoutingOrg, type Stem } from '../../core/routing/index.js';

const stems = new Map<string, string>();

/** Russian Snowball stem of one lower-cased word; remembered, as citizens use the same words again and again. */
export const stemRu: Stem = (word) => {
  let s = stems.get(word);
  if (s === undefined) {
    s = stemmer(word);
    // Bounded: a flood of odd words must not grow it without end.
    if (stems.size > 50_000) stems.clear();
    stems.set(word, s);
  }
  return s;
};

const routers = new WeakMap<RoutingOrg, Router>();

/** The router of an organisation file, built once per loaded file (a reloaded file is a new object). */
export function routerFor(org: RoutingOrg): Router {
  let router = routers.get(org);
  if (!router) {
    router = buildRouter(org, stemRu);
    routers.set(org, router);
  }
  return router;
}
